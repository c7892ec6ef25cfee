/** The published form of an allocation (`model-format.md` fixes it): money in integer pence. */
import { z } from 'zod';
import type { AllocationResult, AreaAllocation } from '../formula/allocate.js';
import { largestRemainder } from '../money/largest-remainder.js';
import { workedExample } from '../report/worked-example.js';
import { ManifestSchema, pence, type Manifest } from './common.js';

export const AllocationJsonSchema = z.object({
  result: z.literal('allocation'),
  title: z.string(),
  period: z.string().nullable().optional(),
  rounding: z.enum(['pound', 'penny']).optional(),
  pot: z.object({
    total_pence: pence,
    top_slices: z.array(z.object({ name: z.string(), share: z.number().optional(), share_of_remaining: z.number().optional(), pence })),
    distributable_pence: pence,
  }),
  indicators: z.array(
    z.object({
      name: z.string(),
      column: z.string().optional(),
      expression: z.string().optional(),
      scale_by: z.string().optional(),
      weight: z.number(),
      total: z.number().optional(),
    }),
  ),
  minimum: z.object({ pence, areas_raised: z.number().int(), scaling_factor: z.number() }).nullable().optional(),
  areas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      need_share: z.number(),
      indicators: z.record(z.string(), z.object({ value: z.number().optional(), scale_by: z.number().optional(), amount: z.number().optional(), share: z.number(), weighted: z.number() })),
      formula_pence: pence.optional(),
      target_pence: pence,
      prior_pence: pence.optional(),
      prior_adjustment_pence: pence.optional(),
      prior_adjustment_reason: z.string().optional(),
      damping_outcome: z.string().optional(),
      floor_pence: pence.optional(),
      ceiling_pence: pence.optional(),
      allocation_pence: pence,
      change: z.number().nullable(),
      /** Kept outside the formula with a fixed sum (its allocation_pence). */
      fixed: z.object({ reason: z.string().optional() }).optional(),
      /** A model of streams: each stream's amount for the area, by stream key. */
      streams: z.record(z.string(), pence).optional(),
      worked_example: z.array(z.string()).optional(),
    }),
  ),
  damping: z
    .object({
      method: z.string(),
      prior: z.string(),
      floor: z.number().optional(),
      ceiling: z.number().optional(),
      years: z.number().optional(),
      scaling_factor: z.number(),
      imposed: z.boolean().optional(),
      prior_source: z.string().optional(),
      transition_years: z.number().optional(),
      prior_total_pence: pence,
    })
    .nullable()
    .optional(),
  /** A model of several streams, added up per area before the damping. */
  streams: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        rule: z.enum(['formula', 'fixed', 'held_flat']),
        column: z.string().optional(),
        total_pence: pence,
        takes_the_rest: z.boolean().optional(),
        indicators: z.array(z.object({ name: z.string(), column: z.string().optional(), expression: z.string().optional(), scale_by: z.string().optional(), weight: z.number() })).optional(),
        minimum_pence: pence.optional(),
        damping: z.object({ method: z.string(), prior_source: z.string(), floor: z.number().optional(), ceiling: z.number().optional(), years: z.number().optional(), scaling_factor: z.number() }).optional(),
      }),
    )
    .optional(),
  totals: z.object({ allocation_pence: pence, areas: z.number().int(), residual_pence: pence.optional(), fixed_pence: pence.optional() }).optional(),
  manifest: ManifestSchema.optional(),
});

export type AllocationJson = z.output<typeof AllocationJsonSchema>;

/**
 * Targets to the penny by largest remainder (in area-key order), so that, like the
 * allocations, the published targets add up exactly to what they share.
 */
function targetsInPence(result: AllocationResult): number[] {
  const areas = result.areas;
  const order = areas.map((_, i) => i).sort((a, b) => (areas[a]!.key < areas[b]!.key ? -1 : areas[a]!.key > areas[b]!.key ? 1 : 0));
  const total = Math.round(areas.reduce((sum, area) => sum + area.targetPence, 0));
  const units = largestRemainder(order.map((i) => areas[i]!.targetPence), total).units;
  const out = new Array<number>(areas.length);
  order.forEach((i, k) => (out[i] = units[k]!));
  return out;
}

/**
 * The area's worked example as its last property, made when first read (JSON.stringify reads
 * it; a CSV of the allocations never does): at 32,844 areas they are half a million lines.
 */
function withLazyWorkedExample<T extends object>(result: AllocationResult, area: AreaAllocation, fields: T): T & { worked_example: string[] } {
  let steps: string[] | undefined;
  return Object.defineProperty(fields, 'worked_example', { enumerable: true, get: () => (steps ??= workedExample(result, area)) }) as T & { worked_example: string[] };
}

export function allocationJson(result: AllocationResult, manifest: Manifest): AllocationJson {
  const whole = (value: number) => Math.round(value);
  const targets = targetsInPence(result);
  return {
    result: 'allocation',
    title: result.title,
    period: result.period ?? null,
    rounding: result.rounding,
    pot: {
      total_pence: result.pot.totalPence,
      top_slices: result.pot.topSlices.map((slice) => ({
        name: slice.name,
        ...(slice.share !== undefined && { share: slice.share }),
        ...(slice.shareOfRemaining !== undefined && { share_of_remaining: slice.shareOfRemaining }),
        pence: slice.pence,
      })),
      distributable_pence: result.pot.distributablePence,
    },
    indicators: result.indicators.map((indicator) => ({
      name: indicator.name,
      ...(indicator.column !== undefined && { column: indicator.column }),
      ...(indicator.expression !== undefined && { expression: indicator.expression }),
      ...(indicator.scaleBy !== undefined && { scale_by: indicator.scaleBy }),
      weight: indicator.weight,
      total: indicator.total,
    })),
    minimum: result.minimum ? { pence: result.minimum.pence, areas_raised: result.minimum.raised, scaling_factor: result.minimum.scalingFactor } : null,
    areas: result.areas.map((area, i) => withLazyWorkedExample(result, area, {
      key: area.key,
      label: area.label,
      need_share: area.needShare,
      indicators: Object.fromEntries(
        Object.entries(area.indicators).map(([name, own]) => [
          name,
          {
            value: own.value,
            ...(own.scaleBy !== undefined && { scale_by: own.scaleBy, amount: own.amount }),
            share: own.share,
            weighted: own.weighted,
          },
        ]),
      ),
      formula_pence: whole(area.formulaPence),
      target_pence: targets[i]!,
      ...(area.damping && {
        prior_pence: whole(area.damping.priorPence),
        ...(area.damping.adjustment && { prior_adjustment_pence: whole(area.damping.adjustment.pence), ...(area.damping.adjustment.reason && { prior_adjustment_reason: area.damping.adjustment.reason }) }),
        damping_outcome: area.damping.outcome,
        ...(area.damping.floorPence !== undefined && { floor_pence: area.damping.floorPence }),
        ...(area.damping.ceilingPence !== undefined && { ceiling_pence: area.damping.ceilingPence }),
      }),
      allocation_pence: area.allocationPence,
      change: area.change,
      ...(area.fixed && { fixed: area.fixed }),
      ...(result.streams && area.streams && { streams: Object.fromEntries(result.streams.map((stream, k) => [stream.key, area.streams![k]!])) }),
    })),
    damping: result.damping
      ? {
          method: result.damping.method,
          prior: result.damping.prior,
          ...(result.damping.floor !== undefined && { floor: result.damping.floor }),
          ...(result.damping.ceiling !== undefined && { ceiling: result.damping.ceiling }),
          ...(result.damping.years !== undefined && { years: result.damping.years }),
          scaling_factor: result.damping.scalingFactor,
          ...(result.damping.imposed && { imposed: true }),
          prior_source: result.damping.priorSource,
          ...(result.damping.transitionYears !== undefined && { transition_years: result.damping.transitionYears }),
          prior_total_pence: whole(result.damping.priorTotalPence),
        }
      : null,
    ...(result.streams && {
      streams: result.streams.map((stream) => ({
        key: stream.key,
        name: stream.name,
        rule: stream.rule,
        ...(stream.column !== undefined && { column: stream.column }),
        total_pence: stream.totalPence,
        ...(stream.takesTheRest && { takes_the_rest: true }),
        ...(stream.result && {
          indicators: stream.result.indicators.map((indicator) => ({
            name: indicator.name,
            ...(indicator.column !== undefined && { column: indicator.column }),
            ...(indicator.expression !== undefined && { expression: indicator.expression }),
            ...(indicator.scaleBy !== undefined && { scale_by: indicator.scaleBy }),
            weight: indicator.weight,
          })),
          ...(stream.result.minimum && { minimum_pence: stream.result.minimum.pence }),
          ...(stream.result.damping && {
            damping: {
              method: stream.result.damping.method,
              prior_source: stream.result.damping.priorSource,
              ...(stream.result.damping.floor !== undefined && { floor: stream.result.damping.floor }),
              ...(stream.result.damping.ceiling !== undefined && { ceiling: stream.result.damping.ceiling }),
              ...(stream.result.damping.years !== undefined && { years: stream.result.damping.years }),
              scaling_factor: stream.result.damping.scalingFactor,
            },
          }),
        }),
      })),
    }),
    totals: {
      allocation_pence: result.areas.reduce((sum, area) => sum + area.allocationPence, 0),
      areas: result.areas.length,
      ...(result.residualPence !== 0 && { residual_pence: result.residualPence }),
      ...(result.fixed && { fixed_pence: result.fixed.totalPence }),
    },
    manifest,
  };
}
