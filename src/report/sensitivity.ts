/** Outputs of `fairshare sensitivity`: a readable table, CSV in pounds, JSON in pence. */
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import type { SensitivityResult } from '../scenario/sensitivity.js';
import { toCsv, type CsvCell } from './csv.js';
import { formatPercent } from './numbers.js';
import { layoutTable } from './table.js';

const pounds = (pence: number) => formatPounds(Math.round(pence / 100) * 100);
/** Percentiles of weights and probabilities: one decimal is what they can honestly claim. */
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
const rank = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

function describeRun(result: SensitivityResult): string {
  const weights = result.concentration === null ? 'weights fixed at the model\'s' : `weights drawn from a Dirichlet distribution around the model's (concentration ${result.concentration})`;
  const errors = Object.entries(result.errors);
  const data = errors.length === 0 ? 'data as published' : `indicator values with relative errors ${errors.map(([name, e]) => `${name} ${formatPercent(e)}`).join(', ')}`;
  return `${result.draws.toLocaleString('en-GB')} draws, seed ${result.seed}: ${weights}; ${data}. Every draw goes through the whole formula and adds up to ${formatPounds(result.distributablePence)}.`;
}

export function formatSensitivityTable(result: SensitivityResult): string {
  const out: string[] = [`Sensitivity: ${result.title}`, '', describeRun(result), ''];
  out.push('Weights over the draws (5th, 50th and 95th percentile)');
  out.push(...layoutTable([['Indicator', 'Weight', '5th', 'Median', '95th'], ...result.weights.map((w) => [w.indicator, formatPercent(w.weight), percent(w.p05), percent(w.p50), percent(w.p95)])], ['left', 'right', 'right', 'right', 'right']));
  const prior = result.areas.some((a) => a.probabilityOfGain !== null);
  out.push('', 'Allocation by area over the draws (rank 1 = the largest allocation)');
  out.push(
    ...layoutTable(
      [
        ['Area', 'Allocation', '5th', 'Median', '95th', 'Rank', 'Rank 5th-95th', ...(prior ? ['P(gain on prior)'] : [])],
        ...result.areas.map((a) => [
          a.label,
          pounds(a.allocationPence),
          pounds(a.allocation.p05),
          pounds(a.allocation.p50),
          pounds(a.allocation.p95),
          String(a.rank),
          `${rank(a.rankPercentiles.p05)}-${rank(a.rankPercentiles.p95)}`,
          ...(prior ? [a.probabilityOfGain === null ? '-' : percent(a.probabilityOfGain)] : []),
        ]),
      ],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('', `One weight at a time (each moved down and up by ${formatPercent(result.swing)} of itself, the others rescaled), largest influence first`);
  if (result.tornado.length === 0) out.push('(a single indicator: there is no weight to move)');
  else {
    const labels = new Map(result.areas.map((a) => [a.key, a.label]));
    out.push(
      ...layoutTable(
        [
          ['Weight', 'From', 'To', 'Moves in all', 'Most moved area'],
          ...result.tornado.map((bar) => {
            const most = bar.areas.reduce((m, a) => (Math.abs(a.highPence - a.lowPence) > Math.abs(m.highPence - m.lowPence) ? a : m));
            const change = most.highPence - most.lowPence;
            return [bar.indicator, formatPercent(bar.low), formatPercent(bar.high), pounds(bar.spreadPence), `${labels.get(most.key)} (${change >= 0 ? '+' : ''}${pounds(change)} from low to high)`];
          }),
        ],
        ['left', 'right', 'right', 'right', 'left'],
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

export function formatSensitivityCsv(result: SensitivityResult): string {
  const bars = result.tornado;
  const header = [
    'area_key',
    'area_name',
    'allocation_gbp',
    'p05_gbp',
    'p50_gbp',
    'p95_gbp',
    'rank',
    'rank_p05',
    'rank_p50',
    'rank_p95',
    'probability_of_gain',
    ...bars.flatMap((bar) => [`${bar.indicator}_low_gbp`, `${bar.indicator}_high_gbp`]),
  ];
  const rows = result.areas.map((a): CsvCell[] => {
    const swings = bars.flatMap((bar) => {
      const own = bar.areas.find((x) => x.key === a.key)!;
      return [penceToDecimalPounds(own.lowPence), penceToDecimalPounds(own.highPence)];
    });
    return [
      a.key,
      a.label,
      penceToDecimalPounds(a.allocationPence),
      penceToDecimalPounds(a.allocation.p05),
      penceToDecimalPounds(a.allocation.p50),
      penceToDecimalPounds(a.allocation.p95),
      a.rank,
      a.rankPercentiles.p05,
      a.rankPercentiles.p50,
      a.rankPercentiles.p95,
      a.probabilityOfGain,
      ...swings,
    ];
  });
  return toCsv(header, rows);
}

export function sensitivityJson(result: SensitivityResult, manifest: unknown): unknown {
  return {
    result: 'sensitivity',
    title: result.title,
    draws: result.draws,
    seed: result.seed,
    concentration: result.concentration,
    errors: result.errors,
    swing: result.swing,
    distributable_pence: result.distributablePence,
    weights: result.weights,
    areas: result.areas.map((a) => ({
      key: a.key,
      label: a.label,
      allocation_pence: a.allocationPence,
      rank: a.rank,
      ...(a.priorPence !== undefined && { prior_pence: a.priorPence }),
      allocation_pence_percentiles: a.allocation,
      rank_percentiles: a.rankPercentiles,
      probability_of_gain: a.probabilityOfGain,
    })),
    tornado: result.tornado.map((bar) => ({
      indicator: bar.indicator,
      weight: bar.weight,
      low: bar.low,
      high: bar.high,
      spread_pence: bar.spreadPence,
      areas: bar.areas.map((a) => ({ key: a.key, low_pence: a.lowPence, high_pence: a.highPence })),
    })),
    manifest,
  };
}
