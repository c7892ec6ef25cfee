/**
 * Why the first HiGHS solve in a process is slow (issue 14, item 4). Run after `npm run build`:
 *
 *   node dist/bench/highs-first-solve.js                                   # default V8 tiering
 *   node --no-wasm-lazy-compilation --no-wasm-dynamic-tiering dist/bench/highs-first-solve.js
 *   node --wasm-tiering-budget=100000000 dist/bench/highs-first-solve.js
 *
 * Solves the benchmarks' grant round (bench/grant-round.ts, SYNTHETIC) N times (env N,
 * default 3) in one process, with a tiny model solved first to show that warming up on a
 * small problem does not help.
 */
import { performance } from 'node:perf_hooks';
import { engine } from '../src/optimise/engines/index.js';
import { mulberry32 } from '../src/stats/random.js';
import { grantRoundProgramme } from './grant-round.js';

const { lp } = grantRoundProgramme(mulberry32(20261123));
let t = performance.now();
await engine('highs').solve({ ...lp, columns: lp.columns.slice(0, 5), rows: [] }, {});
console.log(`tiny model first: ${(performance.now() - t).toFixed(0)} ms`);
for (let i = 0; i < Number(process.env['N'] ?? 3); i++) {
  t = performance.now();
  const solution = await engine('highs').solve(lp, { timeLimitSeconds: 600 });
  console.log(`grant round solve ${i + 1}: ${(performance.now() - t).toFixed(0)} ms (${solution.status}, objective ${solution.objective.toFixed(6)})`);
}
