/**
 * Sensitivity intervals: each area's allocation from the 5th to the 95th percentile of the
 * draws, as a percentage of the model's own allocation (so small and large areas can be read
 * on one axis), labelled with the range in pounds.
 */
import { framed, type Chart } from '../chart.js';
import type { SensitivityJson } from '../../results/index.js';
import { BAND, GAIN, LOSS, WIDTH, spoken } from '../theme.js';

const AREA = { field: 'area', type: 'nominal', sort: null, title: null } as const;

export function sensitivityChart(result: SensitivityJson, source: string): Chart {
  const rows = [...result.areas]
    .sort((a, b) => b.allocation_pence - a.allocation_pence)
    .map((a) => {
      const model = a.allocation_pence / 100;
      const { p05, p50, p95 } = a.allocation_pence_percentiles;
      const relative = (pence: number) => (model > 0 ? pence / 100 / model - 1 : 0);
      return { area: a.label, low: p05 / 100, median: p50 / 100, high: p95 / 100, model, lowChange: relative(p05), medianChange: relative(p50), highChange: relative(p95), range: `${spoken(p05)} to ${spoken(p95)}` };
    });
  const widest = [...rows].sort((a, b) => b.high - b.low - (a.high - a.low))[0];
  const fixed = rows.filter((r) => r.high === r.low).map((r) => r.area);
  const alt =
    `Range of each area's allocation over ${result.draws.toLocaleString('en-GB')} draws of ${result.title} (seed ${result.seed}), as a percentage of the model's own allocation: a line from the 5th to the 95th percentile and a tick at the median.` +
    (widest ? ` The widest range is ${widest.area}'s, ${spoken(widest.low * 100)} to ${spoken(widest.high * 100)}.` : '') +
    (fixed.length ? ` ${fixed.length} area${fixed.length === 1 ? '' : 's'} do not move at all.` : '');
  return framed('sensitivity', `How much the allocations depend on the weights and data: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    encoding: {
      tooltip: [
        { field: 'area', title: 'Area' },
        { field: 'model', title: 'Model (£)', format: ',.0f' },
        { field: 'low', title: '5th percentile (£)', format: ',.0f' },
        { field: 'median', title: 'Median (£)', format: ',.0f' },
        { field: 'high', title: '95th percentile (£)', format: ',.0f' },
      ],
    },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 4, color: GAIN },
        encoding: {
          y: AREA,
          x: { field: 'lowChange', type: 'quantitative', title: "5th to 95th percentile of the draws, against the model's allocation", scale: { zero: true, padding: 120 }, axis: { labelExpr: "datum.value === 0 ? '0%' : format(datum.value, '+.1%')", grid: true } },
          x2: { field: 'highChange' },
        },
      },
      { mark: { type: 'tick', thickness: 2, size: 14, color: LOSS }, encoding: { y: AREA, x: { field: 'medianChange', type: 'quantitative' } } },
      // A rule at zero with no y: it spans the whole height.
      { mark: { type: 'rule', color: '#444444' }, encoding: { x: { datum: 0 } } },
      { mark: { type: 'text', align: 'left', dx: 8, color: '#222222' }, encoding: { y: AREA, x: { field: 'highChange', type: 'quantitative' }, text: { field: 'range' } } },
    ],
  });
}
