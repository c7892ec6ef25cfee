/**
 * The benchmarks' grant round: 500 applications in two rounds, each funded whole or not at
 * all, a cap per area (20 areas) and a minimum for one priority. SYNTHETIC (drawn from the
 * generator passed in), for timing only. Shared by bench/optimise.bench.ts and
 * bench/highs-first-solve.ts.
 */
import { buildProgramme, type Programme } from '../src/optimise/build.js';
import { prepare } from '../src/optimise/prepare.js';
import { OptimisationSchema } from '../src/optimise/schema.js';

export function grantRoundProgramme(next: () => number): Programme {
  const areaKeys = Array.from({ length: 20 }, (_, a) => `A${String(a).padStart(3, '0')}`);
  const applications = Array.from({ length: 500 }, (_, i) => ({
    id: `G${String(i).padStart(3, '0')}`,
    request: 1000 + Math.round(next() * 9000),
    scores: { delivery: Math.round(next() * 5), fit: Math.round(next() * 5), need: Math.round(next() * 5) },
    area: areaKeys[Math.floor(next() * 20)]!,
  }));
  const round = (priority: string, list: typeof applications) => ({ priority, fund: 'community', award: { min: 1000, max: 10_000 }, score_weights: { delivery: 0.4, fit: 0.3, need: 0.3 }, applications: list });
  const model = OptimisationSchema.parse({
    fairshare: 1,
    kind: 'optimisation',
    title: 'Benchmark grant round (synthetic)',
    year: 2025,
    areas: { file: 'synthetic', key: 'key', max: 60_000 },
    funds: { community: { amount: 1_000_000 } },
    priorities: { community: { need_weight: 1 }, youth: { need_weight: 1.2, min: 150_000 } },
    grant_rounds: { community: round('community', applications.slice(0, 350)), youth: round('youth', applications.slice(350)) },
  });
  const areas = { file: 'synthetic', header: ['key'], keys: areaKeys, labels: areaKeys, lines: [], columns: new Map() };
  const byRound = new Map(Object.entries(model.grant_rounds!).map(([name, r]) => [name, r.applications!]));
  return buildProgramme(prepare({ model, resolved: new Map(), areas, applications: byRound }));
}
