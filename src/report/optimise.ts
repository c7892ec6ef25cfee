/** Outputs of `fairshare optimise`: a readable table, CSV in pounds, JSON in pence. */
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import { yearLabel } from '../optimise/prepare.js';
import type { OptimisationResult } from '../optimise/result.js';
import { toCsv, type CsvCell } from './csv.js';
import { layoutTable } from './table.js';

const money = (pence: number) => formatPounds(pence, true);
const units = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const ENGINE_NAMES: Record<string, string> = { highs: 'HiGHS', jslp: 'javascript-lp-solver' };

/** Spending by year, priority, option and pot (areas summed), with its contracts. */
function byPriorityAndFund(result: OptimisationResult) {
  const lines = new Map<string, { year: number; priority: string; item: string; pot: string; pence: number; committed: number }>();
  const line = (year: number, priority: string, item: string, pot: string) => {
    const key = `${year}|${priority}|${item}|${pot}`;
    let found = lines.get(key);
    if (!found) lines.set(key, (found = { year, priority, item, pot, pence: 0, committed: 0 }));
    return found;
  };
  for (const s of result.spend) line(s.year, s.priority, s.option, s.pot).pence += s.pence;
  for (const c of result.commitments) {
    // A held contract is outside the optimisation: its spending is the contract itself.
    const entry = line(c.year, c.priority, c.held ? `${c.option} (held)` : c.option, c.pot);
    entry.committed += c.pence;
    if (c.held) entry.pence += c.pence;
  }
  for (const a of result.awards) if (a.awardPence > 0) line(a.year, a.priority, `${a.round} round`, a.pot).pence += a.awardPence;
  return [...lines.values()].filter((l) => l.pence > 0 || l.committed > 0);
}

export function formatOptimisationTable(result: OptimisationResult): string {
  const multiYear = result.years.length > 1;
  const out: string[] = [`${result.title}${result.period && !result.title.includes(result.period) ? ` (${result.period})` : ''}`, ''];
  out.push(`Solved by ${ENGINE_NAMES[result.engine] ?? result.engine} in ${result.seconds.toFixed(2)} s: optimal. Need-weighted outcome ${units(result.objective)} units.`);
  out.push(`Every constraint holds (largest breach ${result.worstViolation.toExponential(1)}, checked apart from the solver).`);

  out.push('', 'Allocation by priority and fund (contracts included; "held" = budget contracts outside the optimisation)');
  const rows = byPriorityAndFund(result);
  const header = [...(multiYear ? ['Year'] : []), 'Priority', 'Option', 'Fund / ring-fence', 'Contracts', 'New', 'Total'];
  const body = rows.map((l) => [...(multiYear ? [yearLabel(l.year)] : []), l.priority, l.item, l.pot, l.committed ? money(l.committed) : '-', money(l.pence - l.committed), money(l.pence)]);
  const total = rows.reduce((s, l) => s + l.pence, 0);
  const committed = rows.reduce((s, l) => s + l.committed, 0);
  body.push([...(multiYear ? [''] : []), 'Total', '', '', money(committed), money(total - committed), money(total)]);
  out.push(...layoutTable([header, ...body], [...(multiYear ? ['left' as const] : []), 'left', 'left', 'left', 'right', 'right', 'right']));

  if (result.spend.some((s) => s.area)) {
    out.push('', 'By area (areas that receive nothing are left out here; the CSV and JSON have every line)');
    const byArea = new Map<string, { year: number; priority: string; area: string; pence: number }>();
    const priorities = [...new Set(result.outcomes.map((o) => o.priority))];
    const order = (priority: string) => priorities.indexOf(priority);
    for (const s of result.spend) {
      if (!s.area || s.pence === 0) continue;
      const key = `${s.year}|${s.priority}|${s.area.key}`;
      const entry = byArea.get(key) ?? { year: s.year, priority: s.priority, area: `${s.area.label} (${s.area.key})`, pence: 0 };
      entry.pence += s.pence;
      byArea.set(key, entry);
    }
    out.push(
      ...layoutTable(
        [[...(multiYear ? ['Year'] : []), 'Priority', 'Area', 'Total'], ...[...byArea.values()].sort((a, b) => a.year - b.year || order(a.priority) - order(b.priority) || (a.area < b.area ? -1 : 1)).map((e) => [...(multiYear ? [yearLabel(e.year)] : []), e.priority, e.area, money(e.pence)])],
        [...(multiYear ? ['left' as const] : []), 'left', 'left', 'right'],
      ),
    );
  }

  out.push('', 'Outcome by priority (need-weighted units)');
  const outcomeRows = result.outcomes.filter((o) => o.outcome !== 0 || !multiYear);
  out.push(...layoutTable([[...(multiYear ? ['Year'] : []), 'Priority', 'Outcome'], ...outcomeRows.map((o) => [...(multiYear ? [yearLabel(o.year)] : []), o.priority, units(o.outcome)])], [...(multiYear ? ['left' as const] : []), 'left', 'right']));

  const rounds = [...new Set(result.awards.map((a) => a.round))];
  for (const round of rounds) {
    const list = result.awards.filter((a) => a.round === round);
    const funded = list.filter((a) => a.awardPence > 0);
    const first = list[0]!;
    const fundedTotal = funded.reduce((s, a) => s + a.awardPence, 0);
    const asked = list.reduce((s, a) => s + a.requestPence, 0);
    out.push('', `Grant round ${round} (${yearLabel(first.year)}, paid from ${first.pot}): ${funded.length} of ${list.length} applications funded, ${money(fundedTotal)} of ${money(asked)} asked for`);
    out.push(
      ...layoutTable(
        [['ID', 'Name', 'Score', 'Requested', 'Awarded', ''], ...list.map((a) => [a.id, a.name, a.score.toFixed(3), money(a.requestPence), a.awardPence ? money(a.awardPence) : '-', a.ineligible ?? (a.awardPence ? '' : 'not funded: the money does more elsewhere')])],
        ['left', 'left', 'right', 'right', 'right', 'left'],
      ),
    );
  }

  out.push('', 'Funds and ring-fences');
  out.push(
    ...layoutTable(
      [
        [...(multiYear ? ['Year'] : []), 'Fund / ring-fence', 'Body', 'Available', 'Held', 'Contracts', 'New', 'Unallocated'],
        ...result.pots.map((p) => [...(multiYear ? [yearLabel(p.year)] : []), p.path, p.body, money(p.availablePence), money(p.heldPence), money(p.committedPence), money(p.allocatedPence), money(p.unallocatedPence)]),
      ],
      [...(multiYear ? ['left' as const] : []), 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );

  out.push('');
  if (!result.priced) out.push('Binding constraints: not priced (--no-shadow-prices).');
  else if (result.binding.length === 0) out.push('No constraint binds: every limit has room to spare.');
  else {
    const held = result.awards.length > 0 ? ' (with the grant decisions as made)' : '';
    out.push(`Binding constraints and what they cost${held}`);
    for (const b of result.binding) out.push(`- ${b.words}`);
  }
  return `${out.join('\n')}\n`;
}

/** One row per allocation: spending on an option from a pot (and area), and each award. */
export function formatOptimisationCsv(result: OptimisationResult): string {
  const fenceOf = (path: string) => path.split('.').slice(1).join('.');
  const fundOf = (path: string) => path.split('.')[0]!;
  const rows: CsvCell[][] = [
    ...result.spend.map((s): CsvCell[] => [yearLabel(s.year), s.priority, s.option, '', s.area?.key ?? '', s.area?.label ?? '', s.fund, fenceOf(s.pot), penceToDecimalPounds(s.pence)]),
    ...result.commitments.filter((c) => c.held).map((c): CsvCell[] => [yearLabel(c.year), c.priority, `${c.option} (held)`, '', '', '', fundOf(c.pot), fenceOf(c.pot), penceToDecimalPounds(c.pence)]),
    ...result.awards.filter((a) => a.awardPence > 0).map((a): CsvCell[] => [yearLabel(a.year), a.priority, `${a.round} round`, a.id, a.area?.key ?? '', a.area?.label ?? '', fundOf(a.pot), fenceOf(a.pot), penceToDecimalPounds(a.awardPence)]),
  ];
  return toCsv(['year', 'priority', 'option', 'application', 'area_key', 'area_name', 'fund', 'ring_fence', 'amount_gbp'], rows);
}

export function optimisationJson(result: OptimisationResult, manifest: unknown): unknown {
  return {
    result: 'optimisation',
    title: result.title,
    period: result.period ?? null,
    years: result.years,
    solver: { engine: result.engine, seconds: result.seconds, status: 'optimal', largest_breach: result.worstViolation },
    objective: result.objective,
    outcomes: result.outcomes,
    spend: result.spend.map((s) => ({ year: s.year, priority: s.priority, option: s.option, ...(s.area && { area: s.area }), pot: s.pot, fund: s.fund, pence: s.pence })),
    commitments: result.commitments,
    awards: result.awards.map((a) => ({
      round: a.round,
      year: a.year,
      priority: a.priority,
      id: a.id,
      name: a.name,
      ...(a.area && { area: a.area }),
      pot: a.pot,
      score: a.score,
      request_pence: a.requestPence,
      award_pence: a.awardPence,
      ...(a.ineligible && { ineligible: a.ineligible }),
    })),
    pots: result.pots.map((p) => ({
      year: p.year,
      path: p.path,
      fund: p.fund,
      body: p.body,
      available_pence: p.availablePence,
      held_pence: p.heldPence,
      committed_pence: p.committedPence,
      allocated_pence: p.allocatedPence,
      unallocated_pence: p.unallocatedPence,
    })),
    binding: result.priced
      ? result.binding.map((b) => ({ constraint: b.role.text, kind: b.role.kind, key_path: b.role.keyPath.join('.'), year: b.role.year >= 0 ? result.years[b.role.year] : null, shadow_price: b.price, words: b.words }))
      : null,
    manifest,
  };
}
