/** Gap analysis: the cost of unmet demand by priority, largest first, stacked by area. */
import { framed, type Chart } from '../chart.js';
import { nameOf, type GapJson } from '../../results/index.js';
import { BAND, PALETTE, POUNDS_LABEL, WIDTH, spoken } from '../theme.js';

export function gapChart(result: GapJson, source: string): Chart {
  const name = (key: string) => nameOf(result.names, 'priority', key);
  const order = [...result.priorities].sort((a, b) => a.rank - b.rank).map((p) => name(p.name));
  const rows = result.areas.filter((a) => a.unmet_cost_pence > 0).map((a) => ({ priority: name(a.priority), area: a.label, pounds: a.unmet_cost_pence / 100 }));
  const total = result.priorities.reduce((s, p) => s + p.unmet_cost_pence, 0);
  const alt =
    `Stacked bar chart of the cost of unmet demand in ${result.title}, by priority and area, the largest gap first: ` +
    `${[...result.priorities].sort((a, b) => a.rank - b.rank).map((p) => `${name(p.name)} ${spoken(p.unmet_cost_pence)}${p.unmet_share === null ? '' : ` (${(p.unmet_share * 100).toFixed(0)}% of demand unmet)`}`).join(', ')}; ${spoken(total)} in all.`;
  return framed('gap', `Cost of unmet demand: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND + 4 },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'priority', type: 'nominal', sort: order, title: null },
      x: { field: 'pounds', type: 'quantitative', stack: 'zero', title: 'Cost of unmet demand a year', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      color: { field: 'area', type: 'nominal', title: 'Area', scale: { range: PALETTE }, legend: { orient: 'bottom', columns: 3 } },
      tooltip: [
        { field: 'priority', title: 'Priority' },
        { field: 'area', title: 'Area' },
        { field: 'pounds', title: 'Cost of unmet demand (£)', format: ',.0f' },
      ],
    },
  });
}
