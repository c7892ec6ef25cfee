/** Indicator contributions per area: each area's formula target, stacked by indicator. */
import { framed, type Chart } from '../chart.js';
import type { AllocationJson } from '../../results/index.js';
import { BAND, POUNDS_LABEL, WIDTH, spoken } from '../theme.js';

export function contributionsChart(result: AllocationJson, source: string): Chart {
  const pot = result.pot.distributable_pence / 100;
  const order = [...result.areas].sort((a, b) => b.need_share - a.need_share).map((a) => a.label);
  const rows = result.areas.flatMap((a) =>
    result.indicators.map((indicator, k) => ({
      area: a.label,
      indicator: `${indicator.name} (${+(indicator.weight * 100).toFixed(2)}%)`,
      order: k,
      pounds: (a.indicators[indicator.name]?.weighted ?? 0) * pot,
    })),
  );
  const top = [...result.areas].sort((a, b) => b.need_share - a.need_share)[0];
  const leading = top ? result.indicators.reduce((best, i) => ((top.indicators[i.name]?.weighted ?? 0) > (top.indicators[best.name]?.weighted ?? 0) ? i : best), result.indicators[0]!) : undefined;
  const alt =
    `Stacked bar chart of each area's formula target (need share x the distributable ${spoken(result.pot.distributable_pence)}), split by what each indicator contributes, ${result.title}. ` +
    `Weights: ${result.indicators.map((i) => `${i.name} ${+(i.weight * 100).toFixed(2)}%`).join(', ')}.` +
    (top && leading ? ` ${top.label} has the largest need share (${(top.need_share * 100).toFixed(1)}%), most of it from ${leading.name}.` : '') +
    ' The targets are before any minimum, damping and rounding.';
  return framed('contributions', `What each indicator contributes: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'area', type: 'nominal', sort: order, title: null },
      x: { field: 'pounds', type: 'quantitative', stack: 'zero', title: 'Formula target, by indicator', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      color: { field: 'indicator', type: 'nominal', title: 'Indicator (weight)', sort: { field: 'order' }, legend: { orient: 'bottom', columns: 2 } },
      order: { field: 'order' },
      tooltip: [
        { field: 'area', title: 'Area' },
        { field: 'indicator', title: 'Indicator' },
        { field: 'pounds', title: 'Contribution (£)', format: ',.0f' },
      ],
    },
  });
}
