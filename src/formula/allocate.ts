/**
 * The formula allocation: indicators -> shares -> need share -> target -> minimum ->
 * damping -> largest-remainder rounding. Pure: a model and a table in, plain data out,
 * with every intermediate figure kept so each area has a worked example.
 *
 * Areas are computed in area-key order (not file order), so reordering the rows of the
 * data file cannot change any figure, not even in the last bit of a floating-point sum.
 */
import { UserError } from '../errors.js';
import type { AreaTable } from '../data/table.js';
import type { DampingMethod, Model } from '../model/schema.js';
import type { IndicatorSummary } from './indicators.js';
export type { IndicatorSummary } from './indicators.js';
import { handOutRanks, largestRemainder, type RoundedQuotas } from '../money/largest-remainder.js';
import { formatPounds, isWholePence, MAX_POUNDS, MAX_POUNDS_TEXT, unitPence, type RoundingUnit } from '../money/units.js';
import { nearestKey } from '../model/schema-keys.js';
import { dampBy, type DampingContext } from './damping/index.js';
import { allocateWithFixed } from './fixed.js';
import { allocateStreams, type StreamPriors, type StreamResult } from './streams.js';
import type { DampingOutcome, DampingResult } from './damping/types.js';
import { computeIndicators } from './indicators.js';
import { cachedKeyOrder } from '../data/key-order.js';
import { applyMinimum } from './minimum.js';
import { splitPot, type PotResult } from './pot.js';

import { float64, Workspace } from './workspace.js';

export interface AreaIndicator {
  /** The column's value, or the expression's result. */
  value: number;
  /** The scale_by column's value, when there is one. */
  scaleBy?: number;
  /** value x scaleBy (or value): what the share is taken of. */
  amount: number;
  share: number;
  weighted: number;
}

export interface AreaAllocation {
  key: string;
  label: string;
  /** Line of the area in the data file. */
  line: number;
  indicators: Record<string, AreaIndicator>;
  needShare: number;
  /** need share x distributable pot, in pence (unrounded). */
  formulaPence: number;
  minimum?: { outcome: 'raised' | 'scaled'; pence: number };
  /** Target after any minimum, in pence (unrounded). */
  targetPence: number;
  damping?: {
    /** The prior damped against: the column's (or the previous year's) plus any adjustment. */
    priorPence: number;
    /** A like-for-like adjustment included in priorPence, and why. */
    adjustment?: { pence: number; reason?: string; source: string };
    outcome: DampingOutcome;
    /** Whole-unit floor and ceiling, in pence, for the methods that have them. */
    floorPence?: number;
    ceilingPence?: number;
  };
  /** The amount before rounding, in pence. */
  exactPence: number;
  rounding: {
    /** exact, rounded down to the unit, in pence. */
    floorPence: number;
    /** Fraction of a unit left over, 0 to 1. */
    remainder: number;
    /** Units added (+1) by the largest-remainder step (rarely -1, or more where bounds bind). */
    adjustment: number;
    /** Position in the largest-remainder queue (0 when the area was not reached). */
    rank: number;
  };
  allocationPence: number;
  /** Change against the prior, as a fraction; null without a prior or with a zero prior. */
  change: number | null;
  /** Kept outside the formula with a fixed sum, and why. */
  fixed?: { reason?: string };
  /** A model of streams: the area's amount from each stream, in pence, in the order of result.streams. */
  streams?: number[];
}

export interface AllocationResult {
  title: string;
  period?: string;
  rounding: RoundingUnit;
  unitPence: 1 | 100;
  pot: PotResult;
  indicators: IndicatorSummary[];
  minimum?: { pence: number; raised: number; scalingFactor: number };
  damping?: {
    method: DampingMethod;
    prior: string;
    floor?: number;
    ceiling?: number;
    years?: number;
    scalingFactor: number;
    /** The scale-back factor was imposed (published), not solved. */
    imposed?: boolean;
    /** Where the priors came from: "column prior_2025", or a settlement's previous year. */
    priorSource: string;
    /** The transition's years this run (a settlement counts them down). */
    transitionYears?: number;
    priorTotalPence: number;
  };
  /** What an imposed scale-back factor leaves of the distributable pot, not allocated. */
  residualPence: number;
  /** Units left over for the largest-remainder step. */
  leftoverUnits: number;
  /** The areas kept outside the formula, with their fixed sums (see fixed.ts). */
  fixed?: { totalPence: number; areas: number };
  /** A model of several streams: each stream's amounts, added up before the damping (see streams.ts). */
  streams?: StreamResult[];
  /** Allocations in pence, in the order of the data file (the fast path: no per-area objects). */
  allocationsPence: Float64Array;
  /**
   * Every area's figures, in the order of the data file. Built on first use and cached:
   * the computation itself lives in typed arrays, and a caller that needs only the
   * allocations (a sensitivity run, a benchmark) never pays for 30,000 records.
   */
  readonly areas: AreaAllocation[];
}

/** `fn` of each row in `order`: a plain loop, several times faster than Float64Array.from with a map function. */
function gather(order: readonly number[], fn: (row: number) => number): Float64Array {
  const out = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = fn(order[j]!);
  return out;
}

/** Rows in area-key order: a copy of the cached order (see key-order.ts). */
function keyOrder(keys: readonly string[]): number[] {
  return cachedKeyOrder(keys).slice();
}

/**
 * What every run of a model on its table shares: the pot, the indicators and the priors,
 * all in area-key order. Compiled once; a sensitivity analysis runs it thousands of times.
 */
export interface CompiledFormula {
  model: Model;
  table: AreaTable;
  unit: 1 | 100;
  pot: PotResult;
  /** Whole units to distribute. */
  distributable: number;
  /** Row of the table for each area, in key order. */
  order: number[];
  indicators: ReturnType<typeof computeIndicators>;
  /** The model's weights, in indicator order. */
  weights: Float64Array;
  /** Each indicator's total over all areas. */
  totals: Float64Array;
  /** Prior allocations in units, in key order, when the model damps. */
  priors?: Float64Array;
  /** The priors' sum, in units (0 without priors). */
  priorTotal: number;
  /** Where the priors come from, in words: "column prior_2025" or "the 2026/27 allocation". */
  priorSource?: string;
  /** Like-for-like adjustments added to the priors, in units, in key order, with their reasons. */
  adjustments?: { units: Float64Array; reasons: (string | undefined)[]; source: string };
  minimumUnits: number;
  /** What the run asks of damping beyond the model (a settlement's transition countdown). */
  context: DampingContext;
  /** Buffers for allocate's runs, overwritten run after run (see allocateFormula). */
  scratch: Workspace;
}

/** What a run can take from outside the model: a settlement's previous year, its countdown. */
export interface RunOptions {
  /** Units of the distributable pot kept back for areas outside the formula (see fixed.ts). */
  reservedUnits?: number;
  /** Prior allocations by area key, in pence, instead of the model's prior column. */
  prior?: { pence: ReadonlyMap<string, number>; source: string };
  /** A settlement's previous year, for the formula streams damped on their own. */
  streamPriors?: StreamPriors;
  /** For transition: the years left to converge this year. */
  transitionYears?: number;
}

export function compileFormula(model: Model, table: AreaTable, options: RunOptions = {}): CompiledFormula {
  if (model.streams) {
    throw new UserError('streams: this analysis runs one formula over every area, and does not yet take a model of several streams');
  }
  if (model.fixed?.length && options.reservedUnits === undefined) {
    throw new UserError('fixed: this analysis runs the formula over every area, and does not yet take areas fixed outside it; remove fixed (or --set fixed=) to run it');
  }
  const unit = unitPence(model.rounding);
  const pot = splitPot(model);
  if (pot.distributablePence < 0) {
    throw new UserError(`pot.top_slices: the top-slices exceed the pot total by £${(-pot.distributablePence / 100).toFixed(2)}`);
  }
  const order = keyOrder(table.keys);
  const indicators = computeIndicators(model, table, order, (name) => tableColumn(table, name));
  let priors: Float64Array | undefined;
  let adjustments: CompiledFormula['adjustments'];
  if (model.damping && options.prior) {
    const given = options.prior.pence;
    priors = gather(order, (row) => {
      const pence = given.get(table.keys[row]!);
      if (pence === undefined) throw new UserError(`damping.prior: ${options.prior!.source} has no allocation for area '${table.keys[row]}'`);
      return pence / unit;
    });
  } else if (model.damping) {
    const priorColumn = tableColumn(table, model.damping.prior);
    checkPriors(priorColumn, table, model.damping.prior);
    priors = new Float64Array(order.length);
    for (let j = 0; j < order.length; j++) priors[j] = (priorColumn[order[j]!]! * 100) / unit;
  }
  if (priors && model.damping?.adjustments !== undefined) {
    adjustments = priorAdjustments(model.damping.adjustments, table, order, unit);
    const problems: string[] = [];
    adjustments.units.forEach((units, j) => {
      priors![j] = priors![j]! + units;
      if (priors![j]! < 0) {
        const row = order[j]!;
        problems.push(
          `${table.file}:${table.lines[row]}: damping.adjustments: area '${table.keys[row]}' has a prior of ${formatPounds((priors![j]! - units) * unit)} and an adjustment of ${formatPounds(units * unit)}, ` +
            `which leaves an adjusted base of ${formatPounds(priors![j]! * unit)}; a base cannot be below zero`,
        );
      }
    });
    if (problems.length > 0) throw new UserError(problems.slice(0, 20));
  }
  let priorTotal = 0;
  if (priors) for (let j = 0; j < priors.length; j++) priorTotal += priors[j]!;
  return {
    model,
    table,
    unit,
    pot,
    priorTotal,
    distributable: pot.distributablePence / unit - (options.reservedUnits ?? 0),
    order,
    indicators,
    weights: Float64Array.from(indicators.summaries, (summary) => summary.weight),
    totals: Float64Array.from(indicators.summaries, (summary) => summary.total),
    ...(priors && { priors, priorSource: options.prior?.source ?? `column ${model.damping!.prior}` }),
    ...(adjustments && { adjustments }),
    // The minimum is whole pence (checked by the schema): its whole units, rounded up.
    minimumUnits: model.minimum !== undefined && model.minimum > 0 ? Math.ceil(Math.round(model.minimum * 100) / unit) : 0,
    context: { ...(options.transitionYears !== undefined && { transitionYears: options.transitionYears }) },
    scratch: new Workspace(),
  };
}

/** Like-for-like adjustments to the priors: a column of pounds, or a list by area. */
function priorAdjustments(spec: NonNullable<NonNullable<Model['damping']>['adjustments']>, table: AreaTable, order: readonly number[], unit: number): NonNullable<CompiledFormula['adjustments']> {
  if (typeof spec === 'string') {
    const values = tableColumn(table, spec);
    const problems: string[] = [];
    for (let row = 0; row < values.length && problems.length < 20; row++) {
      if (!isWholePence(values[row]!) || Math.abs(values[row]!) > MAX_POUNDS) problems.push(`${table.file}:${table.lines[row]}: column '${spec}' (damping.adjustments): ${values[row]} is not an amount in pounds and pence within ${MAX_POUNDS_TEXT}`);
    }
    if (problems.length > 0) throw new UserError(problems);
    return { units: gather(order, (row) => Math.round(values[row]! * 100) / unit), reasons: order.map(() => undefined), source: `column ${spec}` };
  }
  const index = new Map(order.map((row, j) => [table.keys[row]!, j]));
  const units = new Float64Array(order.length);
  const reasons: (string | undefined)[] = order.map(() => undefined);
  const problems: string[] = [];
  spec.forEach((entry, i) => {
    const j = index.get(entry.area);
    if (j === undefined) {
      const near = nearestKey(entry.area, table.keys);
      problems.push(`damping.adjustments.${i}.area: no area '${entry.area}' in ${table.file}${near ? `; did you mean '${near}'?` : ''}`);
      return;
    }
    units[j] = units[j]! + Math.round(entry.amount * 100) / unit;
    reasons[j] = [reasons[j], entry.reason].filter(Boolean).join('; ') || undefined;
  });
  if (problems.length > 0) throw new UserError(problems);
  return { units, reasons, source: 'damping.adjustments' };
}

/** Prior allocations are money: whole pence, within the amounts fairshare keeps exact. */
function checkPriors(values: Float64Array, table: AreaTable, column: string): void {
  const problems: string[] = [];
  // The place is put into words only for a problem: this runs over every area on every run.
  const at = (row: number) => `${table.file}:${table.lines[row]}: column '${column}' (damping.prior)`;
  for (let row = 0; row < values.length && problems.length < 20; row++) {
    const pounds = values[row]!;
    if (pounds > MAX_POUNDS) problems.push(`${at(row)}: ${pounds} is more than ${MAX_POUNDS_TEXT}, the most fairshare keeps exact to the penny`);
    else if (!isWholePence(pounds)) problems.push(`${at(row)}: ${pounds} has more than 2 decimal places; a prior allocation is money, in pounds and pence`);
  }
  if (problems.length > 0) throw new UserError(problems);
}

function tableColumn(table: AreaTable, name: string): Float64Array {
  const values = table.columns.get(name);
  if (!values) throw new Error(`column '${name}' was not loaded from ${table.file}`);
  return values;
}

/** Every intermediate of one run, in units and key order. */
export interface FormulaRun {
  needShares: Float64Array;
  formula: Float64Array;
  targets: Float64Array;
  minimum?: ReturnType<typeof applyMinimum>;
  damped?: DampingResult;
  exact: Float64Array;
  rounded: RoundedQuotas;
}

/**
 * One run of the formula: need shares from weights and indicator amounts (with their
 * totals), then minimum, damping and largest-remainder rounding. With a workspace, every
 * array comes from it (a sensitivity draw allocates nothing) and is overwritten next run.
 */
export function runFormula(c: CompiledFormula, weights: ArrayLike<number>, amounts: readonly Float64Array[], totals: ArrayLike<number>, ws?: Workspace): FormulaRun {
  const n = c.order.length;
  const { distributable, unit, model } = c;
  const needShares = float64(ws, 'formula.needShares', n);
  const formula = float64(ws, 'formula.targets', n);
  // The indicators with a weight. Each share is summed in indicator order from zero, so the
  // one-pass loop for three indicators gives the figures of a pass per indicator, bit for bit.
  const used: number[] = [];
  for (let k = 0; k < amounts.length; k++) if (weights[k] !== 0) used.push(k);
  if (used.length === 3) {
    // The common shape (population, crime, deprivation), unrolled.
    const [a, b, d] = used as [number, number, number];
    const [wa, wb, wd] = [weights[a]!, weights[b]!, weights[d]!];
    const [ta, tb, td] = [totals[a]!, totals[b]!, totals[d]!];
    const [xa, xb, xd] = [amounts[a]!, amounts[b]!, amounts[d]!];
    for (let j = 0; j < n; j++) {
      const share = 0 + wa * (xa[j]! / ta) + wb * (xb[j]! / tb) + wd * (xd[j]! / td);
      needShares[j] = share;
      formula[j] = share * distributable;
    }
  } else {
    // A pass per indicator (the same sums in the same order).
    for (const k of used) {
      const weight = weights[k]!;
      const amount = amounts[k]!;
      const total = totals[k]!;
      for (let j = 0; j < n; j++) needShares[j] = needShares[j]! + weight * (amount[j]! / total);
    }
    for (let j = 0; j < n; j++) formula[j] = needShares[j]! * distributable;
  }

  let targets = formula;
  let minimum: ReturnType<typeof applyMinimum> | undefined;
  if (c.minimumUnits > 0) {
    minimum = applyMinimum(formula, c.minimumUnits, distributable, unit, ws);
    targets = minimum.targets;
  }
  const damped = c.priors && model.damping ? dampBy(model.damping, { targets, priors: c.priors, distributable, unit, ...(ws && { ws }) }, c.context) : undefined;
  const exact = damped?.exact ?? targets;
  // What the allocations add up to: the pot, unless an imposed factor leaves a residual.
  const distributed = damped?.distributed ?? distributable;
  // The steps above balance the pot up to floating-point noise; rounding only settles that
  // noise. A larger gap is a fault of the tool, never something to round away silently.
  let exactTotal = 0;
  for (let j = 0; j < n; j++) exactTotal += exact[j]!;
  if (Math.abs(exactTotal - distributed) > 1e-6 * Math.max(1, distributed) + n * 1e-9 + (damped?.imposed ? 0.5 : 0)) {
    throw new Error(`the unrounded allocations total ${exactTotal} units, not the ${distributed} to distribute`);
  }
  const lower = damped ? damped.lower : minimum ? float64(ws, 'formula.minimumLower', n).fill(c.minimumUnits) : undefined;
  const rounded = largestRemainder(exact, distributed, { ...(lower && { lower }), ...(damped?.upper && { upper: damped.upper }) }, ws);
  return { needShares, formula, targets, ...(minimum && { minimum }), ...(damped && { damped }), exact, rounded };
}

/** Allocate by the model: its areas kept outside the formula (fixed) first, if it has any. */
export function allocate(model: Model, table: AreaTable, options: RunOptions = {}): AllocationResult {
  if (model.streams) return allocateStreams(model, table, options);
  return model.fixed?.length && options.reservedUnits === undefined ? allocateWithFixed(model, table, options) : allocateFormula(model, table, options);
}

const compiledRuns = new WeakMap<Model, WeakMap<AreaTable, CompiledFormula>>();

/**
 * The compiled formula of a model on a table, made once per pair when the run asks nothing
 * beyond the model (no prior from a settlement, no reserved units): a model and its table
 * are not changed once loaded, and what-if tools run the same pair again and again.
 */
function compiledFor(model: Model, table: AreaTable, options: RunOptions): CompiledFormula {
  if (Object.keys(options).length > 0) return compileFormula(model, table, options);
  let byTable = compiledRuns.get(model);
  if (!byTable) compiledRuns.set(model, (byTable = new WeakMap()));
  let compiled = byTable.get(table);
  if (!compiled) byTable.set(table, (compiled = compileFormula(model, table, options)));
  return compiled;
}

/** The formula over every area of the table (fixed areas already set apart). */
export function allocateFormula(model: Model, table: AreaTable, options: RunOptions = {}): AllocationResult {
  const c = compiledFor(model, table, options);
  const { unit, pot, order } = c;
  const { names, values, amounts, summaries } = c.indicators;
  const n = order.length;
  const column = (name: string) => tableColumn(table, name);
  // The run itself uses the compiled formula's scratch buffers, so a what-if allocates only
  // its allocations (at a million areas, a dozen fresh arrays a run cost more in garbage
  // collection than the formula). The worked examples need every intermediate: the run is
  // repeated into fresh arrays when they are first read; the same code on the same inputs,
  // so the same figures.
  const { minimum, damped, rounded } = runFormula(c, c.weights, amounts, c.totals, c.scratch);
  const priors = c.priors;
  const minimumUnits = c.minimumUnits;

  // Assemble per-area records, then restore file order. Plain fixed-shape objects (no
  // spreads or closures per area): this loop is most of the cost for 30,000+ areas.
  const buildAreas = (): AreaAllocation[] => {
    const { needShares, formula, targets, minimum, damped, exact, rounded } = runFormula(c, c.weights, amounts, c.totals);
    const areas: AreaAllocation[] = new Array(n);
    const ranks = handOutRanks(rounded.remainders, rounded.adjustments);
    const scaleColumns = summaries.map((summary) => (summary.scaleBy === undefined ? undefined : column(summary.scaleBy)));
    const floors = damped?.lower;
    const ceilings = damped?.upper;
    for (let j = 0; j < n; j++) {
      const row = order[j]!;
      const indicators: Record<string, AreaIndicator> = {};
      for (let k = 0; k < names.length; k++) {
        const summary = summaries[k]!;
        const share = summary.total > 0 ? amounts[k]![j]! / summary.total : 0;
        const scale = scaleColumns[k];
        indicators[names[k]!] = {
          value: values[k]![j]!,
          scaleBy: scale === undefined ? undefined : scale[row]!,
          amount: amounts[k]![j]!,
          share,
          weighted: summary.weight * share,
        };
      }
      const allocationPence = rounded.units[j]! * unit;
      const priorPence = priors === undefined ? undefined : priors[j]! * unit;
      const adjustment = rounded.adjustments[j]!;
      areas[row] = {
        key: table.keys[row]!,
        label: table.labels[row]!,
        line: table.lines[row]!,
        indicators,
        needShare: needShares[j]!,
        formulaPence: formula[j]! * unit,
        minimum: minimum === undefined ? undefined : { outcome: minimum.raised[j] ? 'raised' : 'scaled', pence: targets[j]! * unit },
        targetPence: targets[j]! * unit,
        damping:
          damped === undefined || priorPence === undefined
            ? undefined
            : {
                priorPence,
                ...(c.adjustments && c.adjustments.units[j] !== 0 && { adjustment: { pence: c.adjustments.units[j]! * unit, ...(c.adjustments.reasons[j] && { reason: c.adjustments.reasons[j] }), source: c.adjustments.source } }),
                outcome: damped.outcome!(j),
                floorPence: floors === undefined ? undefined : floors[j]! * unit,
                ceilingPence: ceilings === undefined ? undefined : ceilings[j]! * unit,
              },
        exactPence: exact[j]! * unit,
        rounding: {
          floorPence: Math.floor(exact[j]!) * unit,
          remainder: rounded.remainders[j]!,
          adjustment,
          rank: ranks[j]!,
        },
        allocationPence,
        change: priorPence !== undefined && priorPence > 0 ? (allocationPence - priorPence) / priorPence : null,
      };
    }
    return areas;
  };

  let leftoverUnits = 0;
  const allocationsPence = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const adjustment = rounded.adjustments[j]!;
    if (adjustment > 0) leftoverUnits += adjustment;
    allocationsPence[order[j]!] = rounded.units[j]! * unit;
  }
  let areas: AreaAllocation[] | undefined;

  const damping = model.damping;
  return {
    title: model.title,
    ...(model.period !== undefined && { period: model.period }),
    rounding: model.rounding,
    unitPence: unit,
    pot,
    indicators: summaries,
    ...(minimum && {
      minimum: { pence: minimumUnits * unit, raised: minimum.raised.reduce((a, b) => a + b, 0), scalingFactor: minimum.scalingFactor },
    }),
    ...(damping &&
      damped &&
      priors && {
        damping: {
          method: damping.method,
          prior: damping.prior,
          ...('floor' in damping && { floor: damping.floor }),
          ...('ceiling' in damping && { ceiling: damping.ceiling }),
          ...('years' in damping && { years: damping.years }),
          scalingFactor: damped.scalingFactor,
          ...(damped.imposed && { imposed: true }),
          priorSource: c.priorSource!,
          ...(damping.method === 'transition' && c.context.transitionYears !== undefined && { transitionYears: c.context.transitionYears }),
          priorTotalPence: c.priorTotal * unit,
        },
      }),
    residualPence: (c.distributable - (damped?.distributed ?? c.distributable)) * unit,
    leftoverUnits,
    allocationsPence,
    get areas() {
      return (areas ??= buildAreas());
    },
  };
}
