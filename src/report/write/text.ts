/** The terminal table: the document laid out in aligned columns, for reading. */
import { isNumeric, type ResultDocument, type Table } from '../form.js';
import { visible } from '../visible.js';
import { humanCell } from './cells.js';

type Align = 'left' | 'right';

/** Lay out rows as aligned columns; the first row is the header. */
export function layoutTable(rows: readonly string[][], align: readonly Align[]): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [header, ...body] = rows;
  return [line(header!), rule, ...body.map(line)];
}

/** One table: the columns shown on a terminal, totals set apart by a rule. */
export function tableLines(table: Table): string[] {
  const shown = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.wide);
  const text = (cells: readonly (string | number | null)[], depth = 0) =>
    shown.map(({ c, i }, n) => `${n === 0 && depth > 0 ? '  '.repeat(depth) : ''}${humanCell(cells[i] ?? null, c)}`);
  const body = table.rows.filter((r) => !r.total).map((r) => text(r.cells, r.depth));
  const totals = table.rows.filter((r) => r.total).map((r) => text(r.cells, r.depth));
  const align: Align[] = shown.map(({ c }) => (isNumeric(c.kind) ? 'right' : 'left'));
  const laid = layoutTable([shown.map(({ c }) => c.header), ...body, ...totals], align);
  if (totals.length === 0) return laid;
  return [...laid.slice(0, laid.length - totals.length), laid[1]!, ...laid.slice(laid.length - totals.length)];
}

export function documentText(doc: ResultDocument): string {
  const out: string[] = [visible(doc.title)];
  if (doc.facts.length > 0) {
    out.push('');
    const label = (f: (typeof doc.facts)[number]) => `${'  '.repeat(f.depth ?? 0)}${visible(f.label)}`;
    const width = Math.max(...doc.facts.map((f) => label(f).length));
    for (const fact of doc.facts) out.push(`${label(fact).padEnd(width)}  ${humanCell(fact.value, fact)}`.trimEnd());
  }
  for (const table of doc.tables) {
    if (table.only === 'files') continue;
    // A one-table document captions its table with its own title: once is enough.
    out.push('', ...(table.caption === doc.title ? [] : [visible(table.caption)]));
    for (const line of table.intro ?? []) out.push(visible(line));
    if (table.rows.length === 0) out.push('(none)');
    else out.push(...tableLines(table));
    for (const line of table.notes ?? []) out.push(visible(line));
  }
  if (doc.notes.length > 0) out.push('', ...doc.notes.map(visible));
  return `${out.join('\n')}\n`;
}
