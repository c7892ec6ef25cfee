/** A change receipt as a waterfall: from the old allocation, each factor's part, to the new. */
import { framed, type Chart } from '../chart.js';
import { factorName } from '../../receipts/receipt.js';
import type { ChangeJson } from '../../results/index.js';
import { GAIN, LOSS, MUTED, POUNDS_LABEL, WIDTH, spoken } from '../theme.js';


export function waterfallChart(result: ChangeJson, source: string): Chart {
  // One area: the only one, or the one whose allocation changed most.
  const area = result.areas.reduce((best, a) => (Math.abs(a.to_pence - a.from_pence) > Math.abs(best.to_pence - best.from_pence) ? a : best), result.areas[0]!);
  let running = area.from_pence;
  // The totals stand on a baseline just under the lowest level reached, so a part of a few
  // hundred pounds is visible beside an allocation of hundreds of thousands.
  let lowest = Math.min(area.from_pence, area.to_pence);
  let highest = Math.max(area.from_pence, area.to_pence);
  for (const p of area.parts) {
    running += p.pence;
    lowest = Math.min(lowest, running);
    highest = Math.max(highest, running);
  }
  running = area.from_pence;
  const base = Math.max(0, lowest - Math.max((highest - lowest) * 0.5, highest * 0.01));
  const steps = [
    { step: 'Before', start: base, end: area.from_pence, kind: 'total', order: 0 },
    // Parts under 50p are not drawn (they show as £0); the totals include them.
    ...area.parts
      .filter((p) => Math.abs(p.pence) >= 50)
      .map((p, i) => {
        const start = running;
        running += p.pence;
        return { step: factorName(p.factor), start, end: running, kind: p.pence > 0 ? 'gain' : 'loss', order: i + 1 };
      }),
    { step: 'After', start: base, end: area.to_pence, kind: 'total', order: area.parts.length + 1 },
  ].map((s) => ({ ...s, start: s.start / 100, end: s.end / 100, amount: (s.kind === 'total' ? s.end : s.end - s.start) / 100, label: s.kind === 'total' ? spoken(s.end) : `${s.end >= s.start ? '+' : '-'}${spoken(Math.abs(s.end - s.start))}` }));
  const change = area.to_pence - area.from_pence;
  const alt =
    `Waterfall chart of why ${area.label}'s allocation changed from ${spoken(area.from_pence)} (${result.from}) to ${spoken(area.to_pence)} (${result.to}) (${change >= 0 ? '+' : '-'}${spoken(Math.abs(change))}): ` +
    `${area.parts.filter((p) => p.pence !== 0).map((p) => `${factorName(p.factor)} ${p.pence >= 0 ? '+' : '-'}${spoken(Math.abs(p.pence))}`).join(', ') || 'nothing changed'}.`;
  return framed('waterfall', `Why ${area.label}'s allocation changed`, source, alt, {
    width: WIDTH,
    height: 300,
    data: { values: steps },
    encoding: {
      x: { field: 'step', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelAngle: 0, labelLimit: 160 } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'start', type: 'quantitative', title: 'Allocation', axis: { labelExpr: POUNDS_LABEL, grid: true }, scale: { zero: false } },
          y2: { field: 'end' },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['total', 'gain', 'loss'], range: [MUTED, GAIN, LOSS] }, legend: null },
          tooltip: [
            { field: 'step', title: 'Step' },
            { field: 'amount', title: '£', format: ',.2f' },
          ],
        },
      },
      { mark: { type: 'text', dy: -8, color: '#222222' }, encoding: { y: { field: 'end', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  });
}
