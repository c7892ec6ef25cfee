/** A sensitivity analysis as tables: weights over the draws, each area's range, one weight at a time. */
import type { SensitivityJson } from '../../results/sensitivity.js';
import { formatPounds } from '../../money/units.js';
import { formatPercent } from '../numbers.js';
import { rowOf, type Column, type Fact, type ResultDocument, type Table } from '../form.js';
import { AREA_CODE, AREA_NAME, areaCells, money } from './common.js';

const rank = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export function sensitivityDocument(json: SensitivityJson): ResultDocument {
  const weightsText = json.concentration === null || json.concentration === undefined ? "fixed at the model's" : `drawn from a Dirichlet distribution around the model's (concentration ${json.concentration})`;
  const errors = Object.entries(json.errors ?? {});
  const facts: Fact[] = [
    { label: 'Draws', value: json.draws, kind: 'integer' },
    { label: 'Seed', value: String(json.seed), kind: 'text' },
    { label: 'Weights', value: weightsText, kind: 'text' },
    { label: 'Data', value: errors.length === 0 ? 'as published' : `relative errors ${errors.map(([name, e]) => `${name} ${formatPercent(e)}`).join(', ')}`, kind: 'text' },
    ...(json.distributable_pence !== undefined ? [{ label: 'Every draw adds up to', value: json.distributable_pence, kind: 'pence', pence: 'auto' } as Fact] : []),
  ];
  const weightColumns: Column[] = [
    { id: 'indicator', header: 'Indicator', kind: 'code', width: 16 },
    { id: 'weight', header: 'Weight', kind: 'percent', width: 10 },
    { id: 'p05', header: '5th', kind: 'percent', decimals: 1, width: 10 },
    { id: 'p50', header: 'Median', kind: 'percent', decimals: 1, width: 10 },
    { id: 'p95', header: '95th', kind: 'percent', decimals: 1, width: 10 },
  ];
  const weights: Table = {
    name: 'Weights',
    caption: 'Weights over the draws (5th, 50th and 95th percentile)',
    columns: weightColumns,
    rows: (json.weights ?? []).map((w) => rowOf(weightColumns, { indicator: w.indicator, weight: w.weight, p05: w.p05, p50: w.p50, p95: w.p95 })),
  };
  const prior = json.areas.some((a) => a.probability_of_gain !== null && a.probability_of_gain !== undefined);
  const bars = json.tornado;
  const areaColumns: Column[] = [
    AREA_NAME,
    { ...AREA_CODE, wide: true },
    money('allocation_gbp', 'Allocation', 'never'),
    money('p05_gbp', '5th', 'never'),
    money('p50_gbp', 'Median', 'never'),
    money('p95_gbp', '95th', 'never'),
    { id: 'rank', header: 'Rank', kind: 'integer', width: 8 },
    { id: 'rank_range', header: 'Rank 5th-95th', kind: 'text', width: 14, noCsv: true },
    { id: 'rank_p05', header: 'Rank 5th', kind: 'number', wide: true, width: 10 },
    { id: 'rank_p50', header: 'Rank median', kind: 'number', wide: true, width: 10 },
    { id: 'rank_p95', header: 'Rank 95th', kind: 'number', wide: true, width: 10 },
    { id: 'probability_of_gain_percent', header: 'P(gain on prior)', kind: 'percent', decimals: 1, width: 16, ...(prior ? {} : { wide: true }) },
    ...bars.flatMap((bar): Column[] => [money(`${bar.indicator}_low_gbp`, `${bar.indicator} low`, 'never', { wide: true }), money(`${bar.indicator}_high_gbp`, `${bar.indicator} high`, 'never', { wide: true })]),
  ];
  const areas: Table = {
    name: 'Areas',
    caption: 'Allocation by area over the draws (rank 1 = the largest allocation)',
    columns: areaColumns,
    rows: json.areas.map((a) => {
      const swings = Object.fromEntries(
        bars.flatMap((bar) => {
          const own = bar.areas?.find((x) => x.key === a.key);
          return [
            [`${bar.indicator}_low_gbp`, own?.low_pence ?? null],
            [`${bar.indicator}_high_gbp`, own?.high_pence ?? null],
          ];
        }),
      );
      const ranks = a.rank_percentiles;
      return rowOf(areaColumns, {
        ...areaCells(a),
        allocation_gbp: a.allocation_pence,
        p05_gbp: a.allocation_pence_percentiles.p05,
        p50_gbp: a.allocation_pence_percentiles.p50,
        p95_gbp: a.allocation_pence_percentiles.p95,
        rank: a.rank ?? null,
        rank_range: ranks ? `${rank(ranks.p05)}-${rank(ranks.p95)}` : '',
        rank_p05: ranks?.p05 ?? null,
        rank_p50: ranks?.p50 ?? null,
        rank_p95: ranks?.p95 ?? null,
        probability_of_gain_percent: a.probability_of_gain ?? null,
        ...swings,
      });
    }),
    csv: { columns: ['area_key', 'area_name', 'allocation_gbp', 'p05_gbp', 'p50_gbp', 'p95_gbp', 'rank', 'rank_p05', 'rank_p50', 'rank_p95', 'probability_of_gain_percent', ...bars.flatMap((bar) => [`${bar.indicator}_low_gbp`, `${bar.indicator}_high_gbp`])] },
  };
  const labels = new Map(json.areas.map((a) => [a.key, a.label]));
  const tornadoColumns: Column[] = [
    { id: 'indicator', header: 'Weight', kind: 'code', width: 16 },
    { id: 'low', header: 'From', kind: 'percent', width: 10 },
    { id: 'high', header: 'To', kind: 'percent', width: 10 },
    money('spread_gbp', 'Moves in all', 'never'),
    { id: 'most_moved', header: 'Most moved area', kind: 'text', width: 60 },
  ];
  const tornado: Table = {
    name: 'One weight at a time',
    caption: `One weight at a time (each moved down and up by ${formatPercent(json.swing ?? 0)} of itself, the others rescaled), largest influence first`,
    columns: tornadoColumns,
    rows: bars.map((bar) => {
      const most = (bar.areas ?? []).reduce<{ key: string; low_pence: number; high_pence: number } | undefined>((m, a) => (!m || Math.abs(a.high_pence - a.low_pence) > Math.abs(m.high_pence - m.low_pence) ? a : m), undefined);
      const change = most ? most.high_pence - most.low_pence : 0;
      return rowOf(tornadoColumns, {
        indicator: bar.indicator,
        low: bar.low,
        high: bar.high,
        spread_gbp: bar.spread_pence,
        most_moved: most ? `${labels.get(most.key) ?? most.key} (${change >= 0 ? '+' : ''}${formatPounds(Math.round(change / 100) * 100)} from low to high)` : '',
      });
    }),
    ...(bars.length === 0 && { notes: ['(a single indicator: there is no weight to move)'] }),
  };
  return {
    title: `Sensitivity: ${json.title}`,
    facts,
    tables: [weights, areas, tornado],
    notes: ['Every draw goes through the whole formula (top-slices, minimum, damping, rounding). Percentiles are interpolated between draws (type 7, as numpy and Excel\'s PERCENTILE.INC).'],
    csvTable: 'Areas',
  };
}
