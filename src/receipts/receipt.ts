/**
 * Why an allocation changed: each area's change between two runs split into the factors that
 * caused it, by Shapley value. The factors are the pot (with its top-slices), each
 * indicator's data, the weights, the minimum, the damping rule (with the priors it damps
 * against) and the rounding unit. Every order of switching the changed factors from the old
 * run's value to the new one's is counted, each equally (the Shapley value), so no factor is
 * favoured by coming first. The split is of the allocations before rounding; what rounding
 * adds is its own line. The parts are then rounded by largest remainder to whole pence that
 * add up to the change exactly. A factor that did not change is left out of the game, so it
 * gets exactly zero. Pure.
 */
import { UserError } from '../errors.js';
import { evaluate, sameAreas, type RunSpec } from './spec.js';

/** A factor group: 'pot', 'indicator:crime', 'weights', 'minimum', 'damping', 'rounding'. */
export type Factor = string;

/** At most this many changed factors are weighed separately (2^n runs of the formula); beyond it the indicators' data are taken together. */
export const MOST_FACTORS = 12;

export interface AreaReceipt {
  key: string;
  label: string;
  fromPence: number;
  toPence: number;
  /** The change split by factor, in whole pence, adding up to toPence - fromPence. */
  parts: { factor: Factor; pence: number }[];
  /** The same before the parts were rounded to pence (for checking and for the record). */
  exactParts: { factor: Factor; pence: number }[];
}

export interface Receipt {
  /** The factors that changed, in order; every other factor is zero. */
  factors: Factor[];
  areas: AreaReceipt[];
}

const sameMap = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** The indicator names of both runs, in the new run's order then the old's. */
const indicatorNames = (from: RunSpec, to: RunSpec) => [...new Set([...to.indicators.map((i) => i.name), ...from.indicators.map((i) => i.name)])];

function changedFactors(from: RunSpec, to: RunSpec): Factor[] {
  const out: Factor[] = [];
  const slices = (s: RunSpec) => JSON.stringify(s.pot);
  if (slices(from) !== slices(to)) out.push('pot');
  for (const name of indicatorNames(from, to)) {
    const a = from.indicators.find((i) => i.name === name);
    const b = to.indicators.find((i) => i.name === name);
    if (!a || !b || !sameMap(a.amounts, b.amounts)) out.push(`indicator:${name}`);
  }
  const weights = (s: RunSpec, name: string) => s.indicators.find((i) => i.name === name)?.weight ?? 0;
  if (indicatorNames(from, to).some((name) => weights(from, name) !== weights(to, name))) out.push('weights');
  if ((from.minimumPence ?? 0) !== (to.minimumPence ?? 0)) out.push('minimum');
  const d = (s: RunSpec) => (s.damping ? JSON.stringify({ ...s.damping, priors: [...s.damping.priors].sort() }) : '');
  if (d(from) !== d(to)) out.push('damping');
  const fixed = (s: RunSpec) => JSON.stringify([...(s.fixed ?? new Map())].sort());
  if (fixed(from) !== fixed(to)) out.push('fixed');
  if (from.rounding !== to.rounding) out.push('rounding');
  return out;
}

/** The run with the factors in `switched` taken from `to`, the rest from `from`. */
function mix(from: RunSpec, to: RunSpec, switched: ReadonlySet<Factor>): RunSpec {
  const side = (factor: Factor) => (switched.has(factor) ? to : from);
  const names = indicatorNames(from, to);
  const weightsFrom = side('weights');
  const indicators = names
    .map((name) => {
      const dataSide = switched.has(`indicator:${name}`) || switched.has('indicator data') ? to : from;
      // Data for a weight the chosen side does not have: the other side's (the only there is).
      const own = dataSide.indicators.find((i) => i.name === name) ?? (dataSide === to ? from : to).indicators.find((i) => i.name === name)!;
      return { name, weight: weightsFrom.indicators.find((i) => i.name === name)?.weight ?? 0, amounts: own.amounts };
    })
    .filter((i) => i.weight > 0);
  const dampingSide = side('damping');
  const minimum = side('minimum').minimumPence;
  return {
    keys: to.keys,
    labels: to.labels,
    rounding: side('rounding').rounding,
    pot: side('pot').pot,
    indicators,
    ...(minimum !== undefined && { minimumPence: minimum }),
    ...(dampingSide.damping && { damping: dampingSide.damping }),
    ...(side('fixed').fixed && { fixed: side('fixed').fixed! }),
  };
}

/** n! as a float (n is small). */
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Round signed amounts to whole numbers adding up to `total` exactly: largest remainder, ties to the first. */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = floors.slice();
  // left is 0 .. n-1 when the values add up to total; guard either way.
  for (let k = 0; left > 0 && k < order.length; k++, left--) out[order[k]!.i]! += 1;
  for (let k = order.length - 1; left < 0 && k >= 0; k--, left++) out[order[k]!.i]! -= 1;
  return out;
}

/**
 * Factors that cannot be told apart: a mix of the two runs the formula cannot run (a cut pot
 * with the old floor may be unaffordable) has no value, so the factors that make it are taken
 * together, the closest first: the pot with the damping, with the minimum, and so on.
 */
const MERGES: readonly (readonly Factor[])[] = [
  ['pot', 'damping'],
  ['pot', 'fixed'],
  ['pot', 'minimum'],
  ['damping', 'minimum'],
  ['pot', 'damping', 'minimum'],
];

/** v(S) for every subset S of the factor groups (a bit mask), before rounding; undefined if a mix cannot run. */
function gameValues(from: RunSpec, to: RunSpec, groups: readonly Factor[][]): { values: Map<string, number>[] } | { failed: string[] } {
  const m = groups.length;
  const values: Map<string, number>[] = new Array(1 << m);
  for (let mask = 0; mask < 1 << m; mask++) {
    const switched = new Set(groups.filter((_, i) => mask & (1 << i)).flat());
    try {
      values[mask] = evaluate(mix(from, to, switched)).exact;
    } catch (error) {
      if (error instanceof UserError) return { failed: [`with ${switched.size ? [...switched].join(', ') : 'nothing'} from the second run and the rest from the first:`, ...error.problems] };
      throw error;
    }
  }
  return { values };
}

export function changeReceipt(from: RunSpec, to: RunSpec): Receipt {
  sameAreas(from, to);
  let atoms = changedFactors(from, to);
  if (atoms.length > MOST_FACTORS) atoms = [...atoms.filter((f) => !f.startsWith('indicator:')), 'indicator data'];
  let groups = atoms.map((f) => [f]);
  let game = gameValues(from, to, groups);
  for (const merge of [...MERGES, atoms]) {
    if ('values' in game) break;
    if (!merge.every((f) => atoms.includes(f)) && merge !== atoms) continue;
    groups = [merge.filter((f) => atoms.includes(f)), ...atoms.filter((f) => !merge.includes(f)).map((f) => [f])];
    game = gameValues(from, to, groups);
  }
  if (!('values' in game)) throw new UserError(['the change cannot be split into its factors: even taken together, a mix of the two runs cannot run', ...game.failed]);
  const values = game.values;
  // Factors taken together are named together: "pot+damping" (see factorName).
  const factors = groups.map((g) => g.join('+'));
  const m = factors.length;
  const fromRun = evaluate(from);
  const toRun = evaluate(to);
  const weight = (size: number) => (factorial(size) * factorial(m - size - 1)) / factorial(m);
  const sizes = Array.from({ length: 1 << m }, (_, mask) => {
    let bits = 0;
    for (let x = mask; x; x &= x - 1) bits++;
    return bits;
  });
  const areas = [...to.keys].sort().map((key): AreaReceipt => {
    const exactParts = factors.map((factor, i) => {
      let phi = 0;
      for (let mask = 0; mask < 1 << m; mask++) {
        if (mask & (1 << i)) continue;
        phi += weight(sizes[mask]!) * (values[mask | (1 << i)]!.get(key)! - values[mask]!.get(key)!);
      }
      return { factor, pence: phi };
    });
    const fromPence = fromRun.rounded.get(key)!;
    const toPence = toRun.rounded.get(key)!;
    // Rounding: what the published figures differ by beyond the unrounded change.
    const roundingPart = toPence - fromPence - (values[(1 << m) - 1]!.get(key)! - values[0]!.get(key)!);
    const withRounding = factors.includes('rounding')
      ? exactParts.map((p) => (p.factor === 'rounding' ? { ...p, pence: p.pence + roundingPart } : p))
      : [...exactParts, { factor: 'rounding', pence: roundingPart }];
    const rounded = roundToTotal(
      withRounding.map((p) => p.pence),
      toPence - fromPence,
    );
    return {
      key,
      label: to.labels.get(key) ?? key,
      fromPence,
      toPence,
      parts: withRounding.map((p, i) => ({ factor: p.factor, pence: rounded[i]! + 0 })),
      exactParts: withRounding,
    };
  });
  return { factors: [...factors, ...(factors.includes('rounding') ? [] : ['rounding'])], areas };
}

/**
 * A factor as people say it: "crime data", "the pot", and factors taken together as a list:
 * "pot, weights and damping" for "pot+weights+damping".
 */
export function factorName(factor: string): string {
  const names = factor.split('+').map((f) => (f.startsWith('indicator:') ? `${f.slice('indicator:'.length)} data` : f));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
}
