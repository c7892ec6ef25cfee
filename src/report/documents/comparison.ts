/** A comparison as tables: each scenario against the base, line by line, and the long form for pivots. */
import type { ComparisonJson } from '../../results/comparison.js';
import { rowOf, type Column, type Fact, type ResultDocument, type Table } from '../form.js';
import { money } from './common.js';

const UNIT_HEADINGS = { area: 'Area', service: 'Service', priority: 'Priority' } as const;
const places = (moved: number) => (moved === 0 ? '=' : moved > 0 ? `up ${moved}` : `down ${-moved}`);

export function comparisonDocument(json: ComparisonJson): ResultDocument {
  const unit = UNIT_HEADINGS[json.unit];
  const facts: Fact[] = [{ label: 'Base', value: json.base.title, kind: 'text' }, { label: 'Base total', value: json.base.total_pence, kind: 'pence', pence: 'auto' }];
  const tables: Table[] = json.scenarios.map((scenario, s) => {
    const columns: Column[] = [
      { id: 'line', header: unit, kind: 'text', width: 32 },
      money('base_gbp', 'Base', 'auto'),
      money('scenario_gbp', 'Scenario', 'auto'),
      money('change_gbp', 'Change', 'auto'),
      { id: 'change_percent', header: 'Change %', kind: 'change', width: 10 },
      { id: 'rank', header: 'Rank', kind: 'text', width: 16 },
    ];
    return {
      name: `Scenario ${s + 1}`,
      caption: `Scenario: ${scenario.title}`,
      columns,
      rows: [
        ...json.lines.map((line) => {
          const own = line.scenarios[s]!;
          const rank = line.base_rank !== undefined && own.rank !== undefined ? `${line.base_rank} -> ${own.rank} (${places(own.rank_change ?? 0)})` : '';
          return rowOf(columns, { line: line.label, base_gbp: line.base_pence, scenario_gbp: own.pence, change_gbp: own.change_pence, change_percent: own.change, rank });
        }),
        rowOf(columns, { line: 'Total', base_gbp: json.base.total_pence, scenario_gbp: scenario.total_pence, change_gbp: scenario.change_pence, change_percent: json.base.total_pence ? scenario.change_pence / json.base.total_pence : null, rank: '' }, { total: true }),
      ],
    };
  });
  const longColumns: Column[] = [
    { id: 'scenario', header: 'Scenario', kind: 'text', width: 36 },
    { id: `${json.unit}_key`, header: `${unit} key`, kind: 'code', width: 14 },
    { id: `${json.unit}_name`, header: unit, kind: 'text', width: 32 },
    money('base_gbp', 'Base', 'auto'),
    money('scenario_gbp', 'Scenario', 'auto'),
    money('change_gbp', 'Change', 'auto'),
    { id: 'change_percent', header: 'Change %', kind: 'change', width: 10 },
    { id: 'base_rank', header: 'Base rank', kind: 'integer', width: 10 },
    { id: 'scenario_rank', header: 'Scenario rank', kind: 'integer', width: 12 },
    { id: 'rank_change', header: 'Places moved', kind: 'integer', width: 12 },
  ];
  tables.push({
    name: 'Comparison',
    caption: 'Every line of every scenario',
    columns: longColumns,
    rows: json.scenarios.flatMap((scenario, s) =>
      json.lines.map((line) => {
        const own = line.scenarios[s]!;
        return rowOf(longColumns, {
          scenario: scenario.title,
          [`${json.unit}_key`]: line.key,
          [`${json.unit}_name`]: line.label,
          base_gbp: line.base_pence,
          scenario_gbp: own.pence,
          change_gbp: own.change_pence,
          change_percent: own.change,
          base_rank: line.base_rank ?? null,
          scenario_rank: own.rank ?? null,
          rank_change: own.rank_change ?? null,
        });
      }),
    ),
    only: 'files',
  });
  return { title: `Comparison with ${json.base.title}`, facts, tables, notes: json.scenarios.map((s) => `- ${s.summary}`), csvTable: 'Comparison' };
}
