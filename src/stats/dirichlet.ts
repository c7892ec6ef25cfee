/**
 * Dirichlet variates: weights that sum to 1, scattered around a centre. With centre w and
 * concentration c, the parameters are c x w, so each weight has mean w and variance
 * w (1 - w) / (c + 1): the higher the concentration, the closer to the centre. Weights of
 * zero stay zero. Written into `out`, so nothing is allocated per draw.
 *
 * @example
 * const next = mulberry32(7);
 * dirichletAround([0.5, 0.3, 0.2], 100, next, normalSampler(next), new Float64Array(3));
 * // => Float64Array [0.5765785405721868, 0.1933580942177545, 0.23006336521005877]
 */
import { gammaVariate } from './gamma.js';

export function dirichletAround(centre: ArrayLike<number>, concentration: number, uniform: () => number, normal: () => number, out: Float64Array): Float64Array {
  let sum = 0;
  for (let k = 0; k < centre.length; k++) {
    const alpha = concentration * centre[k]!;
    out[k] = alpha > 0 ? gammaVariate(alpha, uniform, normal) : 0;
    sum += out[k]!;
  }
  for (let k = 0; k < centre.length; k++) out[k] = out[k]! / sum;
  return out;
}
