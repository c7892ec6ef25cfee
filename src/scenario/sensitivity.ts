/**
 * How much does each area's allocation depend on the formula's choices? Pure.
 *
 * Monte Carlo: each draw takes weights from a Dirichlet distribution centred on the model's
 * weights (the concentration says how tightly) and, where asked, multiplies each area's
 * indicator values by (1 + e), e normal with the indicator's relative error (truncated at
 * -99%, so no value turns negative). Every draw goes through the whole formula: top-slices,
 * minimum, damping and largest-remainder rounding, so every draw's allocations add up to
 * the distributable pot exactly. Per area: the 5th, 50th and 95th percentiles of allocation
 * and rank, and the probability of gaining against the prior year.
 *
 * One at a time (a tornado): each weight moved down and up by a relative swing, the others
 * rescaled in proportion so the weights still sum to 1, data as published.
 *
 * The draws come from one seeded generator in a fixed order, and the buffers are typed
 * arrays reused from draw to draw: the same seed gives the same result, byte for byte.
 */
import { quantile } from 'simple-statistics';
import { runFormula, type CompiledFormula } from '../formula/allocate.js';
import { Workspace } from '../formula/workspace.js';
import { dirichletAround } from '../stats/dirichlet.js';
import { RandomStream, type StreamPlace } from '../stats/stream.js';

export interface SensitivityOptions {
  draws: number;
  seed: number;
  /** Dirichlet concentration around the model's weights; undefined keeps the weights fixed. */
  concentration?: number;
  /** Relative error (standard deviation) of each indicator's values, by indicator name. */
  errors?: Readonly<Record<string, number>>;
  /** Relative change of each weight for the one-at-a-time analysis (0.2 = down and up by 20%). */
  swing?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called with each draw's allocations (units, in area-key order; the buffer is reused). */
  onDraw?: (draw: number, units: Float64Array) => void;
}

export interface Percentiles {
  p05: number;
  p50: number;
  p95: number;
}

export interface AreaSensitivity {
  key: string;
  label: string;
  /** The model's own allocation, in pence. */
  allocationPence: number;
  /** Its rank among the areas (1 = the largest allocation). */
  rank: number;
  priorPence?: number;
  /** Percentiles of the allocation over the draws, in pence (type 7: interpolated). */
  allocation: Percentiles;
  rankPercentiles: Percentiles;
  /** Share of draws in which the area gets more than its prior; null without a prior. */
  probabilityOfGain: number | null;
}

export interface TornadoBar {
  indicator: string;
  weight: number;
  low: number;
  high: number;
  /** Sum over areas of |allocation at high - allocation at low|, in pence. */
  spreadPence: number;
  areas: { key: string; lowPence: number; highPence: number }[];
}

export interface SensitivityResult {
  title: string;
  draws: number;
  seed: number;
  concentration: number | null;
  errors: Record<string, number>;
  swing: number;
  distributablePence: number;
  /** Percentiles of each weight over the draws. */
  weights: ({ indicator: string; weight: number } & Percentiles)[];
  /** Areas in the order of the data file. */
  areas: AreaSensitivity[];
  /** Weights in order of influence, the largest first. */
  tornado: TornadoBar[];
}

const PERCENTILES = [0.05, 0.5, 0.95];

/** Type-7 percentiles of a sample, by quickselect on a copy (simple-statistics). */
function percentiles(sample: Float64Array): Percentiles {
  const [p05, p50, p95] = quantile(sample as unknown as number[], PERCENTILES) as number[];
  return { p05: p05!, p50: p50!, p95: p95! };
}

/**
 * Type-7 percentiles of ranks kept as counts (counts[r - 1] draws had rank r): the same as
 * from the sorted ranks, without storing a rank per draw.
 */
function rankPercentiles(counts: Uint32Array, total: number): Percentiles {
  const at = (i: number) => {
    let seen = 0;
    for (let r = 0; r < counts.length; r++) if ((seen += counts[r]!) > i) return r + 1;
    return counts.length;
  };
  const one = (p: number) => {
    const idx = (total - 1) * p;
    const lower = at(Math.floor(idx));
    return lower + (idx % 1) * (at(Math.ceil(idx)) - lower);
  };
  return { p05: one(0.05), p50: one(0.5), p95: one(0.95) };
}

/**
 * Ranks (1 = the largest allocation), ties to the lower key. Whole-unit allocations make
 * (most - units) x n + j an exact, distinct key, so a native sort with no comparator ranks
 * them; `keys` is reused. Allocations too large for exact keys take the comparator sort.
 */
function rankInto(units: Float64Array, most: number, keys: Float64Array, ranks: Uint32Array): void {
  const n = units.length;
  if ((most + 1) * n < Number.MAX_SAFE_INTEGER) {
    for (let j = 0; j < n; j++) keys[j] = (most - units[j]!) * n + j;
    keys.sort();
    for (let r = 0; r < n; r++) ranks[keys[r]! % n] = r + 1;
    return;
  }
  const index = Array.from({ length: n }, (_, j) => j).sort((a, b) => units[b]! - units[a]! || a - b);
  index.forEach((j, r) => (ranks[j] = r + 1));
}

/** What the draws of a share [from, to) of a run give; shares are merged in draw order (see summarise). */
export interface DrawShare {
  from: number;
  to: number;
  /** Each draw's allocations in units, area-key order, draw after draw. */
  allocations: Float64Array;
  /** Each draw's weights, draw after draw. */
  weights: Float64Array;
  /** counts[j x n + r - 1]: the draws in which area j (key order) ranked r. */
  rankCounts: Uint32Array;
  /** The draws in which each area gains against its prior. */
  gains: Uint32Array;
}

function errorsFor(c: CompiledFormula, options: SensitivityOptions): Record<string, number> {
  return Object.fromEntries(c.indicators.names.map((name) => [name, options.errors?.[name] ?? 0]));
}

/**
 * Where the seeded stream is at the start of each of `starts` (ascending draw numbers): the
 * weights of each draw are drawn as the draws draw them, the data's errors skipped over
 * (see RandomStream.skipNormals), so this costs a small part of the draws themselves.
 */
export function drawPlaces(c: CompiledFormula, options: SensitivityOptions, starts: readonly number[]): StreamPlace[] {
  const stream = new RandomStream(options.seed);
  const errors = errorsFor(c, options);
  const perturbedNormals = c.indicators.names.filter((name) => errors[name]! > 0).length * c.order.length;
  const weights = new Float64Array(c.indicators.names.length);
  const places: StreamPlace[] = [];
  let d = 0;
  for (const start of starts) {
    for (; d < start; d++) {
      if (options.concentration !== undefined) dirichletAround(c.weights, options.concentration, stream.uniform, stream.normal, weights);
      stream.skipNormals(perturbedNormals);
    }
    places.push(stream.place());
  }
  return places;
}

/**
 * The draws [from, to) of a run, the stream starting at `place` (the seed's own start for
 * draw 0; see drawPlaces for the others). `progress` is told of each draw done.
 */
export function runDraws(c: CompiledFormula, options: SensitivityOptions, from: number, to: number, place: StreamPlace, progress?: (draws: number) => void): DrawShare {
  const n = c.order.length;
  const names = c.indicators.names;
  const K = names.length;
  const count = to - from;
  const errors = errorsFor(c, options);
  const stream = RandomStream.at(place);
  const { uniform, normal } = stream;
  const ws = new Workspace();
  const base = c.indicators.amounts;

  // Buffers for every draw, reused: weights, perturbed amounts and totals, ranks.
  const weights = new Float64Array(K);
  const perturbed = names.map((name, k) => (errors[name]! > 0 ? new Float64Array(n) : base[k]!));
  const totals = Float64Array.from(c.totals);
  const keys = new Float64Array(n);
  const ranks = new Uint32Array(n);
  // Draw by draw, contiguous (a copy of each draw's allocations); ranks only as counts.
  const allocations = new Float64Array(n * count);
  const rankCounts = new Uint32Array(n * n);
  const weightDraws = new Float64Array(K * count);
  const gains = new Uint32Array(n);
  const every = Math.max(1, Math.floor(options.draws / 100));
  let reported = 0;

  for (let d = from; d < to; d++) {
    if (options.concentration !== undefined) dirichletAround(c.weights, options.concentration, uniform, normal, weights);
    else weights.set(c.weights);
    for (let k = 0; k < K; k++) {
      const error = errors[names[k]!]!;
      if (error === 0) continue;
      const source = base[k]!;
      const target = perturbed[k]!;
      let total = 0;
      for (let j = 0; j < n; j++) {
        target[j] = source[j]! * Math.max(0.01, 1 + error * normal());
        total += target[j]!;
      }
      // Values so small (subnormal) that the perturbation rounds them all to zero carry no
      // share to perturb: this draw keeps them as published rather than dividing by zero.
      if (!(total > 0)) {
        target.set(source);
        total = c.totals[k]!;
      }
      totals[k] = total;
    }
    const units = runFormula(c, weights, perturbed, totals, ws).rounded.units;
    options.onDraw?.(d, units);
    allocations.set(units, (d - from) * n);
    weightDraws.set(weights, (d - from) * K);
    rankInto(units, c.distributable, keys, ranks);
    for (let j = 0; j < n; j++) {
      rankCounts[j * n + ranks[j]! - 1]!++;
      if (c.priors && units[j]! > c.priors[j]!) gains[j]!++;
    }
    if (progress && ((d + 1 - from) % every === 0 || d + 1 === to)) {
      progress(d + 1 - from - reported);
      reported = d + 1 - from;
    }
  }
  return { from, to, allocations, weights: weightDraws, rankCounts, gains };
}

export function sensitivity(c: CompiledFormula, options: SensitivityOptions): SensitivityResult {
  let done = 0;
  const progress = options.onProgress && ((draws: number) => options.onProgress!((done += draws), options.draws));
  return summarise(c, options, [runDraws(c, options, 0, options.draws, new RandomStream(options.seed).place(), progress)]);
}

/** The result from the shares of a run's draws, which together cover 0 to draws in order. */
export function summarise(c: CompiledFormula, options: SensitivityOptions, shares: readonly DrawShare[]): SensitivityResult {
  const n = c.order.length;
  const names = c.indicators.names;
  const K = names.length;
  const draws = options.draws;
  const errors = errorsFor(c, options);
  const swing = options.swing ?? 0.2;
  const ws = new Workspace();
  const base = c.indicators.amounts;
  const keys = new Float64Array(n);
  const weights = new Float64Array(K);
  let allocations: Float64Array;
  let weightDraws: Float64Array;
  let rankCounts: Uint32Array;
  let gains: Uint32Array;
  if (shares.length === 1) ({ allocations, weights: weightDraws, rankCounts, gains } = shares[0]!);
  else {
    allocations = new Float64Array(n * draws);
    weightDraws = new Float64Array(K * draws);
    rankCounts = new Uint32Array(n * n);
    gains = new Uint32Array(n);
    for (const share of shares) {
      allocations.set(share.allocations, share.from * n);
      weightDraws.set(share.weights, share.from * K);
      for (let i = 0; i < rankCounts.length; i++) rankCounts[i]! += share.rankCounts[i]!;
      for (let j = 0; j < n; j++) gains[j]! += share.gains[j]!;
    }
  }
  const covered = shares.reduce((sum, share) => sum + share.to - share.from, 0);
  if (covered !== draws || allocations.length !== n * draws) throw new Error(`sensitivity: the shares cover ${covered} of ${draws} draws`);

  // The model itself, and one at a time.
  const own = Float64Array.from(runFormula(c, c.weights, base, c.totals, ws).rounded.units);
  const ownRanks = new Uint32Array(n);
  rankInto(own, c.distributable, keys, ownRanks);
  const tornado: TornadoBar[] = [];
  names.forEach((name, k) => {
    const weight = c.weights[k]!;
    if (weight === 0 || weight === 1) return; // nothing to move, or nothing to move it against
    const moved = (factor: number) => {
      const target = Math.min(1, weight * factor);
      const rest = (1 - target) / (1 - weight);
      for (let i = 0; i < K; i++) weights[i] = i === k ? target : c.weights[i]! * rest;
      return Float64Array.from(runFormula(c, weights, base, c.totals, ws).rounded.units);
    };
    const low = moved(1 - swing);
    const high = moved(1 + swing);
    let spread = 0;
    for (let j = 0; j < n; j++) spread += Math.abs(high[j]! - low[j]!);
    tornado.push({
      indicator: name,
      weight,
      low: weight * (1 - swing),
      high: Math.min(1, weight * (1 + swing)),
      spreadPence: spread * c.unit,
      areas: c.order.map((_, j) => ({ key: c.table.keys[c.order[j]!]!, lowPence: low[j]! * c.unit, highPence: high[j]! * c.unit })),
    });
  });
  tornado.sort((a, b) => b.spreadPence - a.spreadPence || (a.indicator < b.indicator ? -1 : 1));

  // Percentiles, area by area, back in the order of the data file.
  const column = new Float64Array(draws);
  const gather = (from: Float64Array, stride: number, offset: number) => {
    for (let d = 0; d < draws; d++) column[d] = from[d * stride + offset]!;
    return column;
  };
  const areas = new Array<AreaSensitivity>(n);
  for (let j = 0; j < n; j++) {
    const row = c.order[j]!;
    const inUnits = percentiles(gather(allocations, n, j));
    areas[row] = {
      key: c.table.keys[row]!,
      label: c.table.labels[row]!,
      allocationPence: own[j]! * c.unit,
      rank: ownRanks[j]!,
      ...(c.priors && { priorPence: c.priors[j]! * c.unit }),
      // Interpolated percentiles fall between units: to the nearest penny (money is whole pence).
      allocation: { p05: Math.round(inUnits.p05 * c.unit), p50: Math.round(inUnits.p50 * c.unit), p95: Math.round(inUnits.p95 * c.unit) },
      rankPercentiles: rankPercentiles(rankCounts.subarray(j * n, (j + 1) * n), draws),
      probabilityOfGain: c.priors ? gains[j]! / draws : null,
    };
  }
  return {
    title: c.model.title,
    draws,
    seed: options.seed,
    concentration: options.concentration ?? null,
    errors: Object.fromEntries(Object.entries(errors).filter(([, e]) => e > 0)),
    swing,
    distributablePence: c.pot.distributablePence,
    weights: names.map((indicator, k) => ({ indicator, weight: c.weights[k]!, ...percentiles(gather(weightDraws, K, k)) })),
    areas,
    tornado,
  };
}
