/**
 * The kinds of model file, one registry: each kind's JSON Schema, how to run it to its
 * published result, how to reduce it to comparable lines, and what `validate` says of it.
 * `validate`, `compare`, `report` and `schema` dispatch from here, and the compiler checks
 * that every kind has every part.
 */
import { UserError } from '../errors.js';
import type { Fence, Budget } from '../funds/schema.js';
import { budgetJsonSchema, modelJsonSchema, needsJsonSchema, optimisationJsonSchema, scenarioJsonSchema, settlementJsonSchema } from '../model/json-schema.js';
import type { Needs } from '../gap/schema.js';
import type { EngineName } from '../optimise/engines/index.js';
import type { Optimisation } from '../optimise/schema.js';
import { allocationJson } from '../results/allocation.js';
import type { Manifest, Names } from '../results/common.js';
import { gapJson } from '../results/gap.js';
import type { AnyResultJson } from '../results/index.js';
import { optimisationJson } from '../results/optimisation.js';
import { settlementJson } from '../results/settlement.js';
import { splitJson } from '../results/split.js';
import type { Comparable } from '../scenario/compare.js';
import { loadAllocation, runAllocation } from './load-allocation.js';
import { runBudget } from './load-budget.js';
import { runGap } from './load-needs.js';
import { loadOptimisation, runOptimisation } from './load-optimisation.js';
import { runSettlement } from './load-settlement.js';
import { manifestPath } from './manifest.js';
import type { ResolvedModel } from './scenario.js';

export type KindName = 'allocation' | 'budget' | 'optimisation' | 'needs' | 'settlement' | 'scenario';

export interface RunOptions {
  engine?: EngineName;
  timeLimitSeconds?: number;
  shadowPrices?: boolean;
  /** Put the solver's wall time in the result (it differs from run to run). */
  timings?: boolean;
}

export interface ComparableRun {
  model: ResolvedModel;
  comparable: Comparable;
  manifest: Manifest;
}

export interface ModelKind {
  /** "an allocation model", for messages. */
  noun: string;
  jsonSchema: () => Record<string, unknown>;
  /** Run to the kind's published result; undefined for files that only point at models. */
  run?: (model: ResolvedModel, options: RunOptions) => Promise<AnyResultJson>;
  /** Reduce a run to named lines of money, for `fairshare compare`. */
  comparable?: (model: ResolvedModel) => Promise<ComparableRun>;
  /** Check the file and its data and say what it holds, in one line. */
  validate?: (model: ResolvedModel) => Promise<string>;
}

/** A manifest that names the scenarios applied, when there are any: relative to the model, like its data. */
export function withScenarios<M extends object>(manifest: M, resolved: ResolvedModel): M {
  if (resolved.scenarios.length === 0) return manifest;
  return { ...manifest, scenarios: resolved.scenarios.map((s) => ({ ...s, file: manifestPath(resolved.modelPath, s.file) })) };
}

/** Display names of a budget's funds and ring-fences (by path), services and priorities. */
export function budgetNames(budget: Pick<Budget, 'funds'> & Partial<Pick<Budget, 'services' | 'priorities'>>): Names {
  const fund: Record<string, string> = {};
  const walk = (fences: Record<string, Fence> | undefined, path: string) => {
    for (const [key, fence] of Object.entries(fences ?? {})) {
      if (fence.name) fund[`${path}.${key}`] = fence.name;
      walk(fence.ring_fences, `${path}.${key}`);
    }
  };
  for (const [key, f] of Object.entries(budget.funds)) {
    if (f.name) fund[key] = f.name;
    walk(f.ring_fences, key);
  }
  const service = Object.fromEntries(Object.entries(budget.services ?? {}).flatMap(([key, s]) => (s.name ? [[key, s.name]] : [])));
  const priority = Object.fromEntries((budget.priorities ?? []).flatMap((p) => (typeof p === 'string' ? [] : [[p.key, p.name]])));
  return compact({ fund, service, priority });
}

/** Names of an optimisation's priorities, options, funds and rounds (and its budget's). */
export function optimisationNames(model: Optimisation, budget?: Budget): Names {
  const fromBudget = budget ? budgetNames(budget) : model.funds ? budgetNames({ funds: model.funds as unknown as Budget['funds'] }) : {};
  const priority = { ...fromBudget.priority, ...Object.fromEntries(Object.entries(model.priorities).flatMap(([key, p]) => (p.name ? [[key, p.name]] : []))) };
  const option = { ...fromBudget.service, ...Object.fromEntries(Object.entries(model.priorities).flatMap(([, p]) => Object.entries(p.options).flatMap(([key, o]) => (o.name ? [[key, o.name]] : [])))) };
  const round = Object.fromEntries(Object.entries(model.grant_rounds ?? {}).flatMap(([key, r]) => (r.name ? [[key, r.name]] : [])));
  return compact({ fund: fromBudget.fund ?? {}, priority, option, round });
}

export function needsNames(needs: Needs): Names {
  return compact({ priority: Object.fromEntries(Object.entries(needs.priorities).flatMap(([key, p]) => (p.name ? [[key, p.name]] : []))) });
}

const compact = (names: Names): Names => Object.fromEntries(Object.entries(names).filter(([, map]) => Object.keys(map).length > 0));

/** The model's own title, or the scenario's "model: scenario". */
const titled = (model: ResolvedModel, title: string) => model.title ?? title;

export const KINDS: Record<KindName, ModelKind> = {
  allocation: {
    noun: 'an allocation model',
    jsonSchema: modelJsonSchema,
    run: async (model) => {
      const loaded = await loadAllocation(model.modelPath, model.overrides);
      return allocationJson(runAllocation(loaded), withScenarios(loaded.manifest, model));
    },
    comparable: async (model) => {
      const loaded = await loadAllocation(model.modelPath, model.overrides);
      const result = runAllocation(loaded);
      return { model, comparable: { title: titled(model, result.title), unit: 'area', lines: result.areas.map((a) => ({ key: a.key, label: a.label, pence: a.allocationPence })) }, manifest: withScenarios(loaded.manifest, model) };
    },
    validate: async (model) => {
      const { model: allocation, table, dataPath } = await loadAllocation(model.modelPath, model.overrides);
      return `${table.keys.length} areas in ${dataPath}; indicators ${Object.keys(allocation.indicators).join(', ')}${allocation.damping ? `; damping ${allocation.damping.method}` : ''}; rounding to the ${allocation.rounding}.`;
    },
  },
  budget: {
    noun: 'a budget',
    jsonSchema: budgetJsonSchema,
    run: async (model) => {
      const run = await runBudget(model.modelPath, model.overrides);
      return splitJson(run.result, run.cashFlow, withScenarios(run.manifest, model), budgetNames(run.budget));
    },
    comparable: async (model) => {
      const run = await runBudget(model.modelPath, model.overrides);
      const names = budgetNames(run.budget);
      return {
        model,
        comparable: { title: titled(model, run.result.title), unit: 'service', lines: run.result.services.map((s) => ({ key: s.name, label: names.service?.[s.name] ?? s.name, pence: s.committedPence + s.allocatedPence })) },
        manifest: withScenarios(run.manifest, model),
      };
    },
    validate: async (model) => {
      // A budget is only valid if its commitments can be honoured, so it is split too.
      const { result } = await runBudget(model.modelPath, model.overrides);
      const funds = new Set(result.pots.map((pot) => pot.fund)).size;
      return `${funds} funds in ${result.pots.length} pots; ${result.services.length} services; every commitment for ${result.year} can be honoured.`;
    },
  },
  optimisation: {
    noun: 'an optimisation model',
    jsonSchema: optimisationJsonSchema,
    run: async (model, options) => {
      const loaded = await loadOptimisation(model.modelPath, model.overrides);
      const result = await runOptimisation(loaded, {
        ...(options.engine !== undefined && { engine: options.engine }),
        ...(options.shadowPrices !== undefined && { shadowPrices: options.shadowPrices }),
        ...(options.timeLimitSeconds !== undefined && { timeLimitSeconds: options.timeLimitSeconds }),
      });
      return optimisationJson(result, withScenarios({ ...loaded.manifest, engine: result.engine }, model), { timings: options.timings ?? false, names: optimisationNames(loaded.model, loaded.budget) });
    },
    comparable: async (model) => {
      const loaded = await loadOptimisation(model.modelPath, model.overrides);
      const result = await runOptimisation(loaded, { shadowPrices: false, explainDecisions: false });
      const names = optimisationNames(loaded.model, loaded.budget);
      const priorityName = (key: string) => names.priority?.[key] ?? key;
      // By priority (and area, where the spending is split by area), over all years.
      const lines = new Map<string, { key: string; label: string; pence: number }>();
      const add = (priority: string, area: { key: string; label: string } | undefined, pence: number) => {
        const key = area ? `${priority}|${area.key}` : priority;
        const line = lines.get(key) ?? { key, label: area ? `${priorityName(priority)}, ${area.label}` : priorityName(priority), pence: 0 };
        line.pence += pence;
        lines.set(key, line);
      };
      for (const s of result.spend) add(s.priority, s.area, s.pence);
      for (const a of result.awards) add(a.priority, a.area, a.awardPence);
      for (const c of result.commitments) if (c.held) add(c.priority, undefined, c.pence);
      return { model, comparable: { title: titled(model, result.title), unit: 'priority', lines: [...lines.values()] }, manifest: withScenarios({ ...loaded.manifest, engine: result.engine }, model) };
    },
    validate: async (model) => {
      const { prepared } = await loadOptimisation(model.modelPath, model.overrides);
      const applications = prepared.rounds.reduce((sum, round) => sum + round.applications.length, 0);
      return (
        `${prepared.priorities.length} priorities, ${prepared.options.length} options, ${prepared.pots.length} funds and ring-fences` +
        `${prepared.areaKeys.length ? `, ${prepared.areaKeys.length} areas` : ''}, ${prepared.years.length} year(s)` +
        `${prepared.rounds.length ? `, ${prepared.rounds.length} grant round(s) with ${applications} applications` : ''}.`
      );
    },
  },
  needs: {
    noun: 'a needs assessment',
    jsonSchema: needsJsonSchema,
    run: async (model) => {
      const run = await runGap(model.modelPath, model.overrides);
      return gapJson(run.result, withScenarios(run.manifest, model), needsNames(run.needs));
    },
    comparable: async (model) => {
      // Needs assessments compare by the cost of unmet demand, priority by priority.
      const run = await runGap(model.modelPath, model.overrides);
      const names = needsNames(run.needs);
      return {
        model,
        comparable: { title: titled(model, run.result.title), unit: 'priority', lines: run.result.priorities.map((p) => ({ key: p.name, label: names.priority?.[p.name] ?? p.name, pence: p.unmetCostPence })) },
        manifest: withScenarios(run.manifest, model),
      };
    },
    validate: async (model) => {
      const { result } = await runGap(model.modelPath, model.overrides);
      return `${result.priorities.length} priorities over ${new Set(result.areas.map((a) => a.key)).size} areas.`;
    },
  },
  settlement: {
    noun: 'a settlement',
    jsonSchema: settlementJsonSchema,
    run: async (model) => {
      const run = await runSettlement(model.modelPath, model.overrides);
      return settlementJson(run.result, withScenarios(run.manifest, model));
    },
    comparable: async (model) => {
      // Year by year: a line per area and year, so two settlements compare year on year.
      const run = await runSettlement(model.modelPath, model.overrides);
      const lines = run.result.years.flatMap((y) => y.result.areas.map((a) => ({ key: `${y.year}|${a.key}`, label: `${a.label}, ${y.label}`, pence: a.allocationPence })));
      return { model, comparable: { title: titled(model, run.result.title), unit: 'area', lines }, manifest: withScenarios(run.manifest, model) };
    },
    validate: async (model) => {
      const { result } = await runSettlement(model.modelPath, model.overrides);
      const first = result.years[0]!;
      const firm = result.years.filter((y) => !y.indicative).length;
      return `${result.years.length} year(s) from ${first.label} (${firm} firm, ${result.years.length - firm} indicative), ${first.result.areas.length} areas; every year adds up to its pot.`;
    },
  },
  scenario: { noun: 'a scenario', jsonSchema: scenarioJsonSchema },
};

/** The kind a resolved model is, from the registry; an unknown kind is refused by name. */
export function kindOf(model: ResolvedModel, file: string): ModelKind {
  const kind = Object.hasOwn(KINDS, model.kind) ? KINDS[model.kind as KindName] : undefined;
  if (!kind) throw new UserError(`${file}: kind '${model.kind}' is not one fairshare knows; expected ${Object.keys(KINDS).join(', ')}`);
  return kind;
}
