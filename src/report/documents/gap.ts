/** A gap analysis as tables: need against provision by priority, then by priority and area, ranked. */
import { nameOf } from '../../results/common.js';
import type { GapJson } from '../../results/gap.js';
import { rowOf, type Column, type ResultDocument, type Table } from '../form.js';
import { documentTitle, money } from './common.js';

/** Demand, capacity and unmet as the CSV has always given them: to six decimals. */
const six = (x: number | undefined) => (x === undefined ? null : +x.toFixed(6));

export function gapDocument(json: GapJson): ResultDocument {
  const priority = (key: string) => nameOf(json.names, 'priority', key);
  const priorityColumns: Column[] = [
    { id: 'rank', header: 'Rank', kind: 'integer', width: 6 },
    { id: 'priority', header: 'Priority', kind: 'text', width: 24 },
    { id: 'unit', header: 'Unit', kind: 'text', width: 12 },
    { id: 'demand', header: 'Demand', kind: 'count', decimals: 1, width: 12 },
    { id: 'capacity', header: 'Capacity', kind: 'count', decimals: 1, width: 12 },
    { id: 'unmet', header: 'Unmet', kind: 'count', decimals: 1, width: 12 },
    { id: 'unmet_percent', header: 'Unmet %', kind: 'percent', decimals: 1, width: 10 },
    money('unit_cost_gbp', 'Unit cost', 'auto'),
    money('unmet_cost_gbp', 'Cost of unmet demand'),
  ];
  const priorities: Table = {
    name: 'Priorities',
    caption: 'Need against provision by priority, the largest gap (by its cost) first',
    columns: priorityColumns,
    rows: [
      ...json.priorities.map((p) =>
        rowOf(priorityColumns, { rank: p.rank, priority: priority(p.name), unit: p.unit, demand: six(p.demand), capacity: six(p.capacity), unmet: six(p.unmet), unmet_percent: p.unmet_share, unit_cost_gbp: p.unit_cost_pence ?? null, unmet_cost_gbp: p.unmet_cost_pence }),
      ),
      rowOf(priorityColumns, { priority: 'Total', unmet_cost_gbp: json.priorities.reduce((s, p) => s + p.unmet_cost_pence, 0) }, { total: true }),
    ],
  };
  const unitCost = new Map(json.priorities.map((p) => [p.name, p.unit_cost_pence ?? null]));
  const areaColumns: Column[] = [
    { id: 'rank', header: 'Rank', kind: 'integer', width: 6 },
    { id: 'priority', header: 'Priority key', kind: 'code', width: 20, wide: true },
    { id: 'priority_name', header: 'Priority', kind: 'text', width: 24, noCsv: true },
    { id: 'area_key', header: 'Area code', kind: 'code', width: 12, wide: true },
    { id: 'area_name', header: 'Area', kind: 'text', width: 32 },
    { id: 'demand', header: 'Demand', kind: 'count', decimals: 1, width: 12 },
    { id: 'capacity', header: 'Capacity', kind: 'count', decimals: 1, width: 12 },
    { id: 'unmet', header: 'Unmet', kind: 'count', decimals: 1, width: 12 },
    money('unit_cost_gbp', 'Unit cost', 'auto', { wide: true }),
    money('unmet_cost_gbp', 'Cost of unmet demand'),
  ];
  const ranked = [...json.areas].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const areas: Table = {
    name: 'By priority and area',
    caption: 'By priority and area, the largest gaps first (capacity shared between areas by demand unless a service serves one area)',
    columns: areaColumns,
    rows: ranked.map((a) =>
      rowOf(areaColumns, { rank: a.rank ?? null, priority: a.priority, priority_name: priority(a.priority), area_key: a.key, area_name: a.label, demand: six(a.demand), capacity: six(a.capacity), unmet: six(a.unmet), unit_cost_gbp: unitCost.get(a.priority) ?? null, unmet_cost_gbp: a.unmet_cost_pence }),
    ),
    csv: { columns: ['priority', 'area_key', 'area_name', 'demand', 'capacity', 'unmet', 'unit_cost_gbp', 'unmet_cost_gbp', 'rank'] },
  };
  return {
    title: documentTitle(json.title, json.period, json.manifest, 'Gap analysis: '),
    facts: [],
    tables: [priorities, areas],
    notes: ['To weight an optimisation by these gaps: write the CSV (--out gap.csv) and give the optimisation model', '  need_weights: { file: gap.csv, priority: priority, weight: unmet_cost_gbp, area: area_key }'],
    csvTable: 'By priority and area',
  };
}
