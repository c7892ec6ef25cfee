/**
 * The JSON results fairshare writes (`--format json`), as far as the charts read them:
 * validated with zod when a saved result is charted, so a hand-edited or foreign file gets
 * a clear message instead of a broken chart. Money is integer pence, as in the files.
 */
import { z } from 'zod';

const pence = z.number();
const area = z.object({ key: z.string(), label: z.string() });

export const AllocationJsonSchema = z.looseObject({
  result: z.literal('allocation'),
  title: z.string(),
  pot: z.looseObject({ total_pence: pence.optional(), top_slices: z.array(z.looseObject({ name: z.string(), pence })).optional(), distributable_pence: pence }),
  indicators: z.array(z.looseObject({ name: z.string(), weight: z.number(), column: z.string().optional(), expression: z.string().optional() })),
  areas: z.array(
    z.looseObject({
      key: z.string(),
      label: z.string(),
      need_share: z.number(),
      indicators: z.record(z.string(), z.looseObject({ share: z.number().optional(), weighted: z.number() })),
      target_pence: pence.optional(),
      prior_pence: pence.optional(),
      worked_example: z.array(z.string()).optional(),
      allocation_pence: pence,
      change: z.number().nullable(),
      damping_outcome: z.string().optional(),
    }),
  ),
  manifest: z.looseObject({ model_file: z.string().optional(), data_file: z.string().optional() }).optional(),
});

export const SplitJsonSchema = z.looseObject({
  result: z.literal('split'),
  title: z.string(),
  pots: z.array(z.looseObject({ path: z.string(), fund: z.string(), body: z.string(), pence, committed_pence: pence, allocated_pence: pence, unallocated_pence: pence })),
  services: z
    .array(z.looseObject({ name: z.string(), priority: z.string(), requested_pence: pence, committed_pence: pence, allocated_pence: pence, shortfall_pence: pence, draws: z.array(z.looseObject({ pot: z.string() })) }))
    .optional(),
  cash_flow: z.array(z.looseObject({ fund: z.string(), quarters_pence: z.array(pence), after_year_end_pence: pence, total_pence: pence })).optional(),
});

export const OptimisationJsonSchema = z.looseObject({
  result: z.literal('optimisation'),
  title: z.string(),
  years: z.array(z.number()),
  objective: z.number(),
  spend: z.array(z.looseObject({ year: z.number(), priority: z.string(), option: z.string(), area: area.optional(), pot: z.string(), pence })),
  awards: z.array(z.looseObject({ year: z.number(), priority: z.string(), round: z.string(), pot: z.string(), award_pence: pence })),
  commitments: z.array(z.looseObject({ year: z.number(), priority: z.string(), pot: z.string(), pence, held: z.boolean() })),
});

export const ComparisonJsonSchema = z.looseObject({
  result: z.literal('comparison'),
  unit: z.enum(['area', 'service', 'priority']),
  base: z.looseObject({ title: z.string(), total_pence: pence }),
  scenarios: z.array(z.looseObject({ title: z.string(), total_pence: pence, change_pence: pence, summary: z.string() })),
  lines: z.array(z.looseObject({ key: z.string(), label: z.string(), base_pence: pence, scenarios: z.array(z.looseObject({ pence, change_pence: pence, change: z.number().nullable() })) })),
});

export const SensitivityJsonSchema = z.looseObject({
  result: z.literal('sensitivity'),
  title: z.string(),
  draws: z.number(),
  seed: z.number(),
  areas: z.array(z.looseObject({ key: z.string(), label: z.string(), allocation_pence: pence, allocation_pence_percentiles: z.object({ p05: pence, p50: pence, p95: pence }) })),
  tornado: z.array(z.looseObject({ indicator: z.string(), weight: z.number(), low: z.number(), high: z.number(), spread_pence: pence })),
});

export const GapJsonSchema = z.looseObject({
  result: z.literal('gap'),
  title: z.string(),
  priorities: z.array(z.looseObject({ rank: z.number(), name: z.string(), unit: z.string(), demand: z.number(), capacity: z.number(), unmet: z.number(), unmet_share: z.number().nullable(), unmet_cost_pence: pence })),
  areas: z.array(z.looseObject({ priority: z.string(), key: z.string(), label: z.string(), unmet_cost_pence: pence })),
});

export type AllocationJson = z.output<typeof AllocationJsonSchema>;
export type SplitJson = z.output<typeof SplitJsonSchema>;
export type OptimisationJson = z.output<typeof OptimisationJsonSchema>;
export type ComparisonJson = z.output<typeof ComparisonJsonSchema>;
export type SensitivityJson = z.output<typeof SensitivityJsonSchema>;
export type GapJson = z.output<typeof GapJsonSchema>;

export const RESULT_SCHEMAS = {
  allocation: AllocationJsonSchema,
  split: SplitJsonSchema,
  optimisation: OptimisationJsonSchema,
  comparison: ComparisonJsonSchema,
  sensitivity: SensitivityJsonSchema,
  gap: GapJsonSchema,
} as const;

export type ResultKind = keyof typeof RESULT_SCHEMAS;
export type AnyResultJson = AllocationJson | SplitJson | OptimisationJson | ComparisonJson | SensitivityJson | GapJson;
