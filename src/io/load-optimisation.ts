/** Load an optimisation model and everything it names (budget, areas, need table, applications). */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { areaTable, namedRows, parseNumberCell } from '../data/table.js';
import { UserError, type KeyPath } from '../errors.js';
import { parseYamlWith, type Override } from '../model/load.js';
import { buildProgramme } from '../optimise/build.js';
import { lpFormat } from '../optimise/lp-text.js';
import { optimisePrepared, type OptimiseOptions } from '../optimise/optimise.js';
import { prepare, type NeedRow, type OptimisationData, type Prepared } from '../optimise/prepare.js';
import type { OptimisationResult } from '../optimise/result.js';
import { OptimisationSchema, type Application, type Optimisation } from '../optimise/schema.js';
import type { Budget } from '../funds/schema.js';
import { decodeUtf8, readBytes, sha256 } from './files.js';
import { manifestHead, manifestPath } from './manifest.js';
import { inFile, readBudget, resolveAmounts, type TakenAllocation } from './load-budget.js';
import { runGap } from './load-needs.js';
import { tableRecords } from './xlsx.js';

export interface OptimisationManifest {
  tool_version: string;
  model_file: string;
  model_sha256: string;
  /** Every file the model read, with its digest. */
  inputs: { role: string; file: string; sha256: string }[];
  allocations: TakenAllocation[];
  overrides: string[];
  engine?: string;
}

export interface LoadedOptimisation {
  model: Optimisation;
  /** The budget file the model takes its funds from, if it names one. */
  budget?: Budget;
  modelPath: string;
  prepared: Prepared;
  at: (path: KeyPath) => string;
  manifest: OptimisationManifest;
}

export async function loadOptimisation(modelPath: string, overrides: readonly Override[] = []): Promise<LoadedOptimisation> {
  const bytes = readBytes(modelPath, 'optimisation model');
  const { value: model, at } = parseYamlWith(OptimisationSchema, decodeUtf8(bytes, modelPath), modelPath, overrides, 'an optimisation model (a mapping of keys such as fairshare, kind, priorities)');
  const base = dirname(modelPath);
  const located = (file: string) => {
    const path = isAbsolute(file) ? file : resolve(base, file);
    return { path, shown: isAbsolute(file) ? file : relative(process.cwd(), path) || path };
  };
  const inputs: OptimisationManifest['inputs'] = [];
  const read = async (file: string, role: string, choice: { sheet?: string; header_row?: number } = {}) => {
    const { path, shown } = located(file);
    const fileBytes = readBytes(path, `${role} named in ${modelPath}`);
    inputs.push({ role, file: manifestPath(modelPath, path), sha256: sha256(fileBytes) });
    const records = await tableRecords(path, shown, role, { ...(choice.sheet !== undefined && { sheet: choice.sheet }), ...(choice.header_row !== undefined && { headerRow: choice.header_row }) }, fileBytes);
    return { records, shown };
  };

  const data: Omit<OptimisationData, 'applications'> & { applications: Map<string, (Application & { where?: string })[]> } = { model, resolved: new Map(), applications: new Map() };
  let allocations: TakenAllocation[] = [];
  if (model.budget !== undefined) {
    const { path, shown } = located(model.budget);
    const budget = await readBudget(path);
    inputs.push({ role: 'budget', file: manifestPath(modelPath, path), sha256: budget.sha256 });
    data.budget = budget.budget;
    data.budgetFile = shown;
    data.resolved = budget.resolved;
    allocations = budget.allocations;
  } else {
    ({ resolved: data.resolved, allocations } = await resolveAmounts(model.funds!, modelPath, at));
  }

  if (model.areas) {
    const { records, shown } = await read(model.areas.file, 'areas table', model.areas);
    const columns = [...new Set(Object.entries(model.priorities).flatMap(([name, p]) => (p.area_need ? [[p.area_need, `priorities.${name}.area_need`] as const] : [])))];
    data.areas = areaTable(records, shown, { key: model.areas.key, ...(model.areas.label !== undefined && { label: model.areas.label }), numeric: columns.map(([column, usedBy]) => ({ column, usedBy })) });
  }

  if (model.need_weights && 'gap' in model.need_weights) {
    // Run the needs file's gap analysis: the cost of unmet demand is the need.
    const { path, shown } = located(model.need_weights.gap);
    const gap = await runGap(path);
    inputs.push({ role: 'needs file', file: manifestPath(modelPath, path), sha256: gap.manifest.model_sha256 }, { role: 'needs data', file: manifestPath(modelPath, resolve(dirname(path), gap.manifest.data_file)), sha256: gap.manifest.data_sha256 });
    data.needRows = gap.result.areas.map((a) => ({ priority: a.priority, weight: a.unmetCostPence / 100, area: a.key, where: `${shown} (priority ${a.priority}, area ${a.key})` }));
  } else if (model.need_weights) {
    const spec = model.need_weights;
    const { records, shown } = await read(spec.file, 'need table');
    const rows = namedRows(records, shown, [
      { column: spec.priority, role: 'need_weights.priority' },
      { column: spec.weight, role: 'need_weights.weight' },
      ...(spec.area !== undefined ? [{ column: spec.area, role: 'need_weights.area' }] : []),
    ]);
    const problems: string[] = [];
    data.needRows = rows.flatMap(({ cells, where }): NeedRow[] => {
      const weight = parseNumberCell(cells[1]!);
      if (weight === undefined || weight < 0) {
        problems.push(`${where}: column '${spec.weight}': expected a number of zero or more, got ${JSON.stringify(cells[1])}`);
        return [];
      }
      return [{ priority: cells[0]!, weight, ...(spec.area !== undefined && { area: cells[2]! }), where }];
    });
    if (problems.length > 0) throw new UserError(problems);
  }

  for (const [name, round] of Object.entries(model.grant_rounds ?? {})) {
    if (round.applications) {
      data.applications.set(name, round.applications);
      continue;
    }
    const spec = round.applications_file!;
    const { records, shown } = await read(spec.file, `applications of grant_rounds.${name}`, spec);
    const criteria = Object.keys(round.score_weights);
    const role = (key: string) => `grant_rounds.${name}.applications_file.${key}`;
    const rows = namedRows(records, shown, [
      { column: spec.id, role: role('id') },
      { column: spec.request, role: role('request') },
      ...(spec.name !== undefined ? [{ column: spec.name, role: role('name') }] : []),
      ...(spec.area !== undefined ? [{ column: spec.area, role: role('area') }] : []),
      ...criteria.map((criterion) => ({ column: criterion, role: `a score in grant_rounds.${name}.score_weights` })),
    ]);
    const problems: string[] = [];
    const number = (cell: string, column: string, where: string) => {
      const value = parseNumberCell(cell);
      if (value === undefined || value < 0) problems.push(`${where}: column '${column}': expected a number of zero or more, got ${JSON.stringify(cell)}`);
      return value ?? 0;
    };
    data.applications.set(
      name,
      rows.map(({ cells, where }) => {
        const [id, request] = cells as [string, string];
        const pounds = number(request, spec.request, where);
        if (Math.abs(pounds * 100 - Math.round(pounds * 100)) > 1e-6) problems.push(`${where}: column '${spec.request}': ${request} has more than 2 decimal places`);
        let k = 2;
        const nameCell = spec.name !== undefined ? cells[k++] : undefined;
        const areaCell = spec.area !== undefined ? cells[k++] : undefined;
        const scores = Object.fromEntries(criteria.map((criterion) => [criterion, number(cells[k++]!, criterion, where)]));
        if (id === '') problems.push(`${where}: column '${spec.id}': the application id is empty`);
        return { id, request: pounds, scores, where, ...(nameCell && { name: nameCell }), ...(areaCell && { area: areaCell }) };
      }),
    );
    if (problems.length > 0) throw new UserError(problems);
  }

  const prepared = inFile(modelPath, at, () => prepare(data));
  return {
    model,
    ...(data.budget && { budget: data.budget }),
    modelPath,
    prepared,
    at,
    manifest: { ...manifestHead(modelPath, bytes, overrides), inputs, allocations },
  };
}

/** Solve a loaded model; problems the solve finds (a conflict, no limit) are placed in the file. */
export async function runOptimisation(loaded: LoadedOptimisation, options: OptimiseOptions = {}): Promise<OptimisationResult> {
  return inFile(loaded.modelPath, loaded.at, () => optimisePrepared(loaded.prepared, options));
}

/** The model in CPLEX LP format, for an auditor to re-solve in any solver. */
export async function optimisationLp(loaded: LoadedOptimisation): Promise<string> {
  return lpFormat(buildProgramme(loaded.prepared).lp, loaded.prepared.title);
}
