/** An optimisation as tables: spending by priority and fund, by area, outcomes, grant rounds, pots. */
import { nameOf } from '../../results/common.js';
import type { OptimisationJson } from '../../results/optimisation.js';
import { formatPounds } from '../../money/units.js';
import { rowOf, type Column, type Fact, type ResultDocument, type Row, type Table } from '../form.js';
import { documentTitle, money, yearLabel } from './common.js';

const ENGINE_NAMES: Record<string, string> = { highs: 'HiGHS', jslp: 'javascript-lp-solver' };

/** Spending by year, priority, option and pot (areas summed), with its contracts. */
function byPriorityAndFund(json: OptimisationJson) {
  const lines = new Map<string, { year: number; priority: string; option: string; held: boolean; round?: string; pot: string; pence: number; committed: number }>();
  const line = (year: number, priority: string, option: string, pot: string, extra: { held?: boolean; round?: string } = {}) => {
    const key = `${year}|${priority}|${option}|${extra.held ? 'held' : ''}|${extra.round ?? ''}|${pot}`;
    let found = lines.get(key);
    if (!found) lines.set(key, (found = { year, priority, option, held: extra.held ?? false, ...(extra.round !== undefined && { round: extra.round }), pot, pence: 0, committed: 0 }));
    return found;
  };
  for (const s of json.spend) line(s.year, s.priority, s.option, s.pot).pence += s.pence;
  for (const c of json.commitments) {
    // A held contract is outside the optimisation: its spending is the contract itself.
    const entry = line(c.year, c.priority, c.option ?? '', c.pot, { held: c.held });
    entry.committed += c.pence;
    if (c.held) entry.pence += c.pence;
  }
  for (const a of json.awards) if (a.award_pence > 0) line(a.year, a.priority, '', a.pot, { round: a.round }).pence += a.award_pence;
  return [...lines.values()].filter((l) => l.pence > 0 || l.committed > 0);
}

export function optimisationDocument(json: OptimisationJson): ResultDocument {
  const names = json.names;
  const priority = (key: string) => nameOf(names, 'priority', key);
  const option = (key: string) => nameOf(names, 'option', key);
  const fund = (path: string) => nameOf(names, 'fund', path);
  const round = (key: string) => nameOf(names, 'round', key);
  const multiYear = json.years.length > 1;
  const yearColumn: Column[] = multiYear ? [{ id: 'year', header: 'Year', kind: 'text', width: 10 }] : [];

  const engine = json.solver?.engine ?? 'highs';
  const facts: Fact[] = [
    { label: 'Solved by', value: `${ENGINE_NAMES[engine] ?? engine}: optimal${json.solver?.seconds !== undefined ? `, in ${json.solver.seconds.toFixed(2)} s` : ''}`, kind: 'text' },
    { label: 'Need-weighted outcome', value: json.objective, kind: 'count', decimals: 2 },
    { label: 'Checked', value: `every constraint holds (largest breach ${(json.solver?.largest_breach ?? 0).toExponential(1)}, checked apart from the solver)`, kind: 'text' },
  ];

  const spendColumns: Column[] = [
    ...yearColumn,
    { id: 'priority', header: 'Priority', kind: 'text', width: 24 },
    { id: 'option', header: 'Option', kind: 'text', width: 28 },
    { id: 'pot', header: 'Fund / ring-fence', kind: 'text', width: 28 },
    money('contracts_gbp', 'Contracts'),
    money('new_gbp', 'New'),
    money('total_gbp', 'Total'),
  ];
  const lines = byPriorityAndFund(json);
  const spendTotal = lines.reduce((s, l) => s + l.pence, 0);
  const committed = lines.reduce((s, l) => s + l.committed, 0);
  const spending: Table = {
    name: 'Allocation',
    caption: 'Allocation by priority and fund (contracts included; "held" = budget contracts outside the optimisation)',
    columns: spendColumns,
    rows: [
      ...lines.map((l) =>
        rowOf(spendColumns, {
          year: yearLabel(l.year),
          priority: priority(l.priority),
          option: l.round !== undefined ? `${round(l.round)} round` : `${option(l.option)}${l.held ? ' (held)' : ''}`,
          pot: fund(l.pot),
          contracts_gbp: l.committed || null,
          new_gbp: l.pence - l.committed,
          total_gbp: l.pence,
        }),
      ),
      rowOf(spendColumns, { priority: 'Total', contracts_gbp: committed, new_gbp: spendTotal - committed, total_gbp: spendTotal }, { total: true }),
    ],
  };
  const tables: Table[] = [spending];

  if (json.spend.some((s) => s.area)) {
    const areaColumns: Column[] = [...yearColumn, { id: 'priority', header: 'Priority', kind: 'text', width: 24 }, { id: 'area', header: 'Area', kind: 'text', width: 36 }, money('total_gbp', 'Total')];
    const order = new Map((json.outcomes ?? []).map((o, i) => [o.priority, i]));
    const byArea = new Map<string, { year: number; priority: string; area: string; pence: number }>();
    for (const s of json.spend) {
      if (!s.area || s.pence === 0) continue;
      const key = `${s.year}|${s.priority}|${s.area.key}`;
      const entry = byArea.get(key) ?? { year: s.year, priority: s.priority, area: `${s.area.label} (${s.area.key})`, pence: 0 };
      entry.pence += s.pence;
      byArea.set(key, entry);
    }
    const sorted = [...byArea.values()].sort((a, b) => a.year - b.year || (order.get(a.priority) ?? 0) - (order.get(b.priority) ?? 0) || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
    tables.push({
      name: 'By area',
      caption: 'By area (areas that receive nothing are left out here; the CSV and JSON have every line)',
      columns: areaColumns,
      rows: sorted.map((e) => rowOf(areaColumns, { year: yearLabel(e.year), priority: priority(e.priority), area: e.area, total_gbp: e.pence })),
    });
  }

  const outcomeColumns: Column[] = [...yearColumn, { id: 'priority', header: 'Priority', kind: 'text', width: 24 }, { id: 'outcome', header: 'Outcome', kind: 'count', decimals: 2, width: 12 }];
  tables.push({
    name: 'Outcomes',
    caption: 'Outcome by priority (need-weighted units)',
    columns: outcomeColumns,
    rows: (json.outcomes ?? []).filter((o) => o.outcome !== 0 || !multiYear).map((o) => rowOf(outcomeColumns, { year: yearLabel(o.year), priority: priority(o.priority), outcome: o.outcome })),
  });

  for (const name of [...new Set(json.awards.map((a) => a.round))]) {
    const list = json.awards.filter((a) => a.round === name);
    const funded = list.filter((a) => a.award_pence > 0);
    const first = list[0]!;
    const scale = first.score_scale;
    const columns: Column[] = [
      { id: 'id', header: 'ID', kind: 'code', width: 10 },
      { id: 'name', header: 'Name', kind: 'text', width: 40 },
      { id: 'score', header: scale !== undefined ? `Score (of ${scale})` : 'Score', kind: 'number', decimals: scale !== undefined ? 2 : 3, width: 12 },
      { id: 'rank', header: 'Rank', kind: 'integer', width: 8 },
      money('requested_gbp', 'Requested'),
      money('awarded_gbp', 'Awarded'),
      { id: 'decision', header: 'Decision', kind: 'text', width: 80 },
    ];
    const rows: Row[] = list.map((a) =>
      rowOf(columns, {
        id: a.id,
        name: a.name ?? '',
        score: a.panel_score ?? a.score,
        rank: a.rank ?? null,
        requested_gbp: a.request_pence,
        awarded_gbp: a.award_pence || null,
        decision: a.decision ?? a.ineligible ?? (a.award_pence ? 'funded' : 'not funded'),
      }),
    );
    const asked = list.reduce((s, a) => s + a.request_pence, 0);
    const given = funded.reduce((s, a) => s + a.award_pence, 0);
    rows.push(rowOf(columns, { id: 'Total', requested_gbp: asked, awarded_gbp: given }, { total: true }));
    tables.push({
      name: `Round ${name}`,
      caption: `Grant round ${round(name)} (${yearLabel(first.year)}, paid from ${fund(first.pot)}): ${funded.length} of ${list.length} applications funded, ${formatPounds(given, true)} of ${formatPounds(asked, true)} asked for`,
      columns,
      rows,
      notes: ['Outcome counts score x pounds awarded, so the bids that do most for the money can differ from the panel\'s ranking by score alone; each decision says what funding a left-out bid would have cost.'],
    });
  }

  const potColumns: Column[] = [
    ...yearColumn,
    { id: 'pot', header: 'Fund / ring-fence', kind: 'text', width: 28 },
    { id: 'body', header: 'Body', kind: 'text', width: 10 },
    money('available_gbp', 'Available'),
    money('held_gbp', 'Held'),
    money('contracts_gbp', 'Contracts'),
    money('new_gbp', 'New'),
    money('unallocated_gbp', 'Unallocated'),
  ];
  tables.push({
    name: 'Funds',
    caption: 'Funds and ring-fences',
    columns: potColumns,
    rows: (json.pots ?? []).map((p) =>
      rowOf(potColumns, { year: yearLabel(p.year), pot: fund(p.path), body: p.body, available_gbp: p.available_pence, held_gbp: p.held_pence, contracts_gbp: p.committed_pence, new_gbp: p.allocated_pence, unallocated_gbp: p.unallocated_pence }),
    ),
  });

  // One row per allocation: spending on an option from a pot (and area), held contracts, each award.
  const fenceOf = (path: string) => path.split('.').slice(1).join('.');
  const fundOf = (path: string) => path.split('.')[0]!;
  const lineColumns: Column[] = [
    { id: 'year', header: 'Year', kind: 'text', width: 10 },
    { id: 'priority', header: 'Priority', kind: 'code', width: 22 },
    { id: 'option', header: 'Option', kind: 'code', width: 26 },
    { id: 'application', header: 'Application', kind: 'code', width: 12 },
    { id: 'area_key', header: 'Area code', kind: 'code', width: 12 },
    { id: 'area_name', header: 'Area', kind: 'text', width: 28 },
    { id: 'fund', header: 'Fund', kind: 'code', width: 18 },
    { id: 'ring_fence', header: 'Ring-fence', kind: 'code', width: 18 },
    money('amount_gbp', 'Amount'),
  ];
  tables.push({
    name: 'Lines',
    caption: 'Every allocation line',
    columns: lineColumns,
    rows: [
      ...json.spend.map((s) => rowOf(lineColumns, { year: yearLabel(s.year), priority: s.priority, option: s.option, application: '', area_key: s.area?.key ?? '', area_name: s.area?.label ?? '', fund: fundOf(s.pot), ring_fence: fenceOf(s.pot), amount_gbp: s.pence })),
      ...json.commitments.filter((c) => c.held).map((c) => rowOf(lineColumns, { year: yearLabel(c.year), priority: c.priority, option: `${c.option ?? ''} (held)`, application: '', area_key: '', area_name: '', fund: fundOf(c.pot), ring_fence: fenceOf(c.pot), amount_gbp: c.pence })),
      ...json.awards.filter((a) => a.award_pence > 0).map((a) => rowOf(lineColumns, { year: yearLabel(a.year), priority: a.priority, option: `${a.round} round`, application: a.id, area_key: a.area?.key ?? '', area_name: a.area?.label ?? '', fund: fundOf(a.pot), ring_fence: fenceOf(a.pot), amount_gbp: a.award_pence })),
    ],
    only: 'files',
  });

  const notes: string[] = [];
  if (json.binding === null || json.binding === undefined) notes.push('Binding constraints: not priced (--no-shadow-prices).');
  else if (json.binding.length === 0) notes.push('No constraint binds: every limit has room to spare.');
  else {
    notes.push(`Binding constraints and what they cost${json.awards.length > 0 ? ' (with the grant decisions as made)' : ''}:`);
    for (const b of json.binding) notes.push(`- ${b.words}`);
  }
  return { title: documentTitle(json.title, json.period, json.manifest), facts, tables, notes, csvTable: 'Lines' };
}
