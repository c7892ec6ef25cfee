/** The published form of a comparison of scenarios with a base, line by line, in pence. */
import { z } from 'zod';
import type { Comparison } from '../scenario/compare.js';
import { ManifestSchema, NamesSchema, pence, type Manifest, type Names } from './common.js';

const Extreme = z.object({ key: z.string(), label: z.string(), change_pence: pence, change: z.number().nullable() });

export const ComparisonJsonSchema = z.object({
  result: z.literal('comparison'),
  unit: z.enum(['area', 'service', 'priority']),
  base: z.object({ title: z.string(), total_pence: pence }),
  scenarios: z.array(
    z.object({
      title: z.string(),
      total_pence: pence,
      change_pence: pence,
      gainers: z.number().int().optional(),
      losers: z.number().int().optional(),
      unchanged: z.number().int().optional(),
      largest_gain: Extreme.optional(),
      largest_loss: Extreme.optional(),
      summary: z.string(),
    }),
  ),
  lines: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      base_pence: pence,
      base_rank: z.number().int().optional(),
      scenarios: z.array(z.object({ pence, change_pence: pence, change: z.number().nullable(), rank: z.number().int().optional(), rank_change: z.number().int().optional() })),
    }),
  ),
  names: NamesSchema.optional(),
  manifests: z.object({ base: ManifestSchema, scenarios: z.array(ManifestSchema) }).optional(),
});

export type ComparisonJson = z.output<typeof ComparisonJsonSchema>;

export function comparisonJson(comparison: Comparison, manifests: { base: Manifest; scenarios: Manifest[] }): ComparisonJson {
  const extreme = (e: NonNullable<Comparison['scenarios'][number]['largestGain']>) => ({ key: e.key, label: e.label, change_pence: e.changePence, change: e.change });
  return {
    result: 'comparison',
    unit: comparison.unit,
    base: { title: comparison.base.title, total_pence: comparison.base.totalPence },
    scenarios: comparison.scenarios.map((s) => ({
      title: s.title,
      total_pence: s.totalPence,
      change_pence: s.changePence,
      gainers: s.gainers,
      losers: s.losers,
      unchanged: s.unchanged,
      ...(s.largestGain && { largest_gain: extreme(s.largestGain) }),
      ...(s.largestLoss && { largest_loss: extreme(s.largestLoss) }),
      summary: s.words,
    })),
    lines: comparison.lines.map((line) => ({
      key: line.key,
      label: line.label,
      base_pence: line.basePence,
      base_rank: line.baseRank,
      scenarios: line.scenarios.map((own) => ({ pence: own.pence, change_pence: own.changePence, change: own.change, rank: own.rank, rank_change: own.rankChange })),
    })),
    manifests,
  };
}

export type { Names };
