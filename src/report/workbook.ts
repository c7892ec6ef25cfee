/**
 * Excel workbooks of results, described as plain data (src/io/workbook.ts writes them):
 * numbers stay numbers, money in pounds with a pound format, shares and percentages with
 * theirs, so finance staff can total, sort and chart them in Excel. Built from the JSON
 * results, like every other output.
 */
import type { AllocationJson, ComparisonJson, SplitJson } from '../charts/results.js';

export type CellFormat = 'pounds' | 'percent' | 'share' | 'number' | 'integer' | 'text';

export interface SheetColumn {
  header: string;
  key: string;
  format: CellFormat;
  width?: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, string | number | null>[];
  /** A closing row of column totals (money and counts only). */
  totals?: string[];
}

const pounds = (pence: number | undefined | null) => (pence === undefined || pence === null ? null : pence / 100);

/** What the run was made from, and whose data it used, for every workbook. */
export function provenanceSheet(manifests: readonly { label: string; manifest: Record<string, unknown> }[], attributions: readonly string[]): Sheet {
  const rows: Record<string, string | number | null>[] = [];
  for (const { label, manifest } of manifests) {
    for (const [key, value] of Object.entries(manifest)) {
      const text = typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
      rows.push({ run: label, item: key, value: text });
    }
  }
  for (const attribution of attributions) rows.push({ run: 'data', item: 'attribution', value: attribution });
  return {
    name: 'Provenance',
    columns: [
      { header: 'Run', key: 'run', format: 'text', width: 18 },
      { header: 'Item', key: 'item', format: 'text', width: 18 },
      { header: 'Value', key: 'value', format: 'text', width: 120 },
    ],
    rows,
  };
}

export function allocationSheets(result: AllocationJson): Sheet[] {
  const names = result.indicators.map((i) => i.name);
  const damped = result.areas.some((a) => a.prior_pence !== undefined);
  const allocations: Sheet = {
    name: 'Allocations',
    columns: [
      { header: 'Area code', key: 'key', format: 'text', width: 12 },
      { header: 'Area', key: 'label', format: 'text', width: 32 },
      ...names.map((name): SheetColumn => ({ header: `${name} share`, key: `share_${name}`, format: 'share', width: 14 })),
      { header: 'Need share', key: 'need_share', format: 'share', width: 12 },
      { header: 'Target (£)', key: 'target', format: 'pounds', width: 16 },
      ...(damped ? [{ header: 'Prior (£)', key: 'prior', format: 'pounds', width: 16 } as SheetColumn] : []),
      { header: 'Allocation (£)', key: 'allocation', format: 'pounds', width: 16 },
      ...(damped ? [{ header: 'Change', key: 'change', format: 'percent', width: 10 } as SheetColumn] : []),
    ],
    rows: result.areas.map((a) => ({
      key: a.key,
      label: a.label,
      ...Object.fromEntries(names.map((name) => [`share_${name}`, a.indicators[name]?.share ?? null])),
      need_share: a.need_share,
      target: pounds(a.target_pence),
      prior: pounds(a.prior_pence),
      allocation: pounds(a.allocation_pence),
      change: a.change,
    })),
    totals: ['target', ...(damped ? ['prior'] : []), 'allocation'],
  };
  const examples: Sheet = {
    name: 'Worked examples',
    columns: [
      { header: 'Area code', key: 'key', format: 'text', width: 12 },
      { header: 'Area', key: 'label', format: 'text', width: 32 },
      { header: 'Step', key: 'line', format: 'text', width: 120 },
    ],
    rows: result.areas.flatMap((a) => (a.worked_example ?? []).map((line) => ({ key: a.key, label: a.label, line }))),
  };
  const inputs: Sheet = {
    name: 'Inputs',
    columns: [
      { header: 'Item', key: 'item', format: 'text', width: 40 },
      { header: 'Value', key: 'value', format: 'text', width: 60 },
      { header: 'Amount (£)', key: 'amount', format: 'pounds', width: 16 },
    ],
    rows: [
      { item: 'Title', value: result.title, amount: null },
      { item: 'Pot total', value: null, amount: pounds(result.pot.total_pence) },
      ...(result.pot.top_slices ?? []).map((slice) => ({ item: `Top-slice: ${slice.name}`, value: null, amount: pounds(slice.pence) })),
      { item: 'Distributable', value: null, amount: pounds(result.pot.distributable_pence) },
      ...result.indicators.map((i) => ({ item: `Indicator: ${i.name}`, value: `weight ${i.weight}${i.column ? `, column ${i.column}` : ''}${i.expression ? `, expression ${i.expression}` : ''}`, amount: null })),
    ],
  };
  return [allocations, examples, inputs];
}

export function comparisonSheets(result: ComparisonJson): Sheet[] {
  const unit = { area: 'Area', service: 'Service', priority: 'Priority' }[result.unit];
  return [
    {
      name: 'Summary',
      columns: [
        { header: 'Scenario', key: 'title', format: 'text', width: 40 },
        { header: 'Total (£)', key: 'total', format: 'pounds', width: 16 },
        { header: 'Change (£)', key: 'change', format: 'pounds', width: 16 },
        { header: 'Summary', key: 'summary', format: 'text', width: 120 },
      ],
      rows: [{ title: `Base: ${result.base.title}`, total: pounds(result.base.total_pence), change: null, summary: null }, ...result.scenarios.map((s) => ({ title: s.title, total: pounds(s.total_pence), change: pounds(s.change_pence), summary: s.summary }))],
    },
    {
      name: 'Comparison',
      columns: [
        { header: 'Scenario', key: 'scenario', format: 'text', width: 36 },
        { header: `${unit} key`, key: 'key', format: 'text', width: 14 },
        { header: unit, key: 'label', format: 'text', width: 32 },
        { header: 'Base (£)', key: 'base', format: 'pounds', width: 16 },
        { header: 'Scenario (£)', key: 'pounds', format: 'pounds', width: 16 },
        { header: 'Change (£)', key: 'change', format: 'pounds', width: 16 },
        { header: 'Change', key: 'fraction', format: 'percent', width: 10 },
      ],
      rows: result.scenarios.flatMap((scenario, s) =>
        result.lines.map((line) => ({ scenario: scenario.title, key: line.key, label: line.label, base: pounds(line.base_pence), pounds: pounds(line.scenarios[s]!.pence), change: pounds(line.scenarios[s]!.change_pence), fraction: line.scenarios[s]!.change })),
      ),
    },
  ];
}

export function splitSheets(result: SplitJson): Sheet[] {
  const sheets: Sheet[] = [
    {
      name: 'Funds',
      columns: [
        { header: 'Fund', key: 'fund', format: 'text', width: 24 },
        { header: 'Fund / ring-fence', key: 'path', format: 'text', width: 36 },
        { header: 'Body', key: 'body', format: 'text', width: 10 },
        { header: 'Money (£)', key: 'money', format: 'pounds', width: 16 },
        { header: 'Committed (£)', key: 'committed', format: 'pounds', width: 16 },
        { header: 'Allocated (£)', key: 'allocated', format: 'pounds', width: 16 },
        { header: 'Unallocated (£)', key: 'unallocated', format: 'pounds', width: 16 },
      ],
      rows: result.pots.map((p) => ({ fund: p.fund, path: p.path, body: p.body, money: pounds(p.pence), committed: pounds(p.committed_pence), allocated: pounds(p.allocated_pence), unallocated: pounds(p.unallocated_pence) })),
      totals: ['money', 'committed', 'allocated', 'unallocated'],
    },
  ];
  if (result.services) {
    sheets.push({
      name: 'Services',
      columns: [
        { header: 'Service', key: 'name', format: 'text', width: 28 },
        { header: 'Priority', key: 'priority', format: 'text', width: 22 },
        { header: 'Paid from', key: 'from', format: 'text', width: 40 },
        { header: 'Committed (£)', key: 'committed', format: 'pounds', width: 16 },
        { header: 'Requested (£)', key: 'requested', format: 'pounds', width: 16 },
        { header: 'Allocated (£)', key: 'allocated', format: 'pounds', width: 16 },
        { header: 'Shortfall (£)', key: 'shortfall', format: 'pounds', width: 16 },
      ],
      rows: result.services.map((s) => ({ name: s.name, priority: s.priority, from: s.draws.map((d) => d.pot).join(', '), committed: pounds(s.committed_pence), requested: pounds(s.requested_pence), allocated: pounds(s.allocated_pence), shortfall: pounds(s.shortfall_pence) })),
      totals: ['committed', 'requested', 'allocated', 'shortfall'],
    });
  }
  if (result.cash_flow) {
    sheets.push({
      name: 'Cash flow',
      columns: [
        { header: 'Fund', key: 'fund', format: 'text', width: 24 },
        { header: 'Q1 Apr-Jun (£)', key: 'q1', format: 'pounds', width: 16 },
        { header: 'Q2 Jul-Sep (£)', key: 'q2', format: 'pounds', width: 16 },
        { header: 'Q3 Oct-Dec (£)', key: 'q3', format: 'pounds', width: 16 },
        { header: 'Q4 Jan-Mar (£)', key: 'q4', format: 'pounds', width: 16 },
        { header: 'After year end (£)', key: 'after', format: 'pounds', width: 18 },
        { header: 'Total (£)', key: 'total', format: 'pounds', width: 16 },
      ],
      rows: result.cash_flow.map((row) => ({ fund: row.fund, q1: pounds(row.quarters_pence[0]), q2: pounds(row.quarters_pence[1]), q3: pounds(row.quarters_pence[2]), q4: pounds(row.quarters_pence[3]), after: pounds(row.after_year_end_pence), total: pounds(row.total_pence) })),
      totals: ['q1', 'q2', 'q3', 'q4', 'after', 'total'],
    });
  }
  return sheets;
}
