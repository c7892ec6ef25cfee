/** HTML: the document's facts and tables as real tables, for reports and pages. Pure. */
import { isNumeric, type ResultDocument, type Table } from '../form.js';
import { escapeHtml, type Block, type Section } from '../html.js';
import { humanCell } from './cells.js';

/** One table of the form as an HTML table: numbers right-aligned, totals in bold, trees indented. */
export function tableHtml(table: Table, options: { captionShown?: boolean } = {}): string {
  const cls = (numeric: boolean) => (numeric ? ' class="n"' : '');
  const head = table.columns.map((c) => `<th scope="col"${cls(isNumeric(c.kind))}>${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const text = escapeHtml(humanCell(row.cells[i] ?? null, c));
        const indent = i === 0 && row.depth ? ` style="padding-left:${0.8 + 1.2 * row.depth}em"` : '';
        return `<td${cls(isNumeric(c.kind))}${indent}>${text}</td>`;
      });
      return `<tr${row.total ? ' class="total"' : ''}>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table data-table="${escapeHtml(table.name)}"><caption${options.captionShown === false ? ' class="sr-only"' : ''}>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The facts of a run as a two-column table. */
function factsHtml(doc: ResultDocument): string {
  const rows = doc.facts.map((f) => `<tr><th scope="row"${f.depth ? ` style="padding-left:${0.8 + 1.2 * f.depth}em"` : ''}>${escapeHtml(f.label)}</th><td${isNumeric(f.kind) ? ' class="n"' : ''}>${escapeHtml(humanCell(f.value, f))}</td></tr>`);
  return `<table class="facts"><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The document as page sections: the facts, then each table under its caption with its
 * notes. `figures` go into the first section, after its table (the charts of the result).
 */
export function documentSections(doc: ResultDocument, figures: readonly Block[] = [], options: { files?: boolean } = {}): Section[] {
  const tables = doc.tables.filter((t) => options.files || t.only !== 'files');
  const sections: Section[] = tables.map((table, i) => ({
    heading: table.caption,
    blocks: [
      ...(i === 0 && doc.facts.length > 0 ? [{ kind: 'html', html: factsHtml(doc) } as Block] : []),
      ...(table.intro ?? []).map((text): Block => ({ kind: 'paragraph', text })),
      // The section's heading is the caption: kept for screen readers, not shown twice.
      { kind: 'html', html: tableHtml(table, { captionShown: false }) },
      ...(table.notes ?? []).map((text): Block => ({ kind: 'paragraph', text })),
      ...(i === 0 ? figures : []),
    ],
  }));
  if (doc.notes.length > 0) sections.push({ heading: 'In short', blocks: [{ kind: 'list', items: doc.notes }] });
  return sections;
}
