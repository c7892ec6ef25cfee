/** Change against the prior year: diverging bars, gains one colour and losses another. */
import { UserError } from '../../errors.js';
import { framed, type Chart } from '../chart.js';
import type { AllocationJson } from '../../results/index.js';
import { BAND, GAIN, LOSS, WIDTH, listed } from '../theme.js';

const AREA = { field: 'area', type: 'nominal', sort: null, title: null } as const;
const percent = (change: number) => `${change > 0 ? '+' : change < 0 ? '-' : ''}${Math.abs(change * 100).toFixed(1)}%`;

export function changeChart(result: AllocationJson, source: string): Chart {
  const rows = result.areas
    .filter((a) => a.change !== null)
    .map((a) => ({ area: a.label, change: a.change!, label: percent(a.change!), outcome: a.damping_outcome ?? '' }))
    .sort((a, b) => b.change - a.change);
  if (rows.length === 0) throw new UserError(`${result.title}: there is no prior year to compare with (the model has no damping prior); choose another chart`);
  const gains = rows.filter((r) => r.change > 0);
  const losses = rows.filter((r) => r.change < 0);
  const held = rows.filter((r) => r.outcome === 'held at floor').map((r) => r.area);
  const alt =
    `Bar chart of each area's change against the prior year, ${result.title}: ${gains.length} of ${rows.length} areas gain and ${losses.length} lose. ` +
    (gains.length ? `The largest gain is ${rows[0]!.area} (${rows[0]!.label}). ` : '') +
    (losses.length ? `The largest loss is ${rows.at(-1)!.area} (${rows.at(-1)!.label}). ` : '') +
    (held.length ? `${listed(held)} ${held.length === 1 ? 'is' : 'are'} held at the damping floor.` : '');
  return framed('change', `Change against the prior year: ${result.title}`, source, alt.trim(), {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    transform: [{ calculate: 'datum.change >= 0 ? "left" : "right"', as: 'side' }],
    encoding: {
      // Padding leaves room for the labels at the bars' ends, on both sides.
      x: { field: 'change', type: 'quantitative', title: 'Change against the prior year', axis: { labelExpr: "datum.value === 0 ? '0%' : format(datum.value, '+.0%')", grid: true }, scale: { zero: true, padding: 48 } },
      tooltip: [
        { field: 'area', title: 'Area' },
        { field: 'label', title: 'Change' },
        { field: 'outcome', title: 'Damping' },
      ],
    },
    layer: [
      { mark: { type: 'bar' }, encoding: { y: AREA, color: { condition: { test: 'datum.change < 0', value: LOSS }, value: GAIN } } },
      // A rule at zero with no y: it spans the whole height.
      { mark: { type: 'rule', color: '#444444' }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: 'text', dx: { expr: 'datum.change >= 0 ? 4 : -4' }, align: { expr: 'datum.side' }, color: '#222222' },
        encoding: { y: AREA, text: { field: 'label' } },
      },
    ],
  });
}
