/**
 * Render charts without a browser: Vega-Lite compiled to Vega, laid out by a headless Vega
 * view (renderer 'none') to SVG, and SVG drawn to PNG by resvg. Text is measured with the
 * glyph advances of the bundled DejaVu Sans (opentype.js), and resvg draws with that font
 * only (no system fonts), so the output is the same on every machine and needs no network.
 *
 * Loaded only when a chart is asked for (vega, vega-lite and resvg are large), so the
 * commands start as fast without charts.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Chart } from '../charts/chart.js';
import { UserError } from '../errors.js';

const require = createRequire(import.meta.url);

/** The bundled font files: regular and bold DejaVu Sans (dejavu-fonts-ttf). */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

type OpenType = typeof import('opentype.js');
type Font = ReturnType<OpenType['parse']>;

let fonts: Promise<{ opentype: OpenType; regular: Font; bold: Font }> | undefined;

/**
 * The bundled fonts, parsed once a process for measuring chart text and for a page's font
 * subset. lowMemory parses glyphs as they are asked for: a third of the load time, the same widths.
 */
export function bundledFonts(): Promise<{ opentype: OpenType; regular: Font; bold: Font }> {
  fonts ??= (async () => {
    const opentype = (await import('opentype.js')).default as OpenType;
    const parse = (file: string) => {
      const bytes = readFileSync(file);
      return (opentype.parse as (buffer: ArrayBuffer, options?: { lowMemory?: boolean }) => Font)(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { lowMemory: true });
    };
    return { opentype, regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold) };
  })();
  return fonts;
}

interface Engine {
  compile: typeof import('vega-lite').compile;
  vega: typeof import('vega');
  Resvg: typeof import('@resvg/resvg-js').Resvg;
}

let loading: Promise<Engine> | undefined;

async function engine(): Promise<Engine> {
  loading ??= (async () => {
    const [vl, vega, resvg, { regular, bold }] = await Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js'), bundledFonts()]);
    const widths = new Map<string, number>();
    // Vega has no canvas here: measure text with the font's own advance widths, as resvg
    // will draw it (kerning included), so labels are laid out to fit.
    const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text: string) => number } }).textMetrics;
    metrics.width = (item, text) => {
      const size = item.fontSize ?? 11;
      const isBold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      const key = `${isBold ? 'b' : 'r'}${size}|${text}`;
      let width = widths.get(key);
      if (width === undefined) widths.set(key, (width = (isBold ? bold : regular).getAdvanceWidth(String(text ?? ''), size, { kerning: true })));
      return width;
    };
    return { compile: vl.compile, vega, Resvg: resvg.Resvg };
  })();
  return loading;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Vega spec of a chart, and any warnings Vega-Lite gave compiling it (none is the aim). */
export async function compileChart(chart: Chart): Promise<{ spec: unknown; warnings: string[] }> {
  const { compile } = await engine();
  const warnings: string[] = [];
  const collect = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  const logger = { level: () => logger, warn: collect, info: () => logger, debug: () => logger, error: collect } as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'];
  return { spec: compile(chart.spec, { logger }).spec, warnings };
}

/** The chart as SVG, with its title and alt text as the SVG's own <title> and <desc>. */
export async function chartSvg(chart: Chart): Promise<string> {
  const { vega } = await engine();
  const { spec } = await compileChart(chart);
  const view = new vega.View(vega.parse(spec as Parameters<typeof vega.parse>[0]), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const heading = typeof chart.spec.title === 'object' && chart.spec.title && 'text' in chart.spec.title ? String(chart.spec.title.text) : chart.kind;
    // Ids unique to the chart (several share a page), and the same on every run. Vega numbers
    // its gradients and clips with a counter for the whole process (gradient_0, gradient_1...):
    // renumbered within the chart, so a chart's bytes do not depend on what was drawn before it.
    const id = `chart-${createHash('sha256').update(`${heading}\n${chart.alt}`).digest('hex').slice(0, 10)}`;
    const own = new Map<string, string>();
    const renumbered = svg.replace(/\b(gradient_|clip|pattern_)(\d+)\b/g, (whole: string) => {
      if (!own.has(whole)) own.set(whole, `${id}-d${own.size}`);
      return own.get(whole)!;
    });
    return renumbered.replace(/^<svg([^>]*)>/, `<svg$1 role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeXml(heading)}</title><desc id="${id}-desc">${escapeXml(chart.alt)}</desc>`);
  } finally {
    view.finalize();
  }
}

/** SVG drawn to PNG at `scale` (2: sharp in print), with the bundled font and no other. */
export async function svgPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await engine();
  const rendered = new Resvg(svg, {
    font: { fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  }).render();
  return rendered.asPng();
}

export type ChartFormat = 'svg' | 'png' | 'vl.json';

/** The format a file name asks for. */
export function chartFormat(file: string): ChartFormat {
  if (file.endsWith('.vl.json')) return 'vl.json';
  if (file.endsWith('.svg')) return 'svg';
  if (file.endsWith('.png')) return 'png';
  throw new UserError(`${file}: a chart file ends in .svg, .png or .vl.json (a Vega-Lite spec)`);
}

/** Where the alt text goes: beside the image, chart.png -> chart.alt.txt. */
export function altFile(file: string): string {
  return `${file.replace(/\.(vl\.json|svg|png)$/, '')}.alt.txt`;
}

/** The files a chart makes: the image (or spec) and its alt text beside it. */
export async function chartFiles(chart: Chart, file: string): Promise<Map<string, string | Buffer>> {
  const format = chartFormat(file);
  const body = format === 'vl.json' ? `${JSON.stringify(chart.spec, null, 2)}\n` : format === 'svg' ? await chartSvg(chart) : await svgPng(await chartSvg(chart));
  return new Map<string, string | Buffer>([
    [file, body],
    [altFile(file), `${chart.alt}\n`],
  ]);
}
