/** Outputs of `fairshare split`: a readable table, CSV in pounds, JSON in pence. */
import type { CashFlowRow } from '../funds/payments.js';
import type { SplitResult } from '../funds/split.js';
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import { toCsv, type CsvCell } from './csv.js';
import { layoutTable } from './table.js';

const money = (pence: number) => formatPounds(pence, true);

export function formatSplitTable(result: SplitResult, flow: readonly CashFlowRow[]): string {
  const out: string[] = [`${result.title}${result.period && !result.title.includes(result.period) ? ` (${result.period})` : ''}`, ''];
  out.push('Funds and ring-fences');
  out.push(
    ...layoutTable(
      [
        ['Fund / ring-fence', 'Body', 'Money', 'Committed', 'Allocated', 'Unallocated'],
        ...result.pots.map((pot) => [`${'  '.repeat(pot.path.split('.').length - 1)}${pot.path}${pot.pence !== pot.totalPence ? ' (unfenced)' : ''}`, pot.body, money(pot.pence), money(pot.committedPence), money(pot.allocatedPence), money(pot.unallocatedPence)]),
      ],
      ['left', 'left', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('', `Services, in funding order (commitments for ${result.year} first, then requests by priority)`);
  const byName = new Map(result.services.map((s) => [s.name, s]));
  out.push(
    ...layoutTable(
      [
        ['Service', 'Priority', 'Paid from', 'Committed', 'Requested', 'Allocated', 'Shortfall'],
        ...result.fundingOrder.map((name) => {
          const s = byName.get(name)!;
          return [s.name, s.priority, s.draws.map((d) => d.pot).join(', ') || '-', money(s.committedPence), money(s.requestedPence), money(s.allocatedPence), s.shortfallPence ? money(s.shortfallPence) : '-'];
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
  out.push('', 'Cash flow by quarter (payment schedules applied)');
  out.push(
    ...layoutTable(
      [['Fund', 'Q1 Apr-Jun', 'Q2 Jul-Sep', 'Q3 Oct-Dec', 'Q4 Jan-Mar', 'Total'], ...flow.map((row) => [row.fund, ...row.quarters.map(money), money(row.totalPence)])],
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  return `${out.join('\n')}\n`;
}

/** One row per fund x ring-fence x service, and one per pot for what is left unallocated. */
export function formatSplitCsv(result: SplitResult): string {
  const fenceOf = (path: string) => path.split('.').slice(1).join('.');
  const rows: CsvCell[][] = [];
  for (const pot of result.pots) {
    for (const service of result.services) {
      const draw = service.draws.find((d) => d.pot === pot.path);
      if (draw) rows.push([pot.fund, fenceOf(pot.path), pot.body, service.name, service.priority, penceToDecimalPounds(draw.committedPence), penceToDecimalPounds(draw.allocatedPence), null]);
    }
    rows.push([pot.fund, fenceOf(pot.path), pot.body, '', '', null, null, penceToDecimalPounds(pot.unallocatedPence)]);
  }
  return toCsv(['fund', 'ring_fence', 'body', 'service', 'priority', 'committed_gbp', 'allocated_gbp', 'unallocated_gbp'], rows);
}

export function splitJson(result: SplitResult, flow: readonly CashFlowRow[], manifest: unknown): unknown {
  return {
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
      const s = result.services.find((service) => service.name === name)!;
      return {
        name: s.name,
        priority: s.priority,
        body: s.body,
        requested_pence: s.requestedPence,
        committed_pence: s.committedPence,
        allocated_pence: s.allocatedPence,
        shortfall_pence: s.shortfallPence,
        draws: s.draws.map((d) => ({ pot: d.pot, committed_pence: d.committedPence, allocated_pence: d.allocatedPence })),
        commitments: s.commitments,
      };
    }),
    shortfalls: result.shortfalls.map((s) => ({ service: s.service, priority: s.priority, shortfall_pence: s.shortfallPence })),
    cash_flow: flow.map((row) => ({ fund: row.fund, quarters_pence: row.quarters, total_pence: row.totalPence })),
    manifest,
  };
}
