/**
 * The budget model file: funds with nested ring-fences, services with their plan priority,
 * the money they may draw on, existing commitments, requests and payment schedules.
 * As for allocation models, these zod definitions validate the files, give the types and
 * generate the JSON Schema.
 */
import { z } from 'zod';
import { displayName, pathName as name, pounds } from '../model/fields.js';

/** Take an amount from an allocation: the area's allocation in another model's result. */
export const AllocationRefSchema = z
  .strictObject({
    model: z.string().min(1).meta({ description: 'Allocation model file, relative to this budget file' }),
    area: z.string().min(1).meta({ description: 'Area key (or name) whose allocation to take' }),
  })
  .meta({ description: "An amount taken from an allocation model's result for one area" });

export const FenceSchema = z.strictObject({
  name: displayName,
  share: z.number().min(0).max(1).optional().meta({ description: "Fraction of the parent's money (give one of share, amount, amount_from)" }),
  amount: pounds('Fixed amount').optional(),
  amount_from: AllocationRefSchema.optional(),
  description: z.string().optional(),
  get ring_fences() {
    return z.record(name, FenceSchema).optional();
  },
});

export const FundSchema = z
  .strictObject({
    name: displayName,
    amount: pounds('Fund amount').optional(),
    amount_from: AllocationRefSchema.optional(),
    body: z.string().min(1).default('police').meta({ description: 'Whose money: police, fire, ... Bodies never mix (see separate_bodies)' }),
    description: z.string().optional(),
    source: z.string().optional(),
    ring_fences: z.record(name, FenceSchema).optional(),
  })
  .superRefine((fund, ctx) => {
    if ((fund.amount === undefined) === (fund.amount_from === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of amount or amount_from' });
  });

const StageSchema = z.strictObject({
  share: z.number().min(0).max(1),
  quarter: z
    .union([z.number().int().min(1).max(4), z.literal('after_year_end')])
    .meta({ description: "Financial-year quarter paid in (1 = April to June), or after_year_end (paid in the next year's first quarter)" }),
  label: z.string().optional(),
});

export const PaymentsSchema = z
  .union([
    z.enum(['on_award', 'quarterly_in_arrears', 'quarterly_in_advance']),
    z.strictObject({ stages: z.array(StageSchema).min(1) }).superRefine((schedule, ctx) => {
      const total = schedule.stages.reduce((sum, stage) => sum + stage.share, 0);
      if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', message: `the payment stages add up to ${+(total * 100).toFixed(6)}%, not 100%` });
    }),
  ])
  .meta({
    description:
      "How the year's award is paid: on_award (all in Q1), quarterly_in_advance (a quarter at the start of each quarter), quarterly_in_arrears (each quarter paid in the next, the last after the year end), or stages with shares summing to 1",
  });

/** What every commitment (an existing contract) states, in budgets and optimisation models alike. */
export const commitmentFields = {
  name: z.string().min(1),
  fund: z.string().min(1).meta({ description: 'The fund or ring-fence it is paid from: fund or fund.fence.sub' }),
  start: z.number().int().meta({ description: 'First financial year (2024 = 2024/25)' }),
  end: z.number().int().meta({ description: 'Last financial year, inclusive' }),
  annual: pounds('Annual amount'),
};

/** A contract cannot end before it starts. */
export function endNotBeforeStart(c: { start: number; end: number }, ctx: z.RefinementCtx): void {
  if (c.end < c.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'the end year is before the start year' });
}

export const CommitmentSchema = z
  .strictObject({
    ...commitmentFields,
    payments: PaymentsSchema.optional().meta({ description: "The contract's payment schedule (default: the service's)" }),
  })
  .superRefine(endNotBeforeStart);

export const ServiceSchema = z.strictObject({
  name: displayName,
  priority: z.string().min(1).meta({ description: 'Police and Crime Plan priority (one of priorities)' }),
  eligible: z.array(z.string().min(1)).min(1, 'a service must be eligible for at least one fund or ring-fence').meta({
    description: 'Funds or ring-fences it may be paid from, in the order to draw on them (fund = its unfenced part)',
  }),
  request: pounds('Requested amount for the year').default(0),
  commitments: z.array(CommitmentSchema).optional(),
  payments: PaymentsSchema.optional(),
  description: z.string().optional(),
});

/**
 * Each ring-fence gives exactly one of share, amount or amount_from. Checked by walking the
 * funds: zod's recursive schemas cannot carry their own refinements.
 */
export function checkFences(funds: Record<string, { ring_fences?: Record<string, Fence> | undefined }>, ctx: z.RefinementCtx): void {
  const walk = (fences: Record<string, Fence> | undefined, path: (string | number)[]) => {
    for (const [key, fence] of Object.entries(fences ?? {})) {
      const given = [fence.share, fence.amount, fence.amount_from].filter((v) => v !== undefined).length;
      if (given !== 1) ctx.addIssue({ code: 'custom', path: [...path, key], message: 'give exactly one of share, amount or amount_from' });
      walk(fence.ring_fences, [...path, key, 'ring_fences']);
    }
  };
  for (const [key, fund] of Object.entries(funds)) walk(fund.ring_fences, ['funds', key, 'ring_fences']);
}

export const BudgetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fairshare: z.literal(1),
    kind: z.literal('budget'),
    title: z.string().min(1),
    period: z.string().optional(),
    year: z.number().int().meta({ description: 'The financial year budgeted (2025 = 2025/26), for commitments' }),
    description: z.string().optional(),
    priorities: z
      .array(z.union([z.string().min(1), z.strictObject({ key: z.string().min(1), name: z.string().min(1) })]))
      .min(1)
      .meta({ description: 'Plan priorities, in the order requests are funded: a key, or { key, name } with the name people read' }),
    separate_bodies: z.boolean().default(true).meta({ description: "A service may draw on one body's money only (police and fire never mix)" }),
    funds: z.record(name, FundSchema).refine((f) => Object.keys(f).length > 0, 'at least one fund is needed'),
    services: z.record(name, ServiceSchema),
  })
  .superRefine((budget, ctx) => checkFences(budget.funds, ctx))
  .meta({ title: 'fairshare budget model', description: 'Funds, ring-fences, commitments and requests of a commissioning budget' });

export type Budget = z.output<typeof BudgetSchema>;

/** The keys of a budget's priorities, in funding order. */
export const priorityKeys = (budget: Pick<Budget, 'priorities'>): string[] => budget.priorities.map((p) => (typeof p === 'string' ? p : p.key));
export type Fund = z.output<typeof FundSchema>;
export type Fence = z.output<typeof FenceSchema>;
export type Service = z.output<typeof ServiceSchema>;
export type Commitment = z.output<typeof CommitmentSchema>;
export type Payments = z.output<typeof PaymentsSchema>;
export type PaymentStage = z.output<typeof StageSchema>;
export type AllocationRef = z.output<typeof AllocationRefSchema>;
