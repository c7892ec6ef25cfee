/** The published form of a budget split: pots, services, shortfalls, payments and cash flow, in pence. */
import { z } from 'zod';
import { PERIODS, type CashFlow } from '../funds/payments.js';
import type { SplitResult } from '../funds/split.js';
import { ManifestSchema, NamesSchema, pence, type Manifest, type Names } from './common.js';

export const SplitJsonSchema = z.object({
  result: z.literal('split'),
  title: z.string(),
  period: z.string().nullable().optional(),
  year: z.number().int(),
  pots: z.array(
    z.object({
      path: z.string(),
      fund: z.string(),
      body: z.string(),
      ring_fenced: z.boolean().optional(),
      total_pence: pence.optional(),
      pence,
      committed_pence: pence,
      allocated_pence: pence,
      unallocated_pence: pence,
    }),
  ),
  services: z.array(
    z.object({
      name: z.string(),
      priority: z.string(),
      body: z.string().optional(),
      requested_pence: pence,
      committed_pence: pence,
      allocated_pence: pence,
      shortfall_pence: pence,
      draws: z.array(z.object({ pot: z.string(), committed_pence: pence, allocated_pence: pence })),
      commitments: z.array(z.object({ name: z.string(), pot: z.string(), pence, start: z.number().int(), end: z.number().int() })).optional(),
    }),
  ),
  shortfalls: z.array(z.object({ service: z.string(), priority: z.string(), shortfall_pence: pence })).optional(),
  payments: z.array(z.object({ service: z.string(), item: z.string(), pot: z.string(), fund: z.string(), stage: z.string(), period: z.string(), pence, carried_in: z.boolean().optional() })).optional(),
  cash_flow: z.array(z.object({ fund: z.string(), quarters_pence: z.array(pence).length(4), after_year_end_pence: pence, total_pence: pence, carried_in_pence: pence.optional() })).optional(),
  names: NamesSchema.optional(),
  manifest: ManifestSchema.optional(),
});

export type SplitJson = z.output<typeof SplitJsonSchema>;

export function splitJson(result: SplitResult, flow: CashFlow, manifest: Manifest, names: Names = {}): SplitJson {
  const byName = new Map(result.services.map((s) => [s.name, s]));
  return {
    result: 'split',
    title: result.title,
    period: result.period ?? null,
    year: result.year,
    pots: result.pots.map((pot) => ({
      path: pot.path,
      fund: pot.fund,
      body: pot.body,
      ring_fenced: pot.ringFenced,
      total_pence: pot.totalPence,
      pence: pot.pence,
      committed_pence: pot.committedPence,
      allocated_pence: pot.allocatedPence,
      unallocated_pence: pot.unallocatedPence,
    })),
    services: result.fundingOrder.map((name) => {
      const s = byName.get(name)!;
      return {
        name: s.name,
        priority: s.priority,
        body: s.body,
        requested_pence: s.requestedPence,
        committed_pence: s.committedPence,
        allocated_pence: s.allocatedPence,
        shortfall_pence: s.shortfallPence,
        draws: s.draws.map((d) => ({ pot: d.pot, committed_pence: d.committedPence, allocated_pence: d.allocatedPence })),
        commitments: s.commitments.map((c) => ({ name: c.name, pot: c.pot, pence: c.pence, start: c.start, end: c.end })),
      };
    }),
    shortfalls: result.shortfalls.map((s) => ({ service: s.service, priority: s.priority, shortfall_pence: s.shortfallPence })),
    payments: flow.payments.map((line) => ({
      service: line.service,
      item: line.item,
      pot: line.pot,
      fund: line.fund,
      stage: line.stage,
      period: PERIODS[line.period]!,
      pence: line.pence,
      ...(line.carriedIn && { carried_in: true }),
    })),
    cash_flow: flow.byFund.map((row) => ({
      fund: row.fund,
      quarters_pence: row.periods.slice(0, 4),
      after_year_end_pence: row.periods[4]!,
      total_pence: row.totalPence,
      carried_in_pence: row.carriedInPence,
    })),
    ...(Object.keys(names).length > 0 && { names }),
    manifest,
  };
}
