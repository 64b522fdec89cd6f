// A silence longer than a platform's longest <break> becomes several breaks in a row.

/** Durations of the breaks that together make `totalMs`, none longer than `maxMs`. */
export function splitBreak(totalMs: number, maxMs: number): number[] {
  const total = Math.round(totalMs);
  if (total <= 0) return [];
  const parts: number[] = [];
  for (let left = total; left > 0; left -= maxMs) parts.push(Math.min(left, maxMs));
  return parts;
}

/** `<break time="…ms"/>` elements for a silence. */
export function breakTags(totalMs: number, maxMs: number): string {
  return splitBreak(totalMs, maxMs)
    .map((ms) => `<break time="${ms}ms"/>`)
    .join("");
}
