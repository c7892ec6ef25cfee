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
import { handOutRanks, largestRemainder } from '../money/largest-remainder.js';
import { unitPence, type RoundingUnit } from '../money/units.js';
import { equalChange } from './damping/equal-change.js';
import { floorCeiling } from './damping/floor-ceiling.js';
import { floorScale } from './damping/floor-scale.js';
import { transition } from './damping/transition.js';
import type { DampingInput, DampingOutcome, DampingResult } from './damping/types.js';
import { computeIndicators } from './indicators.js';
import { applyMinimum } from './minimum.js';
import { splitPot, type PotResult } from './pot.js';
import { ceilUnits } from './tolerance.js';

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
    priorPence: number;
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
    priorTotalPence: number;
  };
  /** Units left over for the largest-remainder step. */
  leftoverUnits: number;
  /** Allocations in pence, in the order of the data file (the fast path: no per-area objects). */
  allocationsPence: Float64Array;
  /**
   * Every area's figures, in the order of the data file. Built on first use and cached:
   * the computation itself lives in typed arrays, and a caller that needs only the
   * allocations (a sensitivity run, a benchmark) never pays for 30,000 records.
   */
  readonly areas: AreaAllocation[];
}

/** Code-unit order: the same on every machine and locale. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function damp(model: Model, input: DampingInput): DampingResult | undefined {
  const damping = model.damping;
  switch (damping?.method) {
    case undefined:
      return undefined;
    case 'floor_scale':
      return floorScale(input, damping.floor);
    case 'floor_ceiling':
      return floorCeiling(input, damping.floor, damping.ceiling);
    case 'equal_change':
      return equalChange(input);
    case 'transition':
      return transition(input, damping.years);
  }
}

export function allocate(model: Model, table: AreaTable): AllocationResult {
  const unit = unitPence(model.rounding);
  const pot = splitPot(model);
  if (pot.distributablePence < 0) {
    throw new UserError(`pot.top_slices: the top-slices exceed the pot total by £${(-pot.distributablePence / 100).toFixed(2)}`);
  }
  const distributable = pot.distributablePence / unit;
  const n = table.keys.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => byKey(table.keys[a]!, table.keys[b]!));
  const column = (name: string): Float64Array => {
    const values = table.columns.get(name);
    if (!values) throw new Error(`column '${name}' was not loaded from ${table.file}`);
    return values;
  };

  // Indicators, in key order.
  const { names, values, amounts, summaries } = computeIndicators(model, table, order, column);

  // Need shares and formula targets, in units.
  const needShares = new Float64Array(n);
  for (let k = 0; k < names.length; k++) {
    const { weight, total } = summaries[k]!;
    if (weight === 0) continue;
    const amount = amounts[k]!;
    for (let j = 0; j < n; j++) needShares[j] = needShares[j]! + weight * (amount[j]! / total);
  }
  const formula = needShares.map((share) => share * distributable);

  let targets: Float64Array = formula;
  let minimum: ReturnType<typeof applyMinimum> | undefined;
  let minimumUnits = 0;
  if (model.minimum !== undefined && model.minimum > 0) {
    minimumUnits = ceilUnits((model.minimum * 100) / unit);
    minimum = applyMinimum(formula, minimumUnits, distributable, unit);
    targets = minimum.targets;
  }

  let priors: Float64Array | undefined;
  let damped: DampingResult | undefined;
  if (model.damping) {
    const priorColumn = column(model.damping.prior);
    priors = Float64Array.from(order, (row) => (priorColumn[row]! * 100) / unit);
    damped = damp(model, { targets, priors, distributable, unit });
  }
  const exact = damped?.exact ?? targets;
  // The steps above balance the pot up to floating-point noise; rounding only settles that
  // noise. A larger gap is a fault of the tool, never something to round away silently.
  const exactTotal = exact.reduce((sum, value) => sum + value, 0);
  if (Math.abs(exactTotal - distributable) > 1e-6 * Math.max(1, distributable) + n * 1e-9) {
    throw new Error(`the unrounded allocations total ${exactTotal} units, not the ${distributable} to distribute`);
  }
  const lower = damped ? damped.lower : minimum ? new Float64Array(n).fill(minimumUnits) : undefined;
  const rounded = largestRemainder(exact, distributable, { ...(lower && { lower }), ...(damped?.upper && { upper: damped.upper }) });

  // Assemble per-area records, then restore file order. Plain fixed-shape objects (no
  // spreads or closures per area): this loop is most of the cost for 30,000+ areas.
  const buildAreas = (): AreaAllocation[] => {
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
                outcome: damped.outcomes[j]!,
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
          priorTotalPence: priors.reduce((a, b) => a + b, 0) * unit,
        },
      }),
    leftoverUnits,
    allocationsPence,
    get areas() {
      return (areas ??= buildAreas());
    },
  };
}
