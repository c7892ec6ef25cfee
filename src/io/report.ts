/**
 * Self-contained HTML pages: `fairshare report` (a budget-paper section for a model and its
 * scenarios) and `--format html` of any result. Every table is a real HTML table from the one
 * table form; charts are inline SVG; fonts are embedded; the run's provenance closes the page.
 * Allocation models also get the method in words and the worked example of every area.
 */
import { buildChart, CHARTS, needsBoundaries, type ChartKind } from '../charts/index.js';
import { UserError } from '../errors.js';
import type { Override } from '../model/load.js';
import { formatPounds } from '../money/units.js';
import { resultDocument } from '../report/documents/index.js';
import type { ResultDocument } from '../report/form.js';
import { htmlPage, type Block, type Section } from '../report/html.js';
import { methodInWords } from '../report/method.js';
import { workedExample } from '../report/worked-example.js';
import { documentSections } from '../report/write/html.js';
import { allocationJson, type AllocationJson } from '../results/allocation.js';
import { changeBetween, settlementChange, type ChangeJson } from '../results/change.js';
import { comparisonJson } from '../results/comparison.js';
import type { AnyResultJson } from '../results/index.js';
import { compareRuns } from '../scenario/compare.js';
import { areaKeys, boundariesFor, dataAttributions, manifestsOf, sourceLine } from './chart-inputs.js';
import { bundledFonts, chartSvg } from './charts.js';
import { toolVersion } from './files.js';
import { loadAllocation, runAllocation } from './load-allocation.js';
import { comparableRun } from './runs.js';
import { resolveScenario, type ResolvedModel } from './scenario.js';
import { KINDS, kindOf, withScenarios } from './kinds.js';

/**
 * Font files carry the time they were made in their 'head' table; opentype.js stamps the
 * clock there. Set both times to the epoch of the format and recompute the checksums, so a
 * page is the same byte for byte on every run.
 */
export function fixFontTimes(font: Buffer): Buffer {
  const tables = font.readUInt16BE(4);
  let head = -1;
  let headRecord = -1;
  for (let t = 0; t < tables; t++) {
    const record = 12 + 16 * t;
    if (font.toString('latin1', record, record + 4) === 'head') {
      headRecord = record;
      head = font.readUInt32BE(record + 8);
    }
  }
  if (head < 0) return font;
  const length = font.readUInt32BE(headRecord + 12);
  font.writeUInt32BE(0, head + 8); // checkSumAdjustment, recomputed below
  font.fill(0, head + 20, head + 36); // created and modified: 1904-01-01
  const checksum = (from: number, bytes: number) => {
    let sum = 0;
    for (let i = 0; i < bytes; i += 4) {
      const word = i + 4 <= bytes ? font.readUInt32BE(from + i) : Buffer.concat([font.subarray(from + i, from + bytes), Buffer.alloc(4)]).readUInt32BE(0);
      sum = (sum + word) >>> 0;
    }
    return sum;
  };
  font.writeUInt32BE(checksum(head, length), headRecord + 4);
  font.writeUInt32BE((0xb1b0afba - checksum(0, font.length)) >>> 0, head + 8);
  return font;
}

/**
 * The bundled fonts as CSS, cut down to the characters a page uses (opentype.js writes the
 * subset), so the page shows the charts' text as it was measured, offline, in kilobytes
 * rather than the fonts' 1.5 MB.
 */
export async function fontCss(text: string): Promise<string> {
  const { opentype, regular, bold } = await bundledFonts();
  const characters = [...new Set(text)].sort();
  const face = (font: typeof regular, weight: string) => {
    const glyphs = [font.glyphs.get(0)];
    for (const character of characters) {
      const glyph = font.charToGlyph(character);
      if (glyph.index !== 0 && !glyphs.includes(glyph)) glyphs.push(glyph);
    }
    const subset = new opentype.Font({ familyName: 'DejaVu Sans', styleName: weight === 'bold' ? 'Bold' : 'Book', unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender, glyphs, createdTimestamp: 1 } as ConstructorParameters<typeof opentype.Font>[0]);
    const data = fixFontTimes(Buffer.from(subset.toArrayBuffer())).toString('base64');
    return `@font-face { font-family: 'DejaVu Sans'; font-weight: ${weight}; src: url(data:font/otf;base64,${data}) format('opentype'); }\n`;
  };
  return face(regular, 'normal') + face(bold, 'bold');
}

/** A page with its fonts: laid out first, then given the glyphs it uses. */
export async function pageWithFonts(title: string, subtitle: string, sections: readonly Section[]): Promise<string> {
  const draft = htmlPage(title, subtitle, sections, '');
  return htmlPage(title, subtitle, sections, await fontCss(draft));
}

async function figure(result: AnyResultJson, kind: ChartKind): Promise<Block | undefined> {
  const boundaries = needsBoundaries(kind) ? boundariesFor(areaKeys(result)) : undefined;
  if (needsBoundaries(kind) && !boundaries) return undefined;
  const chart = buildChart(result, kind, { source: sourceLine(result), ...(boundaries && { boundaries }) });
  const heading = (chart.spec.title as { text: string }).text;
  return { kind: 'figure', title: heading, svg: await chartSvg(chart), alt: chart.alt };
}

/** Every chart of a result that applies to it (no change chart without a prior; no map without boundaries). */
async function figures(result: AnyResultJson): Promise<Block[]> {
  const damped = result.result !== 'allocation' || result.areas.some((a) => a.prior_pence !== undefined);
  const out: Block[] = [];
  for (const kind of CHARTS[result.result]) {
    if ((kind === 'change' || kind === 'map-change') && !damped) continue;
    const made = await figure(result, kind);
    if (made) out.push(made);
  }
  return out;
}

function provenance(result: AnyResultJson): Section {
  const attributions = dataAttributions(result);
  const manifests = manifestsOf(result);
  return {
    heading: 'Data and provenance',
    blocks: [
      { kind: 'paragraph', text: `Made by fairshare ${toolVersion()}. Every figure can be reproduced from the model file and data named in the manifest below, whose SHA-256 digests identify the exact files used.` },
      ...(attributions.length ? [{ kind: 'list', items: attributions } as Block] : []),
      { kind: 'paragraph', text: 'Maps: boundaries from the Office for National Statistics, licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.' },
      { kind: 'pre', label: 'Run manifest', text: JSON.stringify(manifests.length === 1 ? manifests[0]!.manifest : Object.fromEntries(manifests.map((m) => [m.label, m.manifest])), null, 2) },
    ],
  };
}

const SUBTITLES: Record<AnyResultJson['result'], string> = {
  allocation: 'Formula allocation',
  split: 'Budget split',
  optimisation: 'Optimised allocation',
  comparison: 'Comparison of scenarios',
  sensitivity: 'Sensitivity analysis',
  gap: 'Gap analysis',
  table: 'Data table',
  settlement: 'Multi-year settlement',
  change: 'Change receipt',
  check: 'Check against a published table',
};

/** Any result as a page: its tables, its charts and its provenance. */
export async function resultPage(json: AnyResultJson, doc: ResultDocument = resultDocument(json), extra: readonly Section[] = []): Promise<string> {
  const sections = [...documentSections(doc, await figures(json)), ...extra, provenance(json)];
  return pageWithFonts(doc.title, `${SUBTITLES[json.result]}, made by fairshare ${toolVersion()}.`, sections);
}

async function allocationReport(model: ResolvedModel, scenarioPaths: readonly string[], commandLine: readonly Override[]): Promise<string> {
  const { modelPath, overrides } = model;
  const loaded = await loadAllocation(modelPath, overrides);
  const result = runAllocation(loaded);
  const manifest = withScenarios(loaded.manifest, model);
  const json = allocationJson(result, manifest);
  const doc = resultDocument(json);
  const money = (pence: number) => formatPounds(pence, result.rounding === 'penny');
  const sections: Section[] = [{ heading: 'The method', blocks: methodInWords(loaded.model, result).map((text) => ({ kind: 'paragraph', text })) }];
  sections.push(...documentSections(doc, await figures(json)));

  if (scenarioPaths.length > 0) {
    const base = await comparableRun(modelPath, overrides);
    const runs = [];
    for (const path of scenarioPaths) runs.push(await comparableRun(path));
    const kinds = new Set(runs.map((r) => r.model.kind));
    if (kinds.size !== 1 || !kinds.has('allocation')) throw new UserError(`report: the scenarios of an allocation model must be allocations too (${scenarioPaths.join(', ')})`);
    const comparison = comparisonJson(compareRuns(base.comparable, runs.map((r) => r.comparable)), { base: base.manifest, scenarios: runs.map((r) => r.manifest) });
    const chart = await figure(comparison, 'comparison');
    const compared = documentSections(resultDocument(comparison));
    sections.push({
      heading: 'Scenarios',
      blocks: [...comparison.scenarios.map((s): Block => ({ kind: 'paragraph', text: s.summary })), ...(chart ? [chart] : [])],
    });
    sections.push(...compared.filter((s) => s.heading !== 'In short'));
  }

  // Why each allocation changed: each scenario against the model; a scenario alone against its base.
  const changes: { to: AllocationJson; from: AllocationJson }[] = [];
  for (const path of scenarioPaths) changes.push({ from: json, to: (await KINDS.allocation.run!(resolveScenario(path), {})) as AllocationJson });
  if (scenarioPaths.length === 0 && model.scenarios.length > 0) {
    changes.push({ from: (await KINDS.allocation.run!(resolveScenario(modelPath, commandLine), {})) as AllocationJson, to: json });
  }
  for (const { from, to } of changes) sections.push(...(await receiptSections(() => changeBetween(from, to, { from: from.title, to: to.title }), `Why the allocations changed: ${to.title}`)));

  sections.push({
    heading: 'Worked examples',
    blocks: [
      { kind: 'paragraph', text: 'For each area, every step of its allocation with its inputs and its number, as the DCLG settlement worked examples set them out.' },
      ...result.areas.map((a): Block => ({ kind: 'details', summary: `${a.label} (${a.key}): ${money(a.allocationPence)}`, text: workedExample(result, a).join('\n') })),
    ],
  });
  sections.push(provenance(json));
  const total = result.areas.reduce((s, a) => s + a.allocationPence, 0);
  return pageWithFonts(doc.title, `${result.period ? `${result.period}. ` : ''}Allocations to ${result.areas.length} areas adding up to ${money(total)}.`, sections);
}

/** A change receipt in the report: each area's change in words, the table, and the waterfall of the area that changed most. */
async function receiptSections(receipt: () => ChangeJson, heading: string): Promise<Section[]> {
  let change: ChangeJson;
  try {
    change = receipt();
  } catch (error) {
    // A change that cannot be split is said, not a report lost.
    if (error instanceof UserError) return [{ heading, blocks: [{ kind: 'paragraph', text: `The change cannot be split into its causes: ${error.problems.join(' ')}` }] }];
    throw error;
  }
  const doc = resultDocument(change);
  const waterfall = await figure(change, 'waterfall');
  return [
    { heading, blocks: [{ kind: 'list', items: doc.notes }, ...(waterfall ? [waterfall] : [])] },
    ...documentSections({ ...doc, notes: [] }),
  ];
}

export async function reportHtml(path: string, scenarioPaths: readonly string[], commandLine: readonly Override[] = []): Promise<string> {
  const model = resolveScenario(path, commandLine);
  if (model.kind === 'allocation') return allocationReport(model, scenarioPaths, commandLine);
  if (scenarioPaths.length > 0) throw new UserError('report: scenarios are compared in reports on allocation models; for others use fairshare compare');
  const kind = kindOf(model, path);
  if (!kind.run) throw new UserError(`${path}: a ${model.kind} file has no report; report on an allocation, budget, optimisation or needs model`);
  const json = await kind.run(model, {});
  // A settlement's paper says why each area's allocation changed, year on year.
  if (json.result === 'settlement' && json.years.length > 1) return resultPage(json, resultDocument(json), await receiptSections(() => settlementChange(json), 'Why the allocations changed, year on year'));
  return resultPage(json);
}
