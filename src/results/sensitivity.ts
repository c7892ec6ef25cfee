/** The published form of a sensitivity analysis: percentiles over the draws, and the tornado. */
import { z } from 'zod';
import type { SensitivityResult } from '../scenario/sensitivity.js';
import { ManifestSchema, pence, type Manifest } from './common.js';

const Percentiles = z.object({ p05: z.number(), p50: z.number(), p95: z.number() });

export const SensitivityJsonSchema = z.object({
  result: z.literal('sensitivity'),
  title: z.string(),
  draws: z.number().int(),
  seed: z.number().int(),
  concentration: z.number().nullable().optional(),
  errors: z.record(z.string(), z.number()).optional(),
  swing: z.number().optional(),
  distributable_pence: pence.optional(),
  weights: z.array(z.object({ indicator: z.string(), weight: z.number(), p05: z.number(), p50: z.number(), p95: z.number() })).optional(),
  areas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      allocation_pence: pence,
      rank: z.number().int().optional(),
      prior_pence: pence.optional(),
      allocation_pence_percentiles: z.object({ p05: pence, p50: pence, p95: pence }),
      rank_percentiles: Percentiles.optional(),
      probability_of_gain: z.number().nullable().optional(),
    }),
  ),
  tornado: z.array(
    z.object({
      indicator: z.string(),
      weight: z.number(),
      low: z.number(),
      high: z.number(),
      spread_pence: pence,
      areas: z.array(z.object({ key: z.string(), low_pence: pence, high_pence: pence })).optional(),
    }),
  ),
  manifest: ManifestSchema.optional(),
});

export type SensitivityJson = z.output<typeof SensitivityJsonSchema>;

export function sensitivityJson(result: SensitivityResult, manifest: Manifest): SensitivityJson {
  return {
    result: 'sensitivity',
    title: result.title,
    draws: result.draws,
    seed: result.seed,
    concentration: result.concentration,
    errors: result.errors,
    swing: result.swing,
    distributable_pence: result.distributablePence,
    weights: result.weights,
    areas: result.areas.map((a) => ({
      key: a.key,
      label: a.label,
      allocation_pence: a.allocationPence,
      rank: a.rank,
      ...(a.priorPence !== undefined && { prior_pence: a.priorPence }),
      allocation_pence_percentiles: a.allocation,
      rank_percentiles: a.rankPercentiles,
      probability_of_gain: a.probabilityOfGain,
    })),
    tornado: result.tornado.map((bar) => ({
      indicator: bar.indicator,
      weight: bar.weight,
      low: bar.low,
      high: bar.high,
      spread_pence: bar.spreadPence,
      areas: bar.areas.map((a) => ({ key: a.key, low_pence: a.lowPence, high_pence: a.highPence })),
    })),
    manifest,
  };
}
