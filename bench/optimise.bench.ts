/**
 * Optimisation speed (issue 5). Run: npm run bench:optimise
 *
 * 1. An allocation LP of about 10,000 variables: 7 priorities x 160 areas x 3 years, each
 *    cell drawing on one fund through a two-piece outcome curve, with fair shares between
 *    areas for two priorities, priority minimums and year-on-year stability.
 * 2. A grant round of 500 applications, each funded whole or not at all, with a cap per
 *    area and a minimum for one priority.
 *
 * Both models are SYNTHETIC (a seeded generator), for timing only. Solve times for HiGHS
 * and javascript-lp-solver side by side, medians of repeated runs; the two optima are
 * checked to agree.
 */
import { buildProgramme, type Programme } from '../src/optimise/build.js';
import { engine, type EngineName } from '../src/optimise/engines/index.js';
import { violations } from '../src/optimise/lp.js';
import { prepare } from '../src/optimise/prepare.js';
import { OptimisationSchema } from '../src/optimise/schema.js';
import { mulberry32 } from '../src/stats/random.js';
import { optimiseProgramme } from '../src/optimise/optimise.js';
import { grantRoundProgramme } from './grant-round.js';
import { median, timeAsync } from './timing.js';

const next = mulberry32(20261123);
const AREAS = 160;
const PRIORITIES = 7;
const YEARS = 3;
const areaKeys = Array.from({ length: AREAS }, (_, a) => `A${String(a).padStart(3, '0')}`);

function allocationProgramme(): Programme {
  const need = Float64Array.from(areaKeys, () => 100 + next() * 900);
  const priorities = Object.fromEntries(
    Array.from({ length: PRIORITIES }, (_, p) => [
      `p${p}`,
      {
        need_weight: 0.05 + next(),
        area_need: 'need',
        ...(p < 2 && { area_min_share: 0.6 }),
        ...(p === 3 && { min: 400_000 }),
        options: { [`o${p}`]: { eligible: [p % 2 ? 'core' : 'local'], segments: [{ up_to: 200_000 + Math.round(next() * 400_000), outcome_per_pound: 2 + next() }, { up_to: 1_500_000, outcome_per_pound: next() }] } },
      },
    ]),
  );
  const model = OptimisationSchema.parse({
    fairshare: 1,
    kind: 'optimisation',
    title: 'Benchmark allocation LP (synthetic)',
    year: 2025,
    years: YEARS,
    stability: 0.1,
    areas: { file: 'synthetic', key: 'key' },
    funds: { core: { amount: 2_500_000, by_year: { '2026': 2_600_000, '2027': 2_450_000 } }, local: { amount: 1_800_000 } },
    priorities,
  });
  const areas = { file: 'synthetic', header: ['key', 'need'], keys: areaKeys, labels: areaKeys, lines: areaKeys.map((_, a) => a + 2), columns: new Map([['need', need]]) };
  return buildProgramme(prepare({ model, resolved: new Map(), areas, applications: new Map() }));
}

async function measure(label: string, programme: Programme, runs: Partial<Record<EngineName, number>>, target: string) {
  const { lp } = programme;
  const integers = lp.columns.filter((c) => c.integer).length;
  const nonzeros = lp.rows.reduce((s, r) => s + r.indices.length, 0);
  console.log(`\n${label}: ${lp.columns.length} columns (${integers} integer), ${lp.rows.length} rows, ${nonzeros} nonzeros`);
  const optima: number[] = [];
  for (const name of (Object.keys(runs) as EngineName[])) {
    let objective = NaN;
    let status = '';
    const times = await timeAsync(runs[name]!, async () => {
      const solution = await engine(name).solve(lp, { timeLimitSeconds: 600 });
      status = solution.status;
      objective = solution.objective;
      if (solution.status === 'optimal' && violations(lp, solution.values).length > 0) throw new Error(`${name}: the solution breaks constraints`);
    });
    optima.push(objective);
    console.log(`  ${name.padEnd(5)}  median of ${runs[name]}: ${(median(times) / 1000).toFixed(3)} s  (runs: ${times.map((t) => (t / 1000).toFixed(3)).join(', ')})  ${status}, objective ${objective.toFixed(6)}${name === 'highs' ? `   target ${target}` : ''}`);
  }
  if (optima.length === 2) console.log(`  optima agree to ${(Math.abs(optima[0]! - optima[1]!) / Math.max(1, Math.abs(optima[0]!))).toExponential(2)} (relative)`);
}

// `--highs-only` skips javascript-lp-solver, which takes minutes here; `--jslp-only` runs it once.
const ENGINE_RUNS: Partial<Record<EngineName, number>> = process.argv.includes('--highs-only') ? { highs: 7 } : process.argv.includes('--jslp-only') ? { jslp: 1 } : { highs: 7, jslp: 3 };
console.log(`node ${process.version}; solve times include building each engine's model from the programme, and for jslp its worker thread`);
await measure('Allocation LP: 7 priorities x 160 areas x 3 years', allocationProgramme(), ENGINE_RUNS, '< 0.5 s');
await measure('Grant round: 500 applications, whole or nothing', grantRoundProgramme(next), ENGINE_RUNS, '< 3 s');

// Explaining the grant decisions: each eligible bid left out is solved again with it funded
// (at most ten a round), so a panel hears what funding it would have cost.
if (!process.argv.includes('--jslp-only')) {
  const programme = grantRoundProgramme(next);
  const bare = await timeAsync(5, () => optimiseProgramme(programme, { shadowPrices: false, explainDecisions: false }));
  const explained = await timeAsync(5, () => optimiseProgramme(programme, { shadowPrices: false }));
  console.log(`\nGrant round, whole optimise (HiGHS, no shadow prices): median of 5 ${(median(bare) / 1000).toFixed(3)} s without decisions explained, ${(median(explained) / 1000).toFixed(3)} s with them`);
}
