/** The published form of a check against a published table: each area's two figures and the difference. */
import { z } from 'zod';
import type { CheckResult } from '../check/check.js';
import { ManifestSchema, pence, type Manifest } from './common.js';

export const CheckJsonSchema = z.object({
  result: z.literal('check'),
  title: z.string(),
  /** The published table, relative to the model file, and its digest. */
  published_file: z.string(),
  published_sha256: z.string(),
  tolerance_pence: pence,
  pot_pence: pence,
  published_total_pence: pence,
  computed_total_pence: pence,
  areas: z.array(z.object({ key: z.string(), label: z.string(), published_pence: pence, computed_pence: pence, difference_pence: pence, within: z.boolean() })),
  findings: z.array(z.string()),
  manifest: ManifestSchema.optional(),
});

export type CheckJson = z.output<typeof CheckJsonSchema>;

export function checkJson(result: CheckResult, file: { path: string; sha256: string }, manifest: Manifest): CheckJson {
  return {
    result: 'check',
    title: result.title,
    published_file: file.path,
    published_sha256: file.sha256,
    tolerance_pence: result.tolerancePence,
    pot_pence: result.potPence,
    published_total_pence: result.publishedTotalPence,
    computed_total_pence: result.computedTotalPence,
    areas: result.areas.map((a) => ({ key: a.key, label: a.label, published_pence: a.publishedPence, computed_pence: a.computedPence, difference_pence: a.differencePence, within: a.within })),
    findings: result.findings,
    manifest,
  };
}
