/** Outputs of `fairshare split`: a readable table, CSV in pounds, JSON in pence. */
import { PERIODS, type CashFlow } from '../funds/payments.js';
import type { SplitResult } from '../funds/split.js';
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import { toCsv, type CsvCell } from './csv.js';
import { layoutTable } from './table.js';

const money = (pence: number) => formatPounds(pence, true);
const dash = (pence: number) => (pence === 0 ? '-' : money(pence));

/** Every pot with the services paid from it: the fund x ring-fence x service view. */
function potsWithServices(result: SplitResult) {
  return result.pots.map((pot) => ({
    pot,
    services: result.fundingOrder.flatMap((name) => {
      const service = result.services.find((s) => s.name === name)!;
      const draw = service.draws.find((d) => d.pot === pot.path);
      return draw ? [{ service, draw }] : [];
    }),
  }));
}

export function formatSplitTable(result: SplitResult, flow: CashFlow): string {
  const out: string[] = [`${result.title}${result.period && !result.title.includes(result.period) ? ` (${result.period})` : ''}`, ''];
  out.push(`Funds, ring-fences and the services paid from them (${result.year} commitments first)`);
  const rows: string[][] = [['Fund / ring-fence / service', 'Body', 'Money', 'Committed', 'Allocated', 'Unallocated']];
  for (const { pot, services } of potsWithServices(result)) {
    const depth = pot.path.split('.').length - 1;
    rows.push([`${'  '.repeat(depth)}${pot.path}${pot.pence !== pot.totalPence ? ' (unfenced)' : ''}`, pot.body, money(pot.pence), money(pot.committedPence), money(pot.allocatedPence), money(pot.unallocatedPence)]);
    for (const { service, draw } of services) rows.push([`${'  '.repeat(depth + 1)}- ${service.name}`, '', '', dash(draw.committedPence), dash(draw.allocatedPence), '']);
  }
  out.push(...layoutTable(rows, ['left', 'left', 'right', 'right', 'right', 'right']));
  out.push('', 'Services, in funding order (priority, then file order)');
  const byName = new Map(result.services.map((s) => [s.name, s]));
  out.push(
    ...layoutTable(
      [
        ['Service', 'Priority', 'Paid from', 'Committed', 'Requested', 'Allocated', 'Shortfall'],
        ...result.fundingOrder.map((name) => {
          const s = byName.get(name)!;
          return [s.name, s.priority, s.draws.map((d) => d.pot).join(', ') || '-', money(s.committedPence), money(s.requestedPence), money(s.allocatedPence), dash(s.shortfallPence)];
        }),
      ],
      ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('');
  if (result.shortfalls.length === 0) out.push('Every request is met in full.');
  else {
    const total = result.shortfalls.reduce((sum, s) => sum + s.shortfallPence, 0);
    out.push(`Shortfalls (${money(total)} in all): ${result.shortfalls.map((s) => `${s.service} ${money(s.shortfallPence)}`).join('; ')}`);
  }
  out.push('', 'Cash flow by quarter (each contract and award paid by its schedule)');
  const totals = PERIODS.map((_, p) => flow.byFund.reduce((sum, row) => sum + row.periods[p]!, 0));
  out.push(
    ...layoutTable(
      [
        ['Fund', ...PERIODS, 'Total'],
        ...flow.byFund.map((row) => [row.fund, ...row.periods.map(money), money(row.totalPence)]),
        ['All funds', ...totals.map(money), money(totals.reduce((a, b) => a + b, 0))],
      ],
      ['left', ...PERIODS.map(() => 'right' as const), 'right'],
    ),
  );
  return `${out.join('\n')}\n`;
}

/** One row per fund x ring-fence x service, and one per pot for what is left unallocated. */
export function formatSplitCsv(result: SplitResult): string {
  const fenceOf = (path: string) => path.split('.').slice(1).join('.');
  const rows: CsvCell[][] = [];
  for (const { pot, services } of potsWithServices(result)) {
    for (const { service, draw } of services) {
      rows.push([pot.fund, fenceOf(pot.path), pot.body, service.name, service.priority, penceToDecimalPounds(draw.committedPence), penceToDecimalPounds(draw.allocatedPence), null]);
    }
    rows.push([pot.fund, fenceOf(pot.path), pot.body, '', '', null, null, penceToDecimalPounds(pot.unallocatedPence)]);
  }
  return toCsv(['fund', 'ring_fence', 'body', 'service', 'priority', 'committed_gbp', 'allocated_gbp', 'unallocated_gbp'], rows);
}

/** The cash flow by fund and quarter, in pounds: a row per fund and a total row. */
export function formatCashFlowCsv(flow: CashFlow): string {
  const columns = ['q1_gbp', 'q2_gbp', 'q3_gbp', 'q4_gbp', 'after_year_end_gbp'];
  const totals = PERIODS.map((_, p) => flow.byFund.reduce((sum, row) => sum + row.periods[p]!, 0));
  return toCsv(
    ['fund', ...columns, 'total_gbp'],
    [
      ...flow.byFund.map((row) => [row.fund, ...row.periods.map(penceToDecimalPounds), penceToDecimalPounds(row.totalPence)]),
      ['all funds', ...totals.map(penceToDecimalPounds), penceToDecimalPounds(totals.reduce((a, b) => a + b, 0))],
    ],
  );
}

export function splitJson(result: SplitResult, flow: CashFlow, manifest: unknown): unknown {
  const byName = new Map(result.services.map((s) => [s.name, s]));
  return {
    result: 'split',
    title: result.title,
    period: result.period ?? null,
    year: result.year,
    pots: result.pots.map((pot) => ({
      path: pot.path,
      fund: pot.fund,
      body: pot.body,
      ring_fenced: pot.ringFenced,
      total_pence: pot.totalPence,
      pence: pot.pence,
      committed_pence: pot.committedPence,
      allocated_pence: pot.allocatedPence,
      unallocated_pence: pot.unallocatedPence,
    })),
    services: result.fundingOrder.map((name) => {
      const s = byName.get(name)!;
      return {
        name: s.name,
        priority: s.priority,
        body: s.body,
        requested_pence: s.requestedPence,
        committed_pence: s.committedPence,
        allocated_pence: s.allocatedPence,
        shortfall_pence: s.shortfallPence,
        draws: s.draws.map((d) => ({ pot: d.pot, committed_pence: d.committedPence, allocated_pence: d.allocatedPence })),
        commitments: s.commitments.map((c) => ({ name: c.name, pot: c.pot, pence: c.pence, start: c.start, end: c.end })),
      };
    }),
    shortfalls: result.shortfalls.map((s) => ({ service: s.service, priority: s.priority, shortfall_pence: s.shortfallPence })),
    payments: flow.payments.map((line) => ({ service: line.service, item: line.item, pot: line.pot, fund: line.fund, stage: line.stage, period: PERIODS[line.period], pence: line.pence })),
    cash_flow: flow.byFund.map((row) => ({
      fund: row.fund,
      quarters_pence: row.periods.slice(0, 4),
      after_year_end_pence: row.periods[4],
      total_pence: row.totalPence,
    })),
    manifest,
  };
}
