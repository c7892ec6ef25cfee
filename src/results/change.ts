/**
 * Change receipts, published: each area's change between two runs, split by factor in whole
 * pence (`model-format.md` fixes the form). Runs are read from their published allocation
 * form, so a receipt can be made against a saved JSON result as well as a model.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { changeReceipt, type Receipt } from '../receipts/receipt.js';
import { evaluate, type RunSpec } from '../receipts/spec.js';
import type { AllocationJson } from './allocation.js';
import type { SettlementJson } from './settlement.js';
import { ManifestSchema, pence, type Manifest } from './common.js';

export const ChangeJsonSchema = z.object({
  result: z.literal('change'),
  from: z.string(),
  to: z.string(),
  factors: z.array(z.string()),
  areas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      from_pence: pence,
      to_pence: pence,
      parts: z.array(z.object({ factor: z.string(), pence })),
    }),
  ),
  /** Receipts of a settlement: one per year against the year before. */
  years: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
  /** What the two runs were made from. */
  manifests: z.object({ from: ManifestSchema.optional(), to: ManifestSchema.optional() }).optional(),
});

export type ChangeJson = z.output<typeof ChangeJsonSchema>;

/** An allocation as a run the receipt can take apart; it must recompute every figure exactly. */
export function runSpec(json: AllocationJson, what: string): RunSpec {
  const keys = json.areas.map((a) => a.key);
  const damping = json.damping;
  const spec: RunSpec = {
    keys,
    labels: new Map(json.areas.map((a) => [a.key, a.label])),
    rounding: json.rounding ?? 'pound',
    pot: { totalPence: json.pot.total_pence, slices: json.pot.top_slices.map((s) => ({ name: s.name, ...(s.share !== undefined && { share: s.share }), ...(s.share_of_remaining !== undefined && { shareOfRemaining: s.share_of_remaining }), pence: s.pence })) },
    indicators: json.indicators.map((indicator) => ({
      name: indicator.name,
      weight: indicator.weight,
      amounts: new Map(json.areas.map((a) => {
        const own = a.indicators[indicator.name];
        return [a.key, own?.amount ?? own?.value ?? 0];
      })),
    })),
    ...(json.minimum && { minimumPence: json.minimum.pence }),
    ...(damping && {
      damping: {
        method: damping.method as NonNullable<RunSpec['damping']>['method'],
        ...(damping.floor !== undefined && { floor: damping.floor }),
        ...(damping.ceiling !== undefined && { ceiling: damping.ceiling }),
        ...(damping.years !== undefined && { years: damping.years }),
        ...(damping.transition_years !== undefined && { transitionYears: damping.transition_years }),
        ...(damping.imposed && { scale: damping.scaling_factor }),
        priors: new Map(json.areas.map((a) => [a.key, a.prior_pence ?? 0])),
      },
    }),
    ...(json.areas.some((a) => a.fixed) && { fixed: new Map(json.areas.filter((a) => a.fixed).map((a) => [a.key, a.allocation_pence])) }),
  };
  // The receipt rests on recomputing the run: it must give every published figure.
  const { rounded } = evaluate(spec);
  const wrong = json.areas.filter((a) => rounded.get(a.key) !== a.allocation_pence);
  if (wrong.length > 0) throw new UserError(`${what}: its allocations cannot be recomputed from what it records (${wrong[0]!.label}: ${wrong[0]!.allocation_pence} pence recorded, ${rounded.get(wrong[0]!.key)} recomputed); was it edited?`);
  return spec;
}

export function receiptJson(receipt: Receipt, from: string, to: string): ChangeJson {
  return {
    result: 'change',
    from,
    to,
    factors: receipt.factors,
    areas: receipt.areas.map((a) => ({ key: a.key, label: a.label, from_pence: a.fromPence, to_pence: a.toPence, parts: a.parts })),
  };
}

/** The receipt between two published allocations of the same areas. */
export function changeBetween(from: AllocationJson, to: AllocationJson, names: { from: string; to: string }): ChangeJson {
  const json = receiptJson(changeReceipt(runSpec(from, names.from), runSpec(to, names.to)), names.from, names.to);
  const manifests: { from?: Manifest; to?: Manifest } = { ...(from.manifest && { from: from.manifest }), ...(to.manifest && { to: to.manifest }) };
  return Object.keys(manifests).length > 0 ? { ...json, manifests } : json;
}

/** The receipts of a settlement: each year against the year before it. */
export function settlementChange(json: SettlementJson): ChangeJson {
  if (json.years.length < 2) throw new UserError(`${json.title}: a one-year settlement has no year before to compare with; give --change FROM`);
  const pairs = json.years.slice(1).map((year, k) => ({ from: json.years[k]!, to: year }));
  const receipts = pairs.map(({ from, to }) => changeBetween(from.allocation, to.allocation, { from: from.label, to: to.label }));
  return {
    result: 'change',
    from: json.years[0]!.label,
    to: json.years.at(-1)!.label,
    factors: [...new Set(receipts.flatMap((r) => r.factors))],
    areas: receipts.flatMap((r) => r.areas.map((a) => ({ ...a, key: `${r.to}|${a.key}`, label: `${a.label}, ${r.to} against ${r.from}` }))),
    years: pairs.map(({ from, to }) => ({ from: from.label, to: to.label })),
    ...(json.manifest && { manifests: { to: json.manifest } }),
  };
}
