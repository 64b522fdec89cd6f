// The webhook is a public Function URL: Dialogflow cannot sign requests with AWS credentials, so
// the agent's fulfillment settings send a secret header and this module checks it before anything
// else runs.
//
// Why not actions-on-google's own `verification` option: in 3.0.0 (dist/service/dialogflow/
// dialogflow.js) it compares header values with Array#indexOf (not constant time), answers 403
// with the reason in the body, needs the body already parsed (so malformed JSON never gets that
// far), and in its object form `{ headers, status, error }` it loops over the keys of that object
// ("headers", "status", "error") instead of the configured headers. The Lambda entry does it here.
import { createHash, timingSafeEqual } from "node:crypto";

/** The header set in the agent's webhook settings (Fulfillment → Webhook → Headers). */
export const WEBHOOK_SECRET_HEADER = "x-rustpunt-secret";

/** Constant time over sha256 digests: equal length whatever was sent, so length leaks nothing. */
export function secretMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined || expected === "") return false;
  const a = createHash("sha256").update(sent, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** Reads a SecureString parameter; injected in tests, the runtime's SDK in Lambda. */
export type ParameterReader = (name: string) => Promise<string>;

export interface SecretSource {
  /** The secret, loaded once per container; a failed load is retried on the next request. */
  get(): Promise<string>;
}

export function secretSource(from: { value: string } | { parameterName: string }, readParameter: ParameterReader = readSsmParameter): SecretSource {
  if ("value" in from) {
    const value = from.value;
    return { get: async () => value };
  }
  let pending: Promise<string> | undefined;
  const load = (): Promise<string> => {
    pending ??= readParameter(from.parameterName).then(
      (value) => {
        if (value === "") throw new Error(`SSM parameter ${from.parameterName} is empty; put the webhook secret in it`);
        return value;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  // Start at cold start, so the first request does not wait for it; its failure surfaces there.
  load().catch(() => undefined);
  return { get: load };
}

/** Minimal shape of @aws-sdk/client-ssm, which Lambda's nodejs24.x runtime provides. */
interface SsmModule {
  SSMClient: new (config: { maxAttempts?: number; requestHandler?: { connectionTimeout?: number; requestTimeout?: number } }) => {
    send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ Parameter?: { Value?: string } }>;
  };
  GetParameterCommand: new (input: { Name: string; WithDecryption: boolean }) => unknown;
}

// Not a dependency of the project: the runtime has it, the bundler leaves @aws-sdk/* external, and
// a specifier in a variable keeps TypeScript from looking for its types.
const SSM_MODULE = "@aws-sdk/client-ssm";
const SSM_TIMEOUT_MS = 1500;

export async function readSsmParameter(name: string): Promise<string> {
  const { SSMClient, GetParameterCommand } = (await import(SSM_MODULE)) as SsmModule;
  const client = new SSMClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 500, requestTimeout: SSM_TIMEOUT_MS } });
  const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }), {
    abortSignal: AbortSignal.timeout(SSM_TIMEOUT_MS * 2),
  });
  const value = out.Parameter?.Value;
  if (value === undefined) throw new Error(`SSM parameter ${name} has no value`);
  return value;
}
