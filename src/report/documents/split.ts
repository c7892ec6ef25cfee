/** A budget split as tables: funds > ring-fences > services, services in funding order, cash flow. */
import { nameOf } from '../../results/common.js';
import type { SplitJson } from '../../results/split.js';
import { formatPounds } from '../../money/units.js';
import { rowOf, type Column, type ResultDocument, type Row, type Table } from '../form.js';
import { documentTitle, money } from './common.js';

const QUARTERS = ['Q1 Apr-Jun', 'Q2 Jul-Sep', 'Q3 Oct-Dec', 'Q4 Jan-Mar'] as const;

/** The cash flow by fund and quarter: its own table, also written alone by `split --cash-flow`. */
export function cashFlowTable(json: SplitJson): Table {
  const flow = json.cash_flow ?? [];
  const columns: Column[] = [
    { id: 'fund', header: 'Fund', kind: 'text', width: 28 },
    ...QUARTERS.map((q, i) => money(`q${i + 1}_gbp`, q)),
    money('after_year_end_gbp', 'After year end'),
    money('total_gbp', 'Total'),
  ];
  const cells = (quarters: readonly number[], after: number, total: number) => ({ ...Object.fromEntries(quarters.map((p, i) => [`q${i + 1}_gbp`, p])), after_year_end_gbp: after, total_gbp: total });
  const sum = (pick: (row: (typeof flow)[number]) => number) => flow.reduce((s, row) => s + pick(row), 0);
  const carried = sum((row) => row.carried_in_pence ?? 0);
  return {
    name: 'Cash flow',
    caption: 'Cash flow by quarter (each contract and award paid by its schedule)',
    intro: carried > 0 ? [`Q1 includes ${formatPounds(carried, true)} carried in from last year: the final quarter of contracts paid in arrears that ran last year too.`] : [],
    columns,
    rows: [
      ...flow.map((row) => rowOf(columns, { fund: nameOf(json.names, 'fund', row.fund), ...cells(row.quarters_pence, row.after_year_end_pence, row.total_pence) })),
      rowOf(columns, { fund: 'All funds', ...cells([0, 1, 2, 3].map((q) => sum((row) => row.quarters_pence[q]!)), sum((row) => row.after_year_end_pence), sum((row) => row.total_pence)) }, { total: true }),
    ],
    csv: { totals: true },
  };
}

export function splitDocument(json: SplitJson): ResultDocument {
  const names = json.names;
  const fund = (path: string) => nameOf(names, 'fund', path);
  const service = (key: string) => nameOf(names, 'service', key);
  const priority = (key: string) => nameOf(names, 'priority', key);
  const fenceOf = (path: string) => path.split('.').slice(1).join('.');

  const treeColumns: Column[] = [
    { id: 'item', header: 'Fund / ring-fence / service', kind: 'text', width: 44 },
    { id: 'body', header: 'Body', kind: 'text', width: 10 },
    money('money_gbp', 'Money'),
    money('committed_gbp', 'Committed'),
    money('allocated_gbp', 'Allocated'),
    money('unallocated_gbp', 'Unallocated'),
  ];
  const tree: Row[] = [];
  for (const pot of json.pots) {
    const depth = pot.path.split('.').length - 1;
    const unfenced = pot.total_pence !== undefined && pot.pence !== pot.total_pence;
    tree.push(rowOf(treeColumns, { item: `${fund(pot.path)}${unfenced ? ' (unfenced)' : ''}`, body: pot.body, money_gbp: pot.pence, committed_gbp: pot.committed_pence, allocated_gbp: pot.allocated_pence, unallocated_gbp: pot.unallocated_pence }, { depth }));
    for (const s of json.services) {
      const draw = s.draws.find((d) => d.pot === pot.path);
      if (draw) tree.push(rowOf(treeColumns, { item: `- ${service(s.name)}`, committed_gbp: draw.committed_pence || null, allocated_gbp: draw.allocated_pence || null }, { depth: depth + 1 }));
    }
  }
  const sum = (pick: (pot: SplitJson['pots'][number]) => number) => json.pots.reduce((s, pot) => s + pick(pot), 0);
  tree.push(rowOf(treeColumns, { item: 'Total', money_gbp: sum((p) => p.pence), committed_gbp: sum((p) => p.committed_pence), allocated_gbp: sum((p) => p.allocated_pence), unallocated_gbp: sum((p) => p.unallocated_pence) }, { total: true }));
  const funds: Table = { name: 'Funds', caption: `Funds, ring-fences and the services paid from them (${json.year} commitments first)`, columns: treeColumns, rows: tree };

  const serviceColumns: Column[] = [
    { id: 'service', header: 'Service', kind: 'text', width: 30 },
    { id: 'priority', header: 'Priority', kind: 'text', width: 24 },
    { id: 'paid_from', header: 'Paid from', kind: 'text', width: 40 },
    money('committed_gbp', 'Committed'),
    money('requested_gbp', 'Requested'),
    money('allocated_gbp', 'Allocated'),
    money('shortfall_gbp', 'Shortfall'),
  ];
  const total = (pick: (s: SplitJson['services'][number]) => number) => json.services.reduce((t, s) => t + pick(s), 0);
  const services: Table = {
    name: 'Services',
    caption: 'Services, in funding order (priority, then file order)',
    columns: serviceColumns,
    rows: [
      ...json.services.map((s) =>
        rowOf(serviceColumns, { service: service(s.name), priority: priority(s.priority), paid_from: s.draws.map((d) => fund(d.pot)).join(', ') || '-', committed_gbp: s.committed_pence, requested_gbp: s.requested_pence, allocated_gbp: s.allocated_pence, shortfall_gbp: s.shortfall_pence || null }),
      ),
      rowOf(serviceColumns, { service: 'Total', committed_gbp: total((s) => s.committed_pence), requested_gbp: total((s) => s.requested_pence), allocated_gbp: total((s) => s.allocated_pence), shortfall_gbp: total((s) => s.shortfall_pence) }, { total: true }),
    ],
  };
  const shortfalls = json.shortfalls ?? json.services.filter((s) => s.shortfall_pence > 0).map((s) => ({ service: s.name, priority: s.priority, shortfall_pence: s.shortfall_pence }));
  const shortfallTotal = shortfalls.reduce((t, s) => t + s.shortfall_pence, 0);
  services.notes = [
    shortfalls.length === 0 ? 'Every request is met in full.' : `Shortfalls (${formatPounds(shortfallTotal, true)} in all): ${shortfalls.map((s) => `${service(s.service)} ${formatPounds(s.shortfall_pence, true)}`).join('; ')}`,
  ];

  // One line per fund x ring-fence x service, and one per pot for what is left: a pivot table's input.
  const lineColumns: Column[] = [
    { id: 'fund', header: 'Fund', kind: 'code', width: 18 },
    { id: 'ring_fence', header: 'Ring-fence', kind: 'code', width: 18 },
    { id: 'body', header: 'Body', kind: 'text', width: 10 },
    { id: 'service', header: 'Service', kind: 'code', width: 24 },
    { id: 'priority', header: 'Priority', kind: 'code', width: 22 },
    money('committed_gbp', 'Committed'),
    money('allocated_gbp', 'Allocated'),
    money('unallocated_gbp', 'Unallocated'),
  ];
  const lines: Row[] = [];
  for (const pot of json.pots) {
    for (const s of json.services) {
      const draw = s.draws.find((d) => d.pot === pot.path);
      if (draw) lines.push(rowOf(lineColumns, { fund: pot.fund, ring_fence: fenceOf(pot.path), body: pot.body, service: s.name, priority: s.priority, committed_gbp: draw.committed_pence, allocated_gbp: draw.allocated_pence }));
    }
    lines.push(rowOf(lineColumns, { fund: pot.fund, ring_fence: fenceOf(pot.path), body: pot.body, service: '', priority: '', unallocated_gbp: pot.unallocated_pence }));
  }
  const linesTable: Table = { name: 'Lines', caption: 'Fund, ring-fence and service lines', columns: lineColumns, rows: lines, only: 'files' };

  const paymentColumns: Column[] = [
    { id: 'service', header: 'Service', kind: 'text', width: 28 },
    { id: 'item', header: 'Contract or award', kind: 'text', width: 30 },
    { id: 'pot', header: 'Paid from', kind: 'text', width: 28 },
    { id: 'stage', header: 'Stage', kind: 'text', width: 28 },
    { id: 'period', header: 'Quarter', kind: 'text', width: 16 },
    money('amount_gbp', 'Amount'),
  ];
  const payments: Table = {
    name: 'Payments',
    caption: 'Every payment, service by service',
    columns: paymentColumns,
    rows: (json.payments ?? []).map((p) => rowOf(paymentColumns, { service: service(p.service), item: p.item, pot: fund(p.pot), stage: p.stage, period: p.period, amount_gbp: p.pence })),
    only: 'files',
  };
  return {
    title: documentTitle(json.title, json.period, json.manifest),
    facts: [],
    tables: [funds, services, cashFlowTable(json), linesTable, payments],
    notes: [],
    csvTable: 'Lines',
  };
}
