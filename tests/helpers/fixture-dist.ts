// The shared fixture dist/ built once per `vitest run` by tests/setup/fixture-dist.ts.
import { inject } from "vitest";

/** Path of the fixture dist/; throws (failing the calling suite) when its build failed. */
export function fixtureDist(): string {
  const error = inject("fixtureDistError");
  if (error) throw new Error(`the shared fixture dist/ could not be built: ${error}`);
  return inject("fixtureDist");
}
