/** Allocations by area: bars sorted from the largest, each labelled in pounds. */
import { framed, type Chart } from '../chart.js';
import type { AllocationJson } from '../../results/index.js';
import { BAND, PALETTE, POUNDS_LABEL, WIDTH, listed, pounds, spoken } from '../theme.js';

export function allocationsChart(result: AllocationJson, source: string): Chart {
  const rows = [...result.areas].sort((a, b) => b.allocation_pence - a.allocation_pence).map((a) => ({ area: a.label, key: a.key, allocation: a.allocation_pence / 100 }));
  const total = result.areas.reduce((s, a) => s + a.allocation_pence, 0);
  const alt =
    `Bar chart of the allocations of ${result.title} to ${rows.length} area${rows.length === 1 ? '' : 's'}, largest first: ` +
    `${listed(rows.map((r) => `${r.area} ${spoken(r.allocation * 100)}`))}. They add up to ${spoken(total)}.`;
  return framed('allocations', `Allocations: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    transform: [{ calculate: pounds('allocation'), as: 'label' }],
    encoding: {
      // The rows come sorted, largest first: keep their order.
      y: { field: 'area', type: 'nominal', sort: null, title: null },
      x: { field: 'allocation', type: 'quantitative', title: 'Allocation', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      tooltip: [
        { field: 'area', title: 'Area' },
        { field: 'allocation', title: 'Allocation (£)', format: ',.0f' },
      ],
    },
    layer: [
      { mark: { type: 'bar', color: PALETTE[0] } },
      { mark: { type: 'text', align: 'left', dx: 4, color: '#222222' }, encoding: { text: { field: 'label' } } },
    ],
  });
}
