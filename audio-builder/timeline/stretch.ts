// Stretching: bring a variant to its target length by growing the stretchable pauses.
// Pure integer-millisecond arithmetic so the timeline stays back to back and exact.

export interface Stretchable {
  minMs: number;
  /** Equal to minMs for a pause that may not grow. */
  maxMs: number;
}

/**
 * Returns the duration of each stretchable pause. The shortfall between `fixedMs + Σ min` and
 * `targetMs` is shared in proportion to each pause's headroom (max − min), so a pause with twice
 * the room grows twice as much and every pause reaches its max at the same moment. Never below
 * min, never above max; a variant already at or over its target keeps its minimums.
 */
export function stretchDurations(fixedMs: number, items: readonly Stretchable[], targetMs: number): number[] {
  const minTotal = fixedMs + items.reduce((sum, s) => sum + s.minMs, 0);
  const headrooms = items.map((s) => Math.max(0, s.maxMs - s.minMs));
  const totalHeadroom = headrooms.reduce((a, b) => a + b, 0);
  const shortfall = Math.round(targetMs) - minTotal;
  if (shortfall <= 0 || totalHeadroom === 0) return items.map((s) => s.minMs);
  if (shortfall >= totalHeadroom) return items.map((s) => s.maxMs);

  // Largest-remainder rounding: the shares add up to the shortfall to the millisecond.
  const exact = headrooms.map((h) => (shortfall * h) / totalHeadroom);
  const shares = exact.map(Math.floor);
  let left = shortfall - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .filter(({ i }) => (headrooms[i] ?? 0) > (shares[i] ?? 0))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return items.map((s, i) => s.minMs + (shares[i] ?? 0));
}
