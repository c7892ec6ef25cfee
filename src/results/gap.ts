/** The published form of a gap analysis: need against provision by priority and area. */
import { z } from 'zod';
import type { GapResult } from '../gap/gap.js';
import { ManifestSchema, NamesSchema, pence, type Manifest, type Names } from './common.js';

export const GapJsonSchema = z.object({
  result: z.literal('gap'),
  title: z.string(),
  period: z.string().nullable().optional(),
  priorities: z.array(
    z.object({
      rank: z.number().int(),
      name: z.string(),
      unit: z.string(),
      unit_cost_pence: pence.optional(),
      demand: z.number(),
      capacity: z.number(),
      unmet: z.number(),
      unmet_share: z.number().nullable(),
      unmet_cost_pence: pence,
      provision: z.array(z.object({ name: z.string(), capacity: z.number(), area: z.string().optional() })).optional(),
    }),
  ),
  areas: z.array(z.object({ priority: z.string(), key: z.string(), label: z.string(), demand: z.number().optional(), capacity: z.number().optional(), unmet: z.number().optional(), unmet_cost_pence: pence, rank: z.number().int().optional() })),
  names: NamesSchema.optional(),
  manifest: ManifestSchema.optional(),
});

export type GapJson = z.output<typeof GapJsonSchema>;

export function gapJson(result: GapResult, manifest: Manifest, names: Names = {}): GapJson {
  return {
    result: 'gap',
    title: result.title,
    period: result.period ?? null,
    priorities: result.priorities.map((p) => ({
      rank: p.rank,
      name: p.name,
      unit: p.unit,
      unit_cost_pence: p.unitCostPence,
      demand: p.demand,
      capacity: p.capacity,
      unmet: p.unmet,
      unmet_share: p.unmetShare,
      unmet_cost_pence: p.unmetCostPence,
      provision: p.provision,
    })),
    areas: result.areas.map((a) => ({ priority: a.priority, key: a.key, label: a.label, demand: a.demand, capacity: a.capacity, unmet: a.unmet, unmet_cost_pence: a.unmetCostPence, rank: a.rank })),
    ...(Object.keys(names).length > 0 && { names }),
    manifest,
  };
}
