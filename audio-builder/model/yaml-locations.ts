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
      const indentation = code === "BAD_INDENT" || /without - indicator/.test(first);
      return indentation ? `check the indentation (${plain})` : plain;
    }
  }
}

export function parseYaml(source: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntaxProblems = doc.errors.map((error) => ({
    ...position(error.pos[0]),
    message: plainMessage(error.code, error.message),
  }));

  return {
    data: syntaxProblems.length === 0 && doc.contents !== null ? doc.toJS() : undefined,
    syntaxProblems,
    locate: (path, at = "value") => {
      const offset = offsetOf(doc, path, at);
      return offset === undefined ? START : position(offset);
    },
  };
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
