import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandWords } from '../../src/io/notebook.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const fairshare = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

/** What a page must be to stand alone: no script, nothing fetched, fonts embedded. */
function selfContained(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
  expect(html).not.toMatch(/url\((?!data:|#)/);
  // Every id on the page is unique: several charts share it.
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(html).toMatch(/@font-face \{ font-family: 'DejaVu Sans'; font-weight: normal; src: url\(data:font\/otf;base64,/);
}

describe('fairshare report', () => {
  const dir = tempDir('fairshare-report-');

  it('writes a self-contained budget-paper section: method, table, charts with alt text, scenarios, worked examples, provenance', () => {
    const run = fairshare(process.cwd(), 'report', 'models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-crime-weighted-up.yaml', 'models/avon-and-somerset-grant-cut-5pc.yaml', '--out', join(dir, 'report.html'));
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    selfContained(html);
    expect(html.length).toBeLessThan(400_000);
    for (const heading of ['The method', 'Allocations by area', 'Scenarios', 'Worked examples', 'Data and provenance']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('The fund of £3,039,479 is shared between 5 areas by a needs formula.');
    expect(html).toContain('the areas above that floor keep 67.18% of their gain over it');
    expect(html).toMatch(/<tr class="total"><td>Total<\/td>.*<td class="n">£2,685,531<\/td><td class="n">0\.00%<\/td><\/tr>/);
    // Eight charts: allocations, change, contributions, two maps, the comparison, and a waterfall of why
    // the allocations changed for each scenario; each SVG with its title and description, and a caption.
    const figures = [...html.matchAll(/<figure class="chart" data-chart="(\d+)"><svg [^>]*role="img"[^>]*><title id="chart-[0-9a-f]{10}-title">/g)];
    expect(figures.map((f) => f[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect([...html.matchAll(/<figcaption>Figure \d+: [^<]{60,}<\/figcaption>/g)]).toHaveLength(8);
    expect(html).toContain('<h2>Why the allocations changed: Community Safety Fund 2025/26 (example): Crime weighted up</h2>');
    expect(html).toContain('Crime weighted up: 1 of 5 areas gains, 1 loses, 3 unchanged.');
    expect([...html.matchAll(/<details><summary>[^<]+\(E0\d{7}\): £[\d,]+<\/summary><pre>Worked example: /g)]).toHaveLength(5);
    expect(html).toContain('Contains public sector information licensed under the Open Government Licence v3.0.');
    expect(html).toMatch(/&quot;model_sha256&quot;: &quot;[0-9a-f]{64}&quot;/);
  });

  it.each([
    ['budget', 'models/dorset-like-budget-2025-26.yaml', ['Funds', 'Services', 'Cash flow'], 'Funds and ring-fences: Commissioning budget 2025/26'],
    ['optimisation', 'models/dorset-like-optimisation-2025-26.yaml', ['Allocation', 'Outcomes', 'Round community_grants', 'Funds'], 'Optimised allocation by priority and fund'],
    ['needs assessment', 'models/avon-and-somerset-victims-needs.yaml', ['Priorities', 'By priority and area'], 'Cost of unmet demand'],
  ])('reports on a %s as real tables (not terminal text), with its chart and provenance', (_, model, tables, chart) => {
    const out = join(dir, `${tables[0]}.html`);
    expect(fairshare(process.cwd(), 'report', model, '--out', out).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    selfContained(html);
    for (const table of tables) expect(html).toMatch(new RegExp(`<table data-table="${table}"><caption[^>]*>[^<]+</caption><thead><tr><th scope="col"`));
    // The only preformatted text is the run manifest.
    expect([...html.matchAll(/<pre>/g)]).toHaveLength(1);
    expect(html).toContain(chart);
  });

  it('refuses scenarios in a report on a budget', () => {
    const refused = fairshare(process.cwd(), 'report', 'models/dorset-like-budget-2025-26.yaml', 'models/dorset-like-budget-cut.yaml');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/scenarios are compared in reports on allocation models; for others use fairshare compare/);
  });
});

describe('notebooks', () => {
  it('split a command into words, quotes grouping', () => {
    expect(commandWords('explain ../models/m.yaml "North Somerset"')).toEqual(['explain', '../models/m.yaml', 'North Somerset']);
    expect(commandWords(`allocate m.yaml --set 'priorities.sexual violence.max=3'`)).toEqual(['allocate', 'm.yaml', '--set', 'priorities.sexual violence.max=3']);
  });

  const notebooks = readdirSync('notebooks').filter((f) => f.endsWith('.md') && f !== 'README.md');
  it('every notebook in notebooks/ is run by these tests', () => {
    expect(notebooks.sort()).toEqual(['avon-and-somerset-allocation.md', 'victims-fund-split.md', 'victims-needs-and-optimisation.md']);
  });

  it.each(notebooks)('%s runs into a page with every output and chart', (notebook) => {
    const out = join(tempDir('fairshare-notebook-'), 'page.html');
    const run = fairshare(process.cwd(), 'notebook', 'run', join('notebooks', notebook), '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    selfContained(html);
    const source = readFileSync(join('notebooks', notebook), 'utf8');
    const blocks = [...source.matchAll(/```fairshare( chart(=\S+)?)?\n([\s\S]*?)```/g)];
    const charts = blocks.filter((b) => b[1]).length;
    expect([...html.matchAll(/<pre class="command">\$ fairshare /g)]).toHaveLength(blocks.length);
    expect([...html.matchAll(/<figure class="chart"[^>]*><svg /g)]).toHaveLength(charts);
    expect([...html.matchAll(/<pre class="output">/g)]).toHaveLength(blocks.length - charts);
    expect(html).not.toContain('fairshare: ');
    // Run again from another folder: the same page, byte for byte (fonts and charts carried the clock).
    const again = join(tempDir('fairshare-notebook-'), 'again.html');
    expect(fairshare(tempDir('fairshare-elsewhere-'), 'notebook', 'run', resolve('notebooks', notebook), '--out', again).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(html);
  }, 180_000);

  it('a failing command stops the run, named by the notebook and line; a bad block is refused', () => {
    const dir = tempDir('fairshare-notebook-');
    writeFileSync(join(dir, 'bad.md'), `# Bad\n\nSome prose.\n\n\`\`\`fairshare\n\nallocate ${resolve('models/avon-and-somerset-2025-26.yaml')} --set pot.total=lots\n\`\`\`\n`);
    const run = fairshare(dir, 'notebook', 'run', 'bad.md');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fairshare: bad\.md:7: fairshare allocate .* --set pot\.total=lots failed:\nfairshare: --set pot\.total=lots: pot\.total: expected a number, got the text "lots"/);
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
    writeFileSync(join(dir, 'odd.md'), '```fairshare table\nallocate m.yaml\n```\n');
    expect(fairshare(dir, 'notebook', 'run', 'odd.md').stderr).toMatch(/odd\.md:1: a fairshare block is ```fairshare or ```fairshare chart\[=kind\], not ```fairshare table/);
  });
});
