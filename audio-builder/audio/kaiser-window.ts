// The Kaiser window's parts, shared by the FIR filters designed here (band-limit.ts, upsampler.ts).

/** β for a stop band `attenuationDb` down (Kaiser's formula, for attenuation over 50 dB). */
export function kaiserBeta(attenuationDb: number): number {
  return 0.1102 * (attenuationDb - 8.7);
}

/** The zeroth-order modified Bessel function of the first kind, by its power series. */
export function besselI0(v: number): number {
  let sum = 1;
  let term = 1;
  const q = (v / 2) * (v / 2);
  for (let k = 1; k < 50 && term > 1e-12 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}
