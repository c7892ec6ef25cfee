/**
 * Self-contained HTML pages (reports, notebooks): sections of paragraphs, tables, figures
 * (inline SVG with their alt text as the caption), worked examples and code. Pure: the
 * caller passes the fonts' CSS (the bundled DejaVu Sans as data URLs), so the page needs no
 * network and the charts' text is laid out as it was measured.
 */

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][]; numeric?: boolean[] }
  | { kind: 'figure'; title: string; svg: string; alt: string }
  | { kind: 'pre'; text: string; label?: string }
  | { kind: 'details'; summary: string; text: string }
  | { kind: 'html'; html: string };

export interface Section {
  heading: string;
  blocks: Block[];
}

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body { font-family: 'DejaVu Sans', sans-serif; color: #1a1a1a; max-width: 1000px; margin: 2em auto; padding: 0 1.5em; line-height: 1.5; font-size: 15px; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; } h3 { font-size: 1.05em; }
.subtitle { color: #444; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.4em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.facts th { text-align: left; font-weight: normal; color: #333; border-bottom: 1px solid #ddd; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #888; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 2px solid #888; }
figure { margin: 1.5em 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #333; font-size: 0.9em; margin-top: 0.4em; }
pre.command { background: #e8eef5; margin-bottom: 0; } pre.output { margin-top: 0; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; line-height: 1.35; }
details { margin: 0.4em 0; } summary { cursor: pointer; font-weight: bold; }
@media print { details { display: block; } details > summary { list-style: none; } body { max-width: none; } }
`;

function block(b: Block, figure: () => number): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'table': {
      const cls = (i: number) => (b.numeric?.[i] ? ' class="n"' : '');
      const rows = b.rows.map((row) => `<tr${row[0] === 'Total' ? ' class="total"' : ''}>${row.map((cell, i) => `<td${cls(i)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
      return `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'figure': {
      const n = figure();
      return `<figure class="chart" data-chart="${n}">${b.svg}<figcaption>Figure ${n}: ${escapeHtml(b.alt)}</figcaption></figure>`;
    }
    case 'pre':
      return `${b.label ? `<p class="label">${escapeHtml(b.label)}</p>` : ''}<pre>${escapeHtml(b.text)}</pre>`;
    case 'details':
      return `<details><summary>${escapeHtml(b.summary)}</summary><pre>${escapeHtml(b.text)}</pre></details>`;
    case 'html':
      return b.html;
  }
}

/** A complete page around body HTML: the styles, and the fonts' CSS the caller made. */
export function htmlDocument(title: string, body: string, fontCss: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${fontCss}${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function htmlPage(title: string, subtitle: string, sections: readonly Section[], fontCss: string): string {
  let figures = 0;
  const next = () => ++figures;
  const body = sections.map((section) => `<section>\n<h2>${escapeHtml(section.heading)}</h2>\n${section.blocks.map((b) => block(b, next)).join('\n')}\n</section>`).join('\n');
  return htmlDocument(title, `<h1>${escapeHtml(title)}</h1>\n<p class="subtitle">${escapeHtml(subtitle)}</p>\n${body}`, fontCss);
}
