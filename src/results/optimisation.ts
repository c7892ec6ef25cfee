/** The published form of an optimisation: spending, awards, pots and binding constraints, in pence. */
import { z } from 'zod';
import type { OptimisationResult } from '../optimise/result.js';
import { ManifestSchema, NamesSchema, pence, type Manifest, type Names } from './common.js';

const AreaRef = z.object({ key: z.string(), label: z.string() });

export const OptimisationJsonSchema = z.object({
  result: z.literal('optimisation'),
  title: z.string(),
  period: z.string().nullable().optional(),
  years: z.array(z.number().int()),
  /** Wall-clock seconds appear only when asked for (--timings): they differ from run to run. */
  solver: z.object({ engine: z.string(), status: z.string(), largest_breach: z.number(), seconds: z.number().optional() }).optional(),
  objective: z.number(),
  outcomes: z.array(z.object({ priority: z.string(), year: z.number().int(), outcome: z.number() })).optional(),
  spend: z.array(z.object({ year: z.number().int(), priority: z.string(), option: z.string(), area: AreaRef.optional(), pot: z.string(), fund: z.string().optional(), pence })),
  commitments: z.array(z.object({ name: z.string().optional(), year: z.number().int(), option: z.string().optional(), priority: z.string(), pot: z.string(), pence, held: z.boolean() })),
  awards: z.array(
    z.object({
      round: z.string(),
      year: z.number().int(),
      priority: z.string(),
      id: z.string(),
      name: z.string().optional(),
      area: AreaRef.optional(),
      pot: z.string(),
      score: z.number(),
      /** The weighted score on the panel's own scale (0 to score_scale). */
      panel_score: z.number().optional(),
      score_scale: z.number().optional(),
      /** Place in the round by score, 1 the highest. */
      rank: z.number().int().optional(),
      request_pence: pence,
      award_pence: pence,
      ineligible: z.string().optional(),
      decision: z.string().optional(),
    }),
  ),
  pots: z.array(
    z.object({
      year: z.number().int(),
      path: z.string(),
      fund: z.string(),
      body: z.string(),
      available_pence: pence,
      held_pence: pence,
      committed_pence: pence,
      allocated_pence: pence,
      unallocated_pence: pence,
    }),
  ).optional(),
  binding: z.array(z.object({ constraint: z.string(), kind: z.string(), key_path: z.string(), year: z.number().int().nullable(), shadow_price: z.number(), words: z.string() })).nullable().optional(),
  names: NamesSchema.optional(),
  manifest: ManifestSchema.optional(),
});

export type OptimisationJson = z.output<typeof OptimisationJsonSchema>;

export function optimisationJson(result: OptimisationResult, manifest: Manifest, options: { timings?: boolean; names?: Names } = {}): OptimisationJson {
  const names = options.names ?? {};
  return {
    result: 'optimisation',
    title: result.title,
    period: result.period ?? null,
    years: result.years,
    solver: { engine: result.engine, status: 'optimal', largest_breach: result.worstViolation, ...(options.timings && { seconds: result.seconds }) },
    objective: result.objective,
    outcomes: result.outcomes,
    spend: result.spend.map((s) => ({ year: s.year, priority: s.priority, option: s.option, ...(s.area && { area: s.area }), pot: s.pot, fund: s.fund, pence: s.pence })),
    commitments: result.commitments.map((c) => ({ name: c.name, year: c.year, option: c.option, priority: c.priority, pot: c.pot, pence: c.pence, held: c.held })),
    awards: result.awards.map((a) => ({
      round: a.round,
      year: a.year,
      priority: a.priority,
      id: a.id,
      name: a.name,
      ...(a.area && { area: a.area }),
      pot: a.pot,
      score: a.score,
      panel_score: a.panelScore,
      score_scale: a.scoreScale,
      rank: a.rank,
      request_pence: a.requestPence,
      award_pence: a.awardPence,
      ...(a.ineligible && { ineligible: a.ineligible }),
      decision: a.decision,
    })),
    pots: result.pots.map((p) => ({
      year: p.year,
      path: p.path,
      fund: p.fund,
      body: p.body,
      available_pence: p.availablePence,
      held_pence: p.heldPence,
      committed_pence: p.committedPence,
      allocated_pence: p.allocatedPence,
      unallocated_pence: p.unallocatedPence,
    })),
    binding: result.priced
      ? result.binding.map((b) => ({ constraint: b.role.text, kind: b.role.kind, key_path: b.role.keyPath.join('.'), year: b.role.year >= 0 ? result.years[b.role.year]! : null, shadow_price: b.price, words: b.words }))
      : null,
    ...(Object.keys(names).length > 0 && { names }),
    manifest,
  };
}
