/**
 * `fairshare report`: a self-contained HTML budget-paper section for a model and its
 * scenarios: the method in words, tables, charts, the worked example for each area, the
 * data's provenance and the run's manifest. Allocation models get the full paper; budgets,
 * optimisations and needs assessments their table, chart and provenance.
 */
import { readFileSync } from 'node:fs';
import { buildChart, CHARTS, needsBoundaries, type ChartKind } from '../charts/index.js';
import type { AnyResultJson } from '../charts/results.js';
import { UserError } from '../errors.js';
import type { Override } from '../model/load.js';
import { formatPounds } from '../money/units.js';
import { formatComparisonTable } from '../report/compare.js';
import { htmlPage, type Block, type Section } from '../report/html.js';
import { allocationJson } from '../report/json.js';
import { methodInWords } from '../report/method.js';
import { formatChange, formatShare } from '../report/numbers.js';
import { compareRuns } from '../scenario/compare.js';
import { workedExample } from '../report/worked-example.js';
import { areaKeys, boundariesFor, dataAttributions, readResult, sourceLine } from './chart-inputs.js';
import { chartSvg, FONT_FILES } from './charts.js';
import { toolVersion } from './files.js';
import { loadAllocation, runAllocation } from './load-allocation.js';
import { comparableRun } from './runs.js';
import { resolveScenario, type ScenarioLink } from './scenario.js';

/**
 * The bundled fonts as CSS, cut down to the characters a page uses (opentype.js writes the
 * subset), so the page shows the charts' text as it was measured, offline, in kilobytes
 * rather than the fonts' 1.5 MB.
 */
export async function fontCss(text: string): Promise<string> {
  const { default: opentype } = await import('opentype.js');
  const characters = [...new Set(text)];
  const face = (file: string, weight: string) => {
    const bytes = readFileSync(file);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const glyphs = [font.glyphs.get(0)];
    for (const character of characters) {
      const glyph = font.charToGlyph(character);
      if (glyph.index !== 0 && !glyphs.includes(glyph)) glyphs.push(glyph);
    }
    const subset = new opentype.Font({ familyName: 'DejaVu Sans', styleName: weight === 'bold' ? 'Bold' : 'Book', unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender, glyphs });
    const data = Buffer.from(subset.toArrayBuffer()).toString('base64');
    return `@font-face { font-family: 'DejaVu Sans'; font-weight: ${weight}; src: url(data:font/otf;base64,${data}) format('opentype'); }\n`;
  };
  return face(FONT_FILES.regular, 'normal') + face(FONT_FILES.bold, 'bold');
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

const saved = (json: unknown) => readResult(JSON.stringify(json), 'the result');

function provenance(result: AnyResultJson, manifest: unknown): Section {
  const attributions = dataAttributions(result);
  return {
    heading: 'Data and provenance',
    blocks: [
      { kind: 'paragraph', text: `Made by fairshare ${toolVersion()}. Every figure can be reproduced from the model file and data named in the manifest below, whose SHA-256 digests identify the exact files used.` },
      ...(attributions.length ? [{ kind: 'list', items: attributions } as Block] : []),
      { kind: 'paragraph', text: 'Maps: boundaries from the Office for National Statistics, licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.' },
      { kind: 'pre', label: 'Run manifest', text: JSON.stringify(manifest, null, 2) },
    ],
  };
}

async function allocationReport(modelPath: string, overrides: readonly Override[], scenarioPaths: readonly string[], scenarios: ScenarioLink[]): Promise<{ title: string; subtitle: string; sections: Section[] }> {
  const loaded = await loadAllocation(modelPath, overrides);
  const result = runAllocation(loaded);
  const manifest = { ...loaded.manifest, ...(scenarios.length ? { scenarios } : {}) };
  const json = saved(allocationJson(result, manifest));
  const money = (pence: number) => formatPounds(pence, result.rounding === 'penny');
  const damped = result.damping !== undefined;
  const sections: Section[] = [];
  sections.push({ heading: 'The method', blocks: methodInWords(loaded.model, result).map((text) => ({ kind: 'paragraph', text })) });

  const total = result.areas.reduce((s, a) => s + a.allocationPence, 0);
  const table: Block = {
    kind: 'table',
    caption: `Allocations, ${result.title}`,
    header: ['Area', 'Code', 'Need share', 'Target', ...(damped ? ['Prior', 'Change'] : []), 'Allocation'],
    numeric: [false, false, true, true, ...(damped ? [true, true] : []), true],
    rows: [
      ...result.areas.map((a) => [a.label, a.key, formatShare(a.needShare), money(Math.round(a.targetPence)), ...(damped ? [money(Math.round(a.damping?.priorPence ?? 0)), formatChange(a.change)] : []), money(a.allocationPence)]),
      ['Total', '', '', money(Math.round(result.areas.reduce((s, a) => s + a.targetPence, 0))), ...(damped ? [money(Math.round(result.damping!.priorTotalPence)), ''] : []), money(total)],
    ],
  };
  const figures: Block[] = [];
  for (const kind of CHARTS.allocation) {
    if (kind === 'change' && !damped) continue;
    if (kind === 'map-change' && !damped) continue;
    const made = await figure(json, kind);
    if (made) figures.push(made);
  }
  sections.push({ heading: 'Allocations', blocks: [table, ...figures] });

  if (scenarioPaths.length > 0) {
    const base = await comparableRun(modelPath, overrides);
    const runs = [];
    for (const path of scenarioPaths) runs.push(await comparableRun(path));
    const kinds = new Set(runs.map((r) => r.model.kind));
    if (kinds.size !== 1 || !kinds.has('allocation')) throw new UserError(`report: the scenarios of an allocation model must be allocations too (${scenarioPaths.join(', ')})`);
    const comparison = compareRuns(base.comparable, runs.map((r) => r.comparable));
    const comparisonJson = saved((await import('../report/compare.js')).comparisonJson(comparison, { base: base.manifest, scenarios: runs.map((r) => r.manifest) }));
    const chart = await figure(comparisonJson, 'comparison');
    sections.push({
      heading: 'Scenarios',
      blocks: [
        ...comparison.scenarios.map((s): Block => ({ kind: 'paragraph', text: s.words })),
        ...(chart ? [chart] : []),
        { kind: 'details', summary: 'The comparison, area by area', text: formatComparisonTable(comparison) },
      ],
    });
  }

  sections.push({
    heading: 'Worked examples',
    blocks: [
      { kind: 'paragraph', text: 'For each area, every step of its allocation with its inputs and its number, as the DCLG settlement worked examples set them out.' },
      ...result.areas.map((a): Block => ({ kind: 'details', summary: `${a.label} (${a.key}): ${money(a.allocationPence)}`, text: workedExample(result, a).join('\n') })),
    ],
  });
  sections.push(provenance(json, manifest));
  return { title: result.title, subtitle: `${result.period ? `${result.period}. ` : ''}Allocations to ${result.areas.length} areas adding up to ${money(total)}.`, sections };
}

/** Budgets, optimisations and needs assessments: their table, their chart, their provenance. */
async function otherReport(kind: string, modelPath: string, overrides: readonly Override[]): Promise<{ title: string; subtitle: string; sections: Section[] }> {
  const run = async (): Promise<{ text: string; json: unknown }> => {
    if (kind === 'budget') {
      const [{ runBudget }, { formatSplitTable, splitJson }] = await Promise.all([import('./load-budget.js'), import('../report/budget.js')]);
      const budget = await runBudget(modelPath, overrides);
      return { text: formatSplitTable(budget.result, budget.cashFlow), json: splitJson(budget.result, budget.cashFlow, budget.manifest) };
    }
    if (kind === 'optimisation') {
      const [{ loadOptimisation, runOptimisation }, { formatOptimisationTable, optimisationJson }] = await Promise.all([import('./load-optimisation.js'), import('../report/optimise.js')]);
      const loaded = await loadOptimisation(modelPath, overrides);
      const result = await runOptimisation(loaded);
      return { text: formatOptimisationTable(result), json: optimisationJson(result, { ...loaded.manifest, engine: result.engine }) };
    }
    if (kind === 'needs') {
      const [{ runGap }, { formatGapTable, gapJson }] = await Promise.all([import('./load-needs.js'), import('../report/gap.js')]);
      const gap = await runGap(modelPath, overrides);
      return { text: formatGapTable(gap.result), json: gapJson(gap.result, gap.manifest) };
    }
    throw new UserError(`${modelPath}: a ${kind} file has no report; report on an allocation, budget, optimisation or needs model`);
  };
  const { text, json } = await run();
  const result = saved(json);
  const chart = await figure(result, CHARTS[result.result][0]!);
  return {
    title: (json as { title: string }).title,
    subtitle: `${{ budget: 'Budget split', optimisation: 'Optimised allocation', needs: 'Gap analysis' }[kind]}, made by fairshare ${toolVersion()}.`,
    sections: [{ heading: 'Results', blocks: [...(chart ? [chart] : []), { kind: 'pre', text }] }, provenance(result, (json as { manifest: unknown }).manifest)],
  };
}

export async function reportHtml(path: string, scenarioPaths: readonly string[], commandLine: readonly Override[] = []): Promise<string> {
  const model = resolveScenario(path, commandLine);
  const parts =
    model.kind === 'allocation'
      ? await allocationReport(model.modelPath, model.overrides, scenarioPaths, model.scenarios)
      : scenarioPaths.length > 0
        ? (() => {
            throw new UserError('report: scenarios are compared in reports on allocation models; for others use fairshare compare');
          })()
        : await otherReport(model.kind, model.modelPath, model.overrides);
  return pageWithFonts(parts.title, parts.subtitle, parts.sections);
}
