/** One weight at a time: how far moving each weight moves the allocations, largest first. */
import { framed, type Chart } from '../chart.js';
import type { SensitivityJson } from '../../results/index.js';
import { BAND, PALETTE, POUNDS_LABEL, WIDTH, pounds, spoken } from '../theme.js';

export function tornadoChart(result: SensitivityJson, source: string): Chart {
  const rows = result.tornado.map((bar) => ({
    weight: `${bar.indicator} (${+(bar.low * 100).toFixed(2)}% to ${+(bar.high * 100).toFixed(2)}%)`,
    spread: bar.spread_pence / 100,
  }));
  const alt =
    rows.length === 0
      ? `${result.title} has one indicator: there is no weight to move.`
      : `Bar chart of how much the allocations of ${result.title} move when each weight is moved down and up on its own, the others rescaled: ` +
        `${result.tornado.map((b) => `${b.indicator} ${spoken(b.spread_pence)}`).join(', ')} in all (the sum over areas of the difference between low and high).`;
  return framed('tornado', `Which weight matters most: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND + 4 },
    data: { values: rows },
    transform: [{ calculate: pounds('spread'), as: 'label' }],
    encoding: {
      y: { field: 'weight', type: 'nominal', sort: null, title: null },
      x: { field: 'spread', type: 'quantitative', title: 'Allocations moved, low to high, summed over areas', axis: { labelExpr: POUNDS_LABEL, grid: true } },
    },
    layer: [{ mark: { type: 'bar', color: PALETTE[1] } }, { mark: { type: 'text', align: 'left', dx: 4, color: '#222222' }, encoding: { text: { field: 'label' } } }],
  });
}
