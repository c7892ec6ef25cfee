import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChart, CHARTS, needsBoundaries, type Chart, type ChartKind } from '../../src/charts/index.js';
import { areaKeys, boundariesFor, sourceLine } from '../../src/io/chart-inputs.js';
import { chartSvg, compileChart, FONT_FILES, svgPng } from '../../src/io/charts.js';
import { exampleResults } from '../helpers/results.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

let results: Awaited<ReturnType<typeof exampleResults>>;
const charts: Chart[] = [];

beforeAll(async () => {
  results = await exampleResults();
  for (const result of Object.values(results)) {
    for (const kind of CHARTS[result.result as keyof typeof CHARTS]) {
      const boundaries = needsBoundaries(kind) ? boundariesFor(areaKeys(result)) : undefined;
      charts.push(buildChart(result, kind, { source: sourceLine(result), ...(boundaries && { boundaries }) }));
    }
  }
}, 60_000);

/** Every chart kind of every result, named for the tests. */
const KINDS: [string, ChartKind][] = Object.entries(CHARTS).flatMap(([result, kinds]) => kinds.map((kind) => [`${result}: ${kind}`, kind] as [string, ChartKind]));
const chartOf = (name: string) => charts[KINDS.findIndex(([n]) => n === name)]!;

describe('chart specs', () => {
  // The official Vega-Lite JSON Schema, from the vega-lite package itself.
  const schema = JSON.parse(readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

  it('cover every chart kind of every result', () => {
    expect(charts).toHaveLength(KINDS.length);
    expect(new Set(KINDS.map(([, kind]) => kind))).toEqual(new Set(['allocations', 'change', 'contributions', 'map', 'map-change', 'comparison', 'sensitivity', 'tornado', 'ring-fences', 'optimisation', 'gap', 'settlement', 'waterfall']));
  });

  it.each(KINDS)('%s validates against the official Vega-Lite schema and compiles without a warning', async (name) => {
    const chart = chartOf(name);
    expect(validate(chart.spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect((await compileChart(chart)).warnings).toEqual([]);
  });

  it.each(KINDS)('%s has a title, a source line and alt text with figures', (name) => {
    const chart = chartOf(name);
    const title = chart.spec.title as { text: string; subtitle: string[] };
    expect(title.text.length).toBeGreaterThan(10);
    // The model by its file name: never a folder of the machine the chart was made on.
    expect(title.subtitle[0]).toMatch(/^Source: fairshare \d+\.\d+\.\d+, [\w.-]+\.yaml(;|$)/);
    expect(chart.spec.description).toBe(chart.alt);
    expect(chart.alt).toMatch(/£[\d,.]+m?|\d+(\.\d)?%/);
    expect(chart.alt.length).toBeGreaterThan(60);
  });

  it('says where the data come from, from the datasets manifest', () => {
    expect(sourceLine(results.allocation)).toBe('Source: fairshare 0.1.0, avon-and-somerset-2025-26.yaml; data: ONS, MHCLG, data.police.uk (Open Government Licence v3)');
  });

  it('refuses a chart the result does not have, and a map where no boundaries match', () => {
    expect(() => buildChart(results.split, 'allocations', { source: 's' })).toThrow(/a split result has ring-fences/);
    expect(() => buildChart(results.allocation, 'map', { source: 's' })).toThrow(/a map needs boundaries/);
    expect(boundariesFor(['X01', 'X02'])).toBeUndefined();
    expect(boundariesFor(['E23000036'])!.key).toBe('PFA20CD');
  });
});

describe('rendering', () => {
  it.each(KINDS)('%s draws the same SVG as its snapshot (text, not pixels)', async (name, kind) => {
    const svg = await chartSvg(chartOf(name));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="(chart-[0-9a-f]{10})-title \1-desc"><title id="\1-title">[^<]+<\/title><desc id="\1-desc">/);
    await expect(svg).toMatchFileSnapshot(`__snapshots__/${name.replace(/[: ]+/g, '-')}.svg`);
    void kind;
  });

  it('draws the text in the PNG: the labels make dark pixels that a text-free copy lacks', async () => {
    const svg = await chartSvg(chartOf('allocation: allocations'));
    const dark = (markup: string, fontFiles = [FONT_FILES.regular, FONT_FILES.bold]) => {
      const image = new Resvg(markup, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } }).render();
      const { pixels, width } = image;
      let count = 0;
      let titleRow = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const lit = pixels[i]! * 0.3 + pixels[i + 1]! * 0.59 + pixels[i + 2]! * 0.11;
        if (pixels[i + 3]! > 0 && lit < 80) {
          count++;
          if (Math.floor(i / 4 / width) < 30) titleRow++;
        }
      }
      return { count, titleRow };
    };
    const withText = dark(svg);
    const withoutText = dark(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
    // The title alone (bold, 16px, the top 30 rows) draws hundreds of dark pixels.
    expect(withText.titleRow).toBeGreaterThan(300);
    expect(withoutText.titleRow).toBe(0);
    expect(withText.count - withoutText.count).toBeGreaterThan(2000);
    // With system fonts off and no font files, nothing is drawn for the text: the labels in
    // the image are the bundled font's, not whatever the machine has.
    const unfonted = dark(svg, []);
    expect(unfonted.titleRow).toBe(0);
    expect(withText.count - unfonted.count).toBeGreaterThan(2000);
    const png = await svgPng(svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.compare(png, await svgPng(svg))).toBe(0);
  });
});

describe('charts on the command line', () => {
  const fairshare = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

  it('--chart writes the image and its alt text beside it, with the output, in one go', () => {
    const dir = tempDir('fairshare-charts-');
    const run = fairshare(process.cwd(), 'allocate', 'models/avon-and-somerset-2025-26.yaml', '--out', join(dir, 'a.csv'), '--chart', join(dir, 'a.png'));
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(dir, 'a.alt.txt'), 'utf8')).toMatch(/^Bar chart of the allocations of Community Safety Fund 2025\/26 \(example\) to 5 areas, largest first: Somerset £834,413/);
    const spec = fairshare(process.cwd(), 'split', 'models/dorset-like-budget-2025-26.yaml', '--chart', join(dir, 'b.vl.json'));
    expect(JSON.parse(readFileSync(join(dir, 'b.vl.json'), 'utf8')).$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(spec.stdout).toContain('Funds, ring-fences and the services paid from them');
  });

  it('fairshare chart draws a saved result, and names what is wrong with a file that is not one', () => {
    const dir = tempDir('fairshare-charts-');
    writeFileSync(join(dir, 'r.json'), JSON.stringify(results.gap));
    expect(fairshare(dir, 'chart', 'r.json', '--out', 'gap.svg').status).toBe(0);
    expect(readFileSync(join(dir, 'gap.svg'), 'utf8')).toContain('Cost of unmet demand');
    expect(readFileSync(join(dir, 'gap.alt.txt'), 'utf8')).toMatch(/domestic abuse £4\.88m \(51% of demand unmet\)/);
    writeFileSync(join(dir, 'bad.json'), '{"result": "allocation", "title": 3}');
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    const cases: [string[], RegExp][] = [
      [['chart', 'r.json', '--kind', 'map', '--out', 'x.svg'], /--chart-kind map: a gap result has gap/],
      [['chart', 'r.json', '--out', 'x.jpg'], /x\.jpg: a chart file ends in \.svg, \.png or \.vl\.json/],
      [['chart', 'other.json', '--out', 'x.svg'], /other\.json: not a fairshare result \(its "result" should be one of allocation, split, optimisation, comparison, sensitivity, gap, table, settlement, change, check; write one with --format json\)/],
      [['chart', 'bad.json', '--out', 'x.svg'], /bad\.json: title: .*string/],
      [['chart', 'missing.json', '--out', 'x.svg'], /missing\.json: cannot read the result: no such file/],
    ];
    for (const [args, message] of cases) {
      const run = fairshare(dir, ...args);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(2);
    }
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });
});
