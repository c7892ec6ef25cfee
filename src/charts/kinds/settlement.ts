/** A settlement: each area's allocation over the years, from the prior, as lines. */
import { framed, type Chart } from '../chart.js';
import type { SettlementJson } from '../../results/index.js';
import { PALETTE, POUNDS_LABEL, WIDTH, listed, spoken } from '../theme.js';

export function settlementChart(result: SettlementJson, source: string): Chart {
  const hasPrior = result.areas.some((a) => a.prior_pence !== null);
  const points = result.areas.flatMap((a) => [
    ...(hasPrior && a.prior_pence !== null ? [{ area: a.label, year: 'Prior', order: 0, pounds: a.prior_pence / 100 }] : []),
    ...result.years.map((y, k) => ({ area: a.label, year: `${y.label}${y.indicative ? ' (ind.)' : ''}`, order: k + 1, pounds: a.allocations_pence[k]! / 100 })),
  ]);
  const last = result.years.at(-1)!;
  const changes = result.areas.filter((a) => a.change_over_settlement !== null).sort((a, b) => b.change_over_settlement! - a.change_over_settlement!);
  const alt =
    `Line chart of each area's allocation over the ${result.years.length}-year settlement ${result.title}${hasPrior ? ', from the prior year' : ''}: ` +
    `${listed(result.areas.map((a) => `${a.label} ${spoken(a.allocations_pence.at(-1)!)} in ${last.label}`))}.` +
    (changes.length ? ` The largest rise over the settlement is ${changes[0]!.label} (${(changes[0]!.change_over_settlement! * 100).toFixed(1)}%), the largest fall ${changes.at(-1)!.label} (${(changes.at(-1)!.change_over_settlement! * 100).toFixed(1)}%).` : '');
  return framed('settlement', `Allocations year by year: ${result.title}`, source, alt, {
    width: WIDTH,
    height: 320,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', sort: { field: 'order' }, title: null, axis: { labelAngle: 0 } },
      y: { field: 'pounds', type: 'quantitative', title: 'Allocation', axis: { labelExpr: POUNDS_LABEL, grid: true }, scale: { zero: false } },
      color: { field: 'area', type: 'nominal', title: 'Area', scale: { range: PALETTE }, legend: { orient: 'bottom', columns: 2, labelLimit: 300 } },
      tooltip: [
        { field: 'area', title: 'Area' },
        { field: 'year', title: 'Year' },
        { field: 'pounds', title: 'Allocation (£)', format: ',.2f' },
      ],
    },
  });
}
