/**
 * Standard normal variates from a uniform generator, by the Box-Muller transform. The
 * returned sampler keeps the second value of each pair, so two uniforms make two normals
 * and nothing is allocated per call.
 *
 * @example
 * const normal = normalSampler(mulberry32(7));
 * normal(); // => 0.14197043782155663
 */
export function normalSampler(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    // 1 - u is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
