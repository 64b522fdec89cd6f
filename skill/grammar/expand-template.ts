// Expands one grammar template into every sentence it stands for. A template is words with:
//   (a|b)   one of the alternatives        [a|b]   one of them, or nothing
//   <name>  a fragment of the grammar (itself a list of templates)
//   {slot}  kept as is: the platform fills it (Alexa) or the generator annotates it (Dialogflow)
// Groups nest: "(doe|start) [maar [even|eens]] <np>". A group stands for whole words, so
// "ontspannings(tip|oefening)" is refused: write "(ontspanningstip|ontspanningsoefening)".

export class TemplateError extends Error {
  override readonly name = "TemplateError";
}

type Node = { kind: "text"; text: string } | { kind: "ref"; name: string } | { kind: "choice"; options: Node[][]; optional: boolean };

/** Every sentence the template stands for, single-spaced, in a stable order, without duplicates. */
export function expandTemplate(template: string, fragments: Readonly<Record<string, readonly string[]>>, where = "template"): string[] {
  const out = new Set<string>();
  for (const sentence of expandNodes(parse(template, where), fragments, where, [])) {
    const clean = sentence.replace(/\s+/g, " ").trim();
    if (clean !== "") out.add(clean);
  }
  return [...out];
}

function parse(template: string, where: string): Node[] {
  let i = 0;
  const fail = (message: string): never => {
    throw new TemplateError(`${where}: "${template}": ${message} (at character ${i + 1}).`);
  };
  const sequence = (closers: string): Node[][] => {
    const options: Node[][] = [[]];
    let text = "";
    const flush = (): void => {
      if (text !== "") options[options.length - 1]!.push({ kind: "text", text });
      text = "";
    };
    while (i < template.length) {
      const c = template[i]!;
      if (closers.includes(c)) {
        flush();
        return options;
      }
      if (c === "|") {
        if (closers === "") fail("| outside a group; wrap the alternatives in ( ) or [ ]");
        flush();
        options.push([]);
        i++;
      } else if (c === "(" || c === "[") {
        if (/[\p{L}']$/u.test(text)) fail(`a group stands for whole words: put a space before ${c}`);
        flush();
        i++;
        const inner = sequence(c === "(" ? ")" : "]");
        i++;
        if (/^[\p{L}'{<]/u.test(template[i] ?? "")) fail(`a group stands for whole words: put a space after ${c === "(" ? ")" : "]"}`);
        options[options.length - 1]!.push({ kind: "choice", options: inner, optional: c === "[" });
      } else if (c === "<") {
        flush();
        const end = template.indexOf(">", i);
        if (end < 0) fail("unclosed <");
        const name = template.slice(i + 1, end);
        if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`"<${name}>" is not a fragment name`);
        options[options.length - 1]!.push({ kind: "ref", name });
        i = end + 1;
      } else if (c === ")" || c === "]" || c === ">") {
        fail(`unexpected ${c}`);
      } else {
        text += c;
        i++;
      }
    }
    if (closers !== "") fail(`missing ${closers}`);
    flush();
    return options;
  };
  const top = sequence("");
  return top[0]!;
}

function expandNodes(nodes: Node[], fragments: Readonly<Record<string, readonly string[]>>, where: string, stack: string[]): string[] {
  let results = [""];
  for (const node of nodes) {
    let parts: string[];
    if (node.kind === "text") parts = [node.text];
    else if (node.kind === "ref") {
      const list = fragments[node.name];
      if (!list) throw new TemplateError(`${where}: no fragment <${node.name}> in this grammar.`);
      if (stack.includes(node.name)) throw new TemplateError(`${where}: fragment <${node.name}> refers to itself (${[...stack, node.name].join(" → ")}).`);
      parts = list.flatMap((t) => expandNodes(parse(t, `${where} <${node.name}>`), fragments, where, [...stack, node.name]));
    } else {
      parts = node.options.flatMap((option) => expandNodes(option, fragments, where, stack));
      if (node.optional) parts.unshift("");
    }
    const next: string[] = [];
    for (const left of results) for (const right of parts) next.push(`${left} ${right}`);
    results = next;
  }
  return results;
}
