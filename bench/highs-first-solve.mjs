/**
 * Why the first HiGHS solve in a process is slow (issue 14, item 4). Run after `npm run build`:
 *
 *   node bench/highs-first-solve.mjs                                   # default V8 tiering
 *   node --no-wasm-lazy-compilation --no-wasm-dynamic-tiering bench/highs-first-solve.mjs
 *   node --wasm-tiering-budget=100000000 bench/highs-first-solve.mjs
 *
 * Solves the benchmark's grant round (500 applications, SYNTHETIC, as bench/optimise.bench.ts)
 * N times (env N, default 3) in one process, with a tiny model solved first to show that
 * warming up on a small problem does not help.
 */
const dist = new URL('../dist/', import.meta.url).href;
const { buildProgramme } = await import(`${dist}src/optimise/build.js`);
const { engine } = await import(`${dist}src/optimise/engines/index.js`);
const { prepare } = await import(`${dist}src/optimise/prepare.js`);
const { OptimisationSchema } = await import(`${dist}src/optimise/schema.js`);
const { mulberry32 } = await import(`${dist}src/stats/random.js`);

const next = mulberry32(20261123);
const areaKeys = Array.from({ length: 20 }, (_, a) => `A${String(a).padStart(3, '0')}`);
const applications = Array.from({ length: 500 }, (_, i) => ({
  id: `G${String(i).padStart(3, '0')}`,
  request: 1000 + Math.round(next() * 9000),
  scores: { delivery: Math.round(next() * 5), fit: Math.round(next() * 5), need: Math.round(next() * 5) },
  area: areaKeys[Math.floor(next() * 20)],
}));
const round = (priority, list) => ({ priority, fund: 'community', award: { min: 1000, max: 10_000 }, score_weights: { delivery: 0.4, fit: 0.3, need: 0.3 }, applications: list });
const model = OptimisationSchema.parse({
  fairshare: 1,
  kind: 'optimisation',
  title: 'grant round (synthetic)',
  year: 2025,
  areas: { file: 'synthetic', key: 'key', max: 60_000 },
  funds: { community: { amount: 1_000_000 } },
  priorities: { community: { need_weight: 1 }, youth: { need_weight: 1.2, min: 150_000 } },
  grant_rounds: { community: round('community', applications.slice(0, 350)), youth: round('youth', applications.slice(350)) },
});
const areas = { file: 'synthetic', header: ['key'], keys: areaKeys, labels: areaKeys, lines: [], columns: new Map() };
const { lp } = buildProgramme(prepare({ model, resolved: new Map(), areas, applications: new Map(Object.entries(model.grant_rounds).map(([name, r]) => [name, r.applications])) }));

let t = performance.now();
await engine('highs').solve({ ...lp, columns: lp.columns.slice(0, 5), rows: [] }, {});
console.log(`tiny model first: ${(performance.now() - t).toFixed(0)} ms`);
for (let i = 0; i < Number(process.env.N ?? 3); i++) {
  t = performance.now();
  const solution = await engine('highs').solve(lp, { timeLimitSeconds: 600 });
  console.log(`grant round solve ${i + 1}: ${(performance.now() - t).toFixed(0)} ms (${solution.status}, objective ${solution.objective.toFixed(6)})`);
}
