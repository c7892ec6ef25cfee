/**
 * Gamma variates of a given shape (scale 1), by Marsaglia and Tsang's method (2000): a
 * normal variate cubed and accepted by a squeeze test, about 1.03 normals a variate for
 * every shape. Shapes below 1 use the boost gamma(a) = gamma(a + 1) x u^(1/a).
 *
 * @example
 * const next = mulberry32(7);
 * gammaVariate(2.5, next, normalSampler(next)); // => 3.1132792531997553
 */
export function gammaVariate(shape: number, uniform: () => number, normal: () => number): number {
  if (!(shape > 0)) throw new RangeError(`gammaVariate: the shape must be above zero, got ${shape}`);
  if (shape < 1) return gammaVariate(shape + 1, uniform, normal) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
