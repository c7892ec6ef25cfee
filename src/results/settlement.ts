/** The published form of a settlement (`model-format.md` fixes it): each year's allocation, each area's path. */
import { z } from 'zod';
import type { SettlementResult } from '../settlement/settle.js';
import { allocationJson, AllocationJsonSchema } from './allocation.js';
import { ManifestSchema, pence, type Manifest } from './common.js';

export const SettlementJsonSchema = z.object({
  result: z.literal('settlement'),
  title: z.string(),
  period: z.string().nullable().optional(),
  years: z.array(z.object({ year: z.number().int(), label: z.string(), indicative: z.boolean(), allocation: AllocationJsonSchema })).min(1),
  areas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      prior_pence: pence.nullable(),
      allocations_pence: z.array(pence),
      change_over_settlement: z.number().nullable(),
    }),
  ),
  manifest: ManifestSchema.optional(),
});

export type SettlementJson = z.output<typeof SettlementJsonSchema>;

export function settlementJson(result: SettlementResult, manifest: Manifest): SettlementJson {
  const years = result.years.map((y) => ({ year: y.year, label: y.label, indicative: y.indicative, allocation: allocationJson(y.result, {}) }));
  // Each year's allocation keeps its own figures; the run's manifest is the settlement's.
  for (const y of years) delete y.allocation.manifest;
  const first = result.years[0]!.result.areas;
  const byKey = result.years.map((y) => new Map(y.result.areas.map((a) => [a.key, a.allocationPence])));
  return {
    result: 'settlement',
    title: result.title,
    period: result.period ?? null,
    years,
    areas: first.map((area) => {
      const path = byKey.map((m) => m.get(area.key)!);
      const prior = area.damping ? Math.round(area.damping.priorPence) : null;
      const last = path.at(-1)!;
      return { key: area.key, label: area.label, prior_pence: prior, allocations_pence: path, change_over_settlement: prior !== null && prior > 0 ? (last - prior) / prior : null };
    }),
    manifest,
  };
}
