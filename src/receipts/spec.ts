/**
 * A run of the formula as plain data: everything that decides each area's allocation, with
 * indicator amounts already computed. Two runs of the same areas can be mixed factor by
 * factor (the pot of one, the crime data of the other...) and each mix evaluated: what a
 * change receipt is made of. Pure.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { allocate } from '../formula/allocate.js';
import type { Damping, Model } from '../model/schema.js';

export interface SliceSpec {
  name: string;
  share?: number;
  shareOfRemaining?: number;
  pence: number;
}

export interface DampingSpec {
  method: Damping['method'];
  floor?: number;
  ceiling?: number;
  years?: number;
  /** A settlement's countdown of a transition, this year. */
  transitionYears?: number;
  /** An imposed scale-back factor. */
  scale?: number;
  /** Prior allocations by area key, in pence. */
  priors: ReadonlyMap<string, number>;
}

export interface RunSpec {
  keys: readonly string[];
  labels: ReadonlyMap<string, string>;
  rounding: 'pound' | 'penny';
  pot: { totalPence: number; slices: readonly SliceSpec[] };
  /** Each indicator's weight and its amounts (value x scale_by) by area key. */
  indicators: readonly { name: string; weight: number; amounts: ReadonlyMap<string, number> }[];
  minimumPence?: number;
  damping?: DampingSpec;
  /** Areas kept outside the formula: their fixed sums in pence, by key. */
  fixed?: ReadonlyMap<string, number>;
}

export interface Evaluated {
  /** Allocation before rounding, in pence, by key. */
  exact: Map<string, number>;
  /** Allocation as published, in pence, by key. */
  rounded: Map<string, number>;
}

/** Run a spec through the formula engine (the one every allocation uses). */
export function evaluate(spec: RunSpec): Evaluated {
  const keys = [...spec.keys].sort();
  const columns = new Map<string, Float64Array>();
  spec.indicators.forEach((indicator, k) => columns.set(`i${k}`, Float64Array.from(keys, (key) => indicator.amounts.get(key) ?? 0)));
  if (spec.damping) columns.set('prior', Float64Array.from(keys, (key) => (spec.damping!.priors.get(key) ?? 0) / 100));
  const table: AreaTable = { file: '(change receipt)', header: ['key', ...columns.keys()], keys, labels: keys, lines: keys.map((_, i) => i + 2), columns };
  const d = spec.damping;
  const damping: Damping | undefined = !d
    ? undefined
    : d.method === 'floor_scale'
      ? { method: 'floor_scale', prior: 'prior', floor: d.floor ?? 0, ...(d.scale !== undefined && { scale: d.scale }) }
      : d.method === 'floor_ceiling'
        ? { method: 'floor_ceiling', prior: 'prior', floor: d.floor ?? 0, ceiling: d.ceiling ?? 0 }
        : d.method === 'transition'
          ? { method: 'transition', prior: 'prior', years: d.years ?? 1 }
          : { method: 'equal_change', prior: 'prior' };
  const model: Model = {
    fairshare: 1,
    title: 'change receipt',
    data: { file: '(change receipt)', key: 'key' },
    pot: {
      total: spec.pot.totalPence / 100,
      top_slices: spec.pot.slices.map((slice) =>
        slice.share !== undefined ? { name: slice.name, share: slice.share } : slice.shareOfRemaining !== undefined ? { name: slice.name, share_of_remaining: slice.shareOfRemaining } : { name: slice.name, amount: slice.pence / 100 },
      ),
    },
    indicators: Object.fromEntries(spec.indicators.map((indicator, k) => [`i${k}`, { column: `i${k}`, weight: indicator.weight }])),
    ...(spec.minimumPence !== undefined && spec.minimumPence > 0 && { minimum: spec.minimumPence / 100 }),
    ...(damping && { damping }),
    ...(spec.fixed && spec.fixed.size > 0 && { fixed: [...spec.fixed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([area, pence]) => ({ area, amount: pence / 100 })) }),
    rounding: spec.rounding,
  };
  const result = allocate(model, table, { ...(d?.transitionYears !== undefined && { transitionYears: d.transitionYears }) });
  const exact = new Map<string, number>();
  const rounded = new Map<string, number>();
  for (const area of result.areas) {
    exact.set(area.key, area.exactPence);
    rounded.set(area.key, area.allocationPence);
  }
  return { exact, rounded };
}

/** Check two runs are of the same areas, naming any difference. */
export function sameAreas(from: RunSpec, to: RunSpec): void {
  const a = new Set(from.keys);
  const b = new Set(to.keys);
  const missing = [...a].filter((k) => !b.has(k));
  const added = [...b].filter((k) => !a.has(k));
  if (missing.length || added.length) {
    throw new UserError(`a change receipt compares runs of the same areas; ${[...(missing.length ? [`only the first has ${missing.slice(0, 5).join(', ')}`] : []), ...(added.length ? [`only the second has ${added.slice(0, 5).join(', ')}`] : [])].join('; ')}`);
  }
}
