/**
 * Notebooks: Markdown files whose ```fairshare blocks are fairshare commands. `fairshare
 * notebook run` executes each command (from the notebook's folder, as a fresh process of the
 * installed CLI, so a notebook runs exactly as its commands would at a prompt) and writes one
 * self-contained HTML page: the prose, each command, and its output or its chart.
 *
 *   ```fairshare                 the command's output
 *   allocate ../models/m.yaml
 *   ```
 *   ```fairshare chart=change    its chart (the default chart without =kind)
 *   allocate ../models/m.yaml
 *   ```
 *
 * Only fairshare commands run: there is no shell. A command that fails stops the run and is
 * named by the notebook's file and line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildChart, CHARTS, needsBoundaries, type ChartKind } from '../charts/index.js';
import { UserError } from '../errors.js';
import { escapeHtml, htmlDocument } from '../report/html.js';
import { readResult } from '../results/index.js';
import { areaKeys, boundariesFor, sourceLine } from './chart-inputs.js';
import { chartSvg } from './charts.js';
import { decodeUtf8, packageRoot, readBytes } from './files.js';
import { fontCss } from './report.js';

/** Split a command line into words: spaces separate, "double" or 'single' quotes group. */
export function commandWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

interface Block {
  line: number;
  words: string[];
  chart?: ChartKind | 'default';
}

export async function runNotebook(path: string): Promise<string> {
  const { lexer, parser } = await import('marked');
  const text = decodeUtf8(readBytes(path, 'notebook'), path);
  const cli = join(packageRoot(), 'dist/fairshare.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build fairshare first (npm run build)`);
  const folder = dirname(resolve(path));
  const tokens = lexer(text);
  const parts: string[] = [];
  let offset = 0;
  let title = '';
  let figures = 0;

  const run = (block: Block, extra: string[] = []) => {
    const result = spawnSync(process.execPath, [cli, ...block.words, ...extra], { cwd: folder, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) {
      const why = (result.stderr || result.stdout || `exit status ${result.status}`).trim().split('\n').map((l) => l.replace(/^fairshare: /, ''));
      throw new UserError([`${path}:${block.line}: fairshare ${block.words.join(' ')} failed:`, ...why]);
    }
    return result.stdout;
  };

  for (const token of tokens) {
    const line = text.slice(0, offset).split('\n').length;
    offset += token.raw.length;
    if (token.type === 'heading' && token.depth === 1 && !title) title = token.text;
    const code = token.type === 'code' ? (token as { text: string; lang?: string }) : undefined;
    const info = code ? String(code.lang ?? '').trim() : '';
    if (!code || !/^fairshare(\s|$)/.test(info)) {
      parts.push(parser([token]));
      continue;
    }
    const option = /^fairshare\s+chart(?:=(\S+))?$/.exec(info);
    if (info !== 'fairshare' && !option) throw new UserError(`${path}:${line}: a fairshare block is \`\`\`fairshare or \`\`\`fairshare chart[=kind], not \`\`\`${info}`);
    for (const [i, command] of code.text.split('\n').entries()) {
      if (command.trim() === '' || command.trim().startsWith('#')) continue;
      const words = commandWords(command.replace(/^\s*(\$\s*)?(fairshare\s+)?/, ''));
      // A notebook runs analyses, not notebooks: one that ran itself would never end.
      if (words[0] === 'notebook') throw new UserError(`${path}:${line + 1 + i}: a notebook cannot run 'fairshare notebook' (a notebook that runs itself would never end)`);
      const block: Block = { line: line + 1 + i, words, ...(option && { chart: (option[1] as ChartKind | undefined) ?? 'default' }) };
      parts.push(`<pre class="command">$ fairshare ${escapeHtml(words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' '))}</pre>`);
      if (!block.chart) {
        parts.push(`<pre class="output">${escapeHtml(run(block))}</pre>`);
        continue;
      }
      const result = readResult(run(block, ['--format', 'json']), `${path}:${block.line}`);
      const kind = block.chart === 'default' ? CHARTS[result.result][0]! : block.chart;
      if (!CHARTS[result.result].includes(kind)) throw new UserError(`${path}:${block.line}: chart=${kind}: a ${result.result} result has ${CHARTS[result.result].join(', ')}`);
      const boundaries = needsBoundaries(kind) ? boundariesFor(areaKeys(result)) : undefined;
      const chart = buildChart(result, kind, { source: sourceLine(result), ...(boundaries && { boundaries }) });
      parts.push(`<figure class="chart" data-chart="${++figures}">${await chartSvg(chart)}<figcaption>Figure ${figures}: ${escapeHtml(chart.alt)}</figcaption></figure>`);
    }
  }
  const body = parts.join('\n');
  const heading = title || path;
  return htmlDocument(heading, body, await fontCss(body));
}
