/** Outputs of `fairshare gap`: a readable table, CSV in pounds (by priority and area), JSON in pence. */
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import type { GapResult } from '../gap/gap.js';
import { toCsv } from './csv.js';
import { formatCount } from './numbers.js';
import { layoutTable } from './table.js';

const amount = (x: number) => formatCount(Math.round(x * 10) / 10);
const share = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export function formatGapTable(result: GapResult): string {
  const out: string[] = [`Gap analysis: ${result.title}${result.period && !result.title.includes(result.period) ? ` (${result.period})` : ''}`, ''];
  out.push('Need against provision by priority, the largest gap (by its cost) first');
  out.push(
    ...layoutTable(
      [
        ['Rank', 'Priority', 'Unit', 'Demand', 'Capacity', 'Unmet', 'Unmet %', 'Unit cost', 'Cost of unmet demand'],
        ...result.priorities.map((p) => [String(p.rank), p.name, p.unit, amount(p.demand), amount(p.capacity), amount(p.unmet), share(p.unmetShare), formatPounds(p.unitCostPence), formatPounds(p.unmetCostPence, true)]),
        ['', 'Total', '', '', '', '', '', '', formatPounds(result.priorities.reduce((s, p) => s + p.unmetCostPence, 0), true)],
      ],
      ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('', 'By priority and area, the largest gaps first (capacity shared between areas by demand unless a service serves one area)');
  const ranked = [...result.areas].sort((a, b) => a.rank - b.rank);
  out.push(
    ...layoutTable(
      [['Rank', 'Priority', 'Area', 'Demand', 'Capacity', 'Unmet', 'Cost of unmet demand'], ...ranked.map((a) => [String(a.rank), a.priority, a.label, amount(a.demand), amount(a.capacity), amount(a.unmet), formatPounds(a.unmetCostPence, true)])],
      ['right', 'left', 'left', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('', 'To weight an optimisation by these gaps: write the CSV (--out gap.csv) and give the optimisation model');
  out.push("  need_weights: { file: gap.csv, priority: priority, weight: unmet_cost_gbp, area: area_key }");
  return `${out.join('\n')}\n`;
}

/** One row per priority and area: the table an optimisation model's need_weights reads. */
export function formatGapCsv(result: GapResult): string {
  const unitCost = new Map(result.priorities.map((p) => [p.name, p.unitCostPence]));
  return toCsv(
    ['priority', 'area_key', 'area_name', 'demand', 'capacity', 'unmet', 'unit_cost_gbp', 'unmet_cost_gbp', 'rank'],
    result.areas.map((a) => [a.priority, a.key, a.label, +a.demand.toFixed(6), +a.capacity.toFixed(6), +a.unmet.toFixed(6), penceToDecimalPounds(unitCost.get(a.priority)!), penceToDecimalPounds(a.unmetCostPence), a.rank]),
  );
}

export function gapJson(result: GapResult, manifest: unknown): unknown {
  return {
    result: 'gap',
    title: result.title,
    period: result.period ?? null,
    priorities: result.priorities.map((p) => ({
      rank: p.rank,
      name: p.name,
      unit: p.unit,
      unit_cost_pence: p.unitCostPence,
      demand: p.demand,
      capacity: p.capacity,
      unmet: p.unmet,
      unmet_share: p.unmetShare,
      unmet_cost_pence: p.unmetCostPence,
      provision: p.provision,
    })),
    areas: result.areas.map((a) => ({ priority: a.priority, key: a.key, label: a.label, demand: a.demand, capacity: a.capacity, unmet: a.unmet, unmet_cost_pence: a.unmetCostPence, rank: a.rank })),
    manifest,
  };
}
