/** Scenario comparison: each scenario's change from the base, line by line, side by side. */
import { framed, type Chart } from '../chart.js';
import type { ComparisonJson } from '../../results/index.js';
import { PALETTE, POUNDS_LABEL, WIDTH } from '../theme.js';

export function comparisonChart(result: ComparisonJson, source: string): Chart {
  const rows = result.lines.flatMap((line) =>
    result.scenarios.map((scenario, s) => ({ line: line.label, scenario: scenario.title, order: s, change: line.scenarios[s]!.change_pence / 100 })),
  );
  const unit = { area: 'area', service: 'service', priority: 'priority' }[result.unit];
  const alt = `Bar chart of the change from the base (${result.base.title}) in each ${unit}, for ${result.scenarios.length} scenario${result.scenarios.length === 1 ? '' : 's'}. ${result.scenarios.map((s) => s.summary).join(' ')}`;
  return framed('comparison', `Scenarios against the base: ${result.base.title}`, source, alt, {
    width: WIDTH,
    // The step is each scenario's bar (the offset band), not the whole line.
    height: { step: 16 },
    data: { values: rows },
    encoding: {
      x: { field: 'change', type: 'quantitative', title: 'Change from the base', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      tooltip: [
        { field: 'line', title: unit[0]!.toUpperCase() + unit.slice(1) },
        { field: 'scenario', title: 'Scenario' },
        { field: 'change', title: 'Change (£)', format: '+,.0f' },
      ],
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'line', type: 'nominal', sort: null, title: null },
          yOffset: { field: 'scenario', sort: { field: 'order' } },
          color: { field: 'scenario', type: 'nominal', title: 'Scenario', sort: { field: 'order' }, scale: { range: PALETTE }, legend: { orient: 'bottom', columns: 1, labelLimit: 560 } },
        },
      },
      // A rule at zero with no y: it spans the whole height.
      { mark: { type: 'rule', color: '#444444' }, encoding: { x: { datum: 0 } } },
    ],
  });
}
