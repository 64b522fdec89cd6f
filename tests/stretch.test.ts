import { describe, expect, it } from "vitest";
import { stretchDurations } from "../audio-builder/timeline/stretch.js";

describe("stretchDurations", () => {
  it.each([
    { name: "shares the shortfall by headroom", fixed: 1000, items: [[1000, 5000], [1000, 3000]], target: 6000, expected: [3000, 2000] },
    { name: "reaches the target exactly with awkward ratios", fixed: 0, items: [[0, 1000], [0, 1000], [0, 1000]], target: 1000, expected: [334, 333, 333] },
    { name: "caps at max when the room runs out", fixed: 0, items: [[1000, 2000], [500, 900]], target: 10_000, expected: [2000, 900] },
    { name: "keeps minimums when already long enough", fixed: 9000, items: [[1000, 5000]], target: 5000, expected: [1000] },
    { name: "leaves fixed pauses (max = min) alone", fixed: 0, items: [[2000, 2000], [1000, 4000]], target: 5000, expected: [2000, 3000] },
    { name: "no stretchable pauses", fixed: 0, items: [], target: 5000, expected: [] },
  ])("$name", ({ fixed, items, target, expected }) => {
    const result = stretchDurations(fixed, items.map(([minMs, maxMs]) => ({ minMs: minMs!, maxMs: maxMs! })), target);
    expect(result).toEqual(expected);
  });

  it.each([
    [7, 12_345],
    [13, 99_999],
    [3, 1],
  ])("with %i pauses: integers, within [min, max], summing to the target when there is room", (n, target) => {
    const items = Array.from({ length: n }, (_, i) => ({ minMs: 100 * i, maxMs: 100 * i + 1000 * (i + 1) }));
    const room = items.reduce((s, x) => s + x.maxMs, 0);
    const result = stretchDurations(0, items, target);
    result.forEach((d, i) => {
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(items[i]!.minMs);
      expect(d).toBeLessThanOrEqual(items[i]!.maxMs);
    });
    const total = result.reduce((a, b) => a + b, 0);
    const minTotal = items.reduce((s, x) => s + x.minMs, 0);
    expect(total).toBe(Math.min(room, Math.max(minTotal, target)));
  });
});
