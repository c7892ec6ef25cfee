import { floorScale } from '/work/main/src/formula/damping/floor-scale.ts';
import { largestRemainder } from '/work/main/src/money/largest-remainder.ts';
import { mulberry32 } from '/work/main/src/stats/random.ts';
const n = 300, K = 4, next = mulberry32(1);
const amounts = Array.from({ length: K }, () => Float64Array.from({ length: n }, () => 100 + next() * 1000));
const totals = amounts.map((a) => a.reduce((s, v) => s + v, 0));
const distributable = 3_000_000;
const priors = Float64Array.from({ length: n }, () => (distributable / n) * (0.8 + next() * 0.4));
const needShares = new Float64Array(n);
const formula = new Float64Array(n);
const w = new Float64Array(K);
let check = 0;
const t = performance.now();
for (let d = 0; d < 10000; d++) {
  let s = 0; for (let k = 0; k < K; k++) { w[k] = 0.5 + next(); s += w[k]; } for (let k = 0; k < K; k++) w[k] /= s;
  needShares.fill(0);
  for (let k = 0; k < K; k++) { const a = amounts[k], tot = totals[k], wk = w[k]; for (let j = 0; j < n; j++) needShares[j] += wk * (a[j] / tot); }
  for (let j = 0; j < n; j++) formula[j] = needShares[j] * distributable;
  const damped = floorScale({ targets: formula, priors, distributable, unit: 100 }, -0.05);
  const r = largestRemainder(damped.exact, distributable, { lower: damped.lower });
  check += r.units[0];
}
console.log(((performance.now() - t)).toFixed(0), 'ms', check);
