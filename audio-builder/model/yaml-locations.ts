// Parses one script file and maps data paths back to where a writer typed them.
// Every message a writer reads needs a line and column, so the parsed document is
// kept next to the plain data instead of being thrown away after toJS().
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export interface Position {
  line: number;
  column: number;
}

export interface SyntaxProblem extends Position {
  message: string;
}

export interface ParsedYaml {
  /** Plain data, or undefined when the YAML itself is broken or the file is empty. */
  data: unknown;
  syntaxProblems: SyntaxProblem[];
  /** Where a value sits (`at: "value"`) or where its key is written (`at: "key"`); nearest existing node. */
  locate(path: readonly PropertyKey[], at?: "key" | "value"): Position;
}

const START: Position = { line: 1, column: 1 };

/** yaml's own messages end with " at line L, column C:" and a source excerpt: we report the position ourselves. */
function plainMessage(code: string, message: string): string {
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  switch (code) {
    case "DUPLICATE_KEY":
      return "this key appears twice in the same mapping; keep one";
    case "MULTIPLE_DOCS":
      return "a script file holds one YAML document; remove the extra `---`";
    case "BLOCK_AS_IMPLICIT_KEY":
      // Almost always text with ": " in it, e.g. `say: Let op: adem in`.
      return "text containing `: ` must be in quotes, e.g. say: \"Let op: adem in\"";
    case "TAB_AS_INDENT":
      return "tabs are not allowed for indentation; indent with spaces";
    default: {
      const plain = first.charAt(0).toLowerCase() + first.slice(1);
      // yaml names the grammar rule; a writer needs to know it is about indentation.
      const indentation = code === "BAD_INDENT" || /without - indicator|must start at the same column|indent/i.test(first);
      return indentation ? `check the indentation (${plain})` : plain;
    }
  }
}

/** A script nests six levels at most (steps → breathe → ramp → inhale); anything far deeper is a mistake or an attack. */
export const MAX_DEPTH = 32;
/** Aliases (`*name`) a file may expand; yaml's own guard against "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

export function parseYaml(source: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const refused = (problem: SyntaxProblem): ParsedYaml => ({ data: undefined, syntaxProblems: [problem], locate: () => problem });

  // Checked before parsing: yaml runs out of memory on tens of thousands of nested brackets.
  const flowDepth = deepestFlow(source);
  if (flowDepth) return refused({ ...lineColumn(source, flowDepth.offset), message: nestedTooDeep });

  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const errors = upToFirstIndentationError(doc.errors);
  const syntaxProblems = errors.map((error) => ({
    ...position(error.pos[0]),
    message: plainMessage(error.code, error.message) + (error.code === "TAB_AS_INDENT" ? tabLines(errors, doc.errors, position) : ""),
  }));

  const tooDeep = syntaxProblems.length === 0 ? deepestNode(doc.contents) : undefined;
  if (tooDeep !== undefined) return refused({ ...position(tooDeep), message: nestedTooDeep });

  let data: unknown;
  if (syntaxProblems.length === 0 && doc.contents !== null) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      // "Excessive alias count" or an alias to an anchor that is not there.
      const message = /excessive alias/i.test(error.message)
        ? `the aliases (\`*name\`) in this file expand to too much data (more than ${MAX_ALIAS_COUNT}): write the values out, or use fewer aliases`
        : `${lowerFirst(error.message)}: define the anchor (\`&name\`) before using it`;
      return refused({ line: 1, column: 1, message });
    }
  }

  return {
    data,
    syntaxProblems,
    locate: (path, at = "value") => {
      const offset = offsetOf(doc, path, at);
      return offset === undefined ? START : position(offset);
    },
  };
}

const nestedTooDeep = `nested more than ${MAX_DEPTH} levels deep: a script needs at most six (steps, a step, its fields); check the brackets and indentation`;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

type YamlError = Document["errors"][number];

/**
 * An indentation mistake (a tab, or a line one space off) confuses the parser about everything
 * after it: yaml reports two to eight more errors on that line and the next, all caused by the
 * first. The errors before it stand on their own; the first indentation error is reported, with
 * every line that starts with a tab, and what follows it is left until it is fixed.
 */
function upToFirstIndentationError(errors: readonly YamlError[]): YamlError[] {
  const first = errors.findIndex((e) => e.code === "TAB_AS_INDENT" || isIndentation(e));
  return first < 0 ? [...errors] : errors.slice(0, first + 1);
}

function isIndentation(error: YamlError): boolean {
  return error.code === "BAD_INDENT" || /without - indicator|must start at the same column|indent/i.test(error.message.split("\n")[0]!);
}

function tabLines(kept: readonly YamlError[], all: readonly YamlError[], position: (offset: number) => Position): string {
  const lines = [...new Set(all.filter((e) => e.code === "TAB_AS_INDENT").map((e) => position(e.pos[0]).line))];
  if (lines.length <= 1 || kept.at(-1)?.code !== "TAB_AS_INDENT") return "";
  const list = lines.length > 6 ? `${lines.slice(0, 5).join(", ")} and ${lines.length - 5} more` : `${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}`;
  return ` (lines ${list} start with a tab)`;
}

/** The first bracket that opens level MAX_DEPTH + 1 of a flow collection, outside quotes and comments. */
function deepestFlow(source: string): { offset: number } | undefined {
  let depth = 0;
  let quote: string | undefined;
  // Brackets counted regardless of quotes, with a bound no text reaches: a quote the scan took
  // for an opening one must not hide a bracket bomb behind it.
  let raw = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "[" || c === "{") {
      if (++raw > 8 * MAX_DEPTH) return { offset: i };
    } else if ((c === "]" || c === "}") && raw > 0) raw--;
    if (quote) {
      if (c === "\\" && quote === '"') i++; // an escape, e.g. \" inside double quotes
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      // Only a quote that starts a scalar opens one; an apostrophe inside a word does not.
      const before = source[i - 1];
      if (before === undefined || /[\s\[{,:-]/.test(before)) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(source[i - 1]!))) {
      const end = source.indexOf("\n", i);
      i = end < 0 ? source.length : end;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_DEPTH) return { offset: i };
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Offset of the first node deeper than MAX_DEPTH (block nesting), walked without recursion. */
function deepestNode(root: unknown): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) return startOf(node) ?? 0;
    for (const item of node.items) {
      if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

function lineColumn(source: string, offset: number): Position {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** Walks the path as far as the document goes; stops at the deepest node that exists. */
function offsetOf(doc: Document, path: readonly PropertyKey[], at: "key" | "value"): number | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const [depth, segment] of path.entries()) {
    const last = depth === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const keyStart = startOf(pair.key);
      const value = pair.value;
      // A block mapping or list starts on the next line; the key line is where the writer looks.
      const pointAtKey = (last && at === "key") || !isScalar(value) || value.value === null;
      if (last) return (pointAtKey ? keyStart : startOf(value)) ?? offset;
      node = value;
      offset = keyStart ?? offset;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) return offset;
      node = item;
      offset = startOf(item) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  return node && typeof node === "object" && "range" in node ? (node as Node).range?.[0] : undefined;
}
