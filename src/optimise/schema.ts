/**
 * The optimisation model file (`kind: optimisation`): how much each plan priority (and, where
 * wanted, each area) receives from each fund, and which grant applications are funded, to
 * make the need-weighted outcome as large as the money and the rules allow.
 *
 * The same conventions as the other model files: these zod definitions validate the file,
 * give the types and generate the JSON Schema. All money is in pounds a year.
 */
import { z } from 'zod';
import { AllocationRefSchema, checkFences, commitmentFields, endNotBeforeStart, FenceSchema } from '../funds/schema.js';
import { displayName, pathName as name, pounds } from '../model/fields.js';

const columnName = z.string().min(1, 'a column name cannot be empty');
const eligible = z
  .array(z.string().min(1))
  .min(1, 'must be eligible for at least one fund or ring-fence')
  .meta({ description: 'Funds or ring-fences (fund.fence) the spending may be paid from' });

export const SegmentSchema = z
  .strictObject({
    up_to: pounds('Spend at which this segment ends (cumulative); omit on the last for no end').optional(),
    outcome_per_pound: z.number().min(0).meta({ description: 'Outcome units for each pound spent in this segment' }),
  })
  .meta({ description: 'One piece of a diminishing-returns curve: outcome per pound up to a level of spend' });

export const OptimisationCommitmentSchema = z
  .strictObject({
    ...commitmentFields,
    area: z.string().min(1).optional().meta({ description: 'Area key, where the priority is split by area' }),
  })
  .superRefine(endNotBeforeStart)
  .meta({ description: 'An existing contract: spending held fixed at (at least) its annual amount while it runs' });

const limits = {
  min: pounds('Least to spend a year').optional(),
  max: pounds('Most to spend a year').optional(),
};

export const OptionSchema = z
  .strictObject({
    name: displayName,
    segments: z.array(SegmentSchema).min(1).meta({ description: 'Outcome per pound, falling as spend rises (diminishing returns)' }),
    eligible: eligible.optional().meta({ description: "Funds or ring-fences it may be paid from (default: the priority's, or the budget service's of the same name)" }),
    ...limits,
    beyond_request: z
      .boolean()
      .optional()
      .meta({ description: "For a budget's service: it may be given more than its request (by default a service gets at most its contracts and its request, unless max is given)" }),
    commitments: z.array(OptimisationCommitmentSchema).optional(),
    description: z.string().optional(),
  })
  .meta({ description: 'A way of spending on a priority, with its outcome curve' });

export const PrioritySchema = z
  .strictObject({
    name: displayName,
    need_weight: z.number().min(0).optional().meta({ description: 'Relative need (typed in, or from need_weights)' }),
    area_need: columnName.optional().meta({ description: "Column of the areas table spreading this priority's need across areas" }),
    area_min_share: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: 'Each area receives at least this fraction of its need-proportional part of the priority' }),
    eligible: eligible.optional(),
    ...limits,
    options: z.record(name, OptionSchema).default({}),
    description: z.string().optional(),
  })
  .meta({ description: 'A Police and Crime Plan priority' });

export const ApplicationSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
  request: pounds('Amount requested'),
  scores: z.record(z.string().min(1), z.number()),
  area: z.string().min(1).optional(),
});

export const ApplicationsFileSchema = z
  .strictObject({
    file: z.string().min(1).meta({ description: 'CSV or .xlsx of applications, relative to this file; one column per score criterion' }),
    id: columnName.default('id'),
    name: columnName.optional(),
    request: columnName.default('request'),
    area: columnName.optional(),
    sheet: z.string().min(1).optional(),
    header_row: z.number().int().min(1).optional(),
  })
  .meta({ description: 'Applications read from a table' });

export const GrantRoundSchema = z
  .strictObject({
    name: displayName,
    priority: z.string().min(1).meta({ description: 'The priority the round serves' }),
    fund: z.string().min(1).meta({ description: 'The fund or ring-fence that pays the awards' }),
    year: z.number().int().optional().meta({ description: 'The financial year of the round (default: the first year)' }),
    award: z.strictObject({ min: pounds('Smallest award'), max: pounds('Largest award') }),
    partial: z.boolean().default(false).meta({ description: 'Whether an application may be funded in part (otherwise whole or not at all)' }),
    max_total: pounds('Most the round awards in all').optional(),
    score_weights: z.record(z.string().min(1), z.number().min(0)).meta({ description: 'Weight of each score criterion; the weights sum to 1' }),
    score_scale: z.number().positive().default(5).meta({ description: 'Top of the scoring scale (scores run from 0 to this)' }),
    outcome_per_pound: z.number().min(0).default(1).meta({ description: 'Outcome units per pound awarded to an application scoring full marks' }),
    min_score: z.number().min(0).optional().meta({ description: 'Quality threshold: applications whose weighted score (on the scoring scale) is below it are not funded' }),
    applications: z.array(ApplicationSchema).optional(),
    applications_file: ApplicationsFileSchema.optional(),
    description: z.string().optional(),
  })
  .superRefine((round, ctx) => {
    if ((round.applications === undefined) === (round.applications_file === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of applications or applications_file' });
    }
    if (round.award.max < round.award.min) ctx.addIssue({ code: 'custom', path: ['award', 'max'], message: 'the largest award is below the smallest' });
    const sum = Object.values(round.score_weights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['score_weights'], message: `the score weights must sum to 1, but they sum to ${+sum.toPrecision(12)}` });
    if (round.min_score !== undefined && round.min_score > round.score_scale) ctx.addIssue({ code: 'custom', path: ['min_score'], message: `the threshold is above the top of the scoring scale (${round.score_scale})` });
  })
  .meta({ description: 'A grant round: scored applications, each funded whole or not at all (or in part where allowed)' });

export const SpendFilterSchema = z
  .strictObject({
    priorities: z.array(z.string().min(1)).optional(),
    options: z.array(z.string().min(1)).optional(),
    funds: z.array(z.string().min(1)).optional().meta({ description: 'Funds or ring-fences (a fund includes its ring-fences)' }),
    areas: z.array(z.string().min(1)).optional(),
    rounds: z.array(z.string().min(1)).optional(),
  })
  .meta({ description: 'Which spending: all of it, or that matching every list given' });

export const RuleSchema = z
  .strictObject({
    name: z.string().min(1),
    spend: SpendFilterSchema,
    of: SpendFilterSchema.optional().meta({ description: 'For min_share / max_share: the spending it is a share of (default: all)' }),
    min: pounds('Least a year').optional(),
    max: pounds('Most a year').optional(),
    min_share: z.number().min(0).max(1).optional(),
    max_share: z.number().min(0).max(1).optional(),
    description: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    if ([rule.min, rule.max, rule.min_share, rule.max_share].every((v) => v === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give at least one of min, max, min_share or max_share' });
    }
  })
  .meta({ description: 'A policy rule on spending, each year: an amount or a share of other spending' });

export const OptimisationFundSchema = z
  .strictObject({
    name: displayName,
    amount: pounds('Fund amount a year').optional(),
    amount_from: AllocationRefSchema.optional(),
    by_year: z.record(z.string().regex(/^\d{4}$/, 'a year such as 2026'), pounds('Fund amount that year')).optional(),
    body: z.string().min(1).default('police'),
    min_spend: pounds('Least to spend from the fund a year').optional(),
    max_spend: pounds('Most to spend from the fund a year').optional(),
    ring_fences: z.record(name, FenceSchema).optional(),
    description: z.string().optional(),
    source: z.string().optional(),
  })
  .superRefine((fund, ctx) => {
    if ((fund.amount === undefined) === (fund.amount_from === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of amount or amount_from' });
  });

export const OptimisationSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fairshare: z.literal(1),
    kind: z.literal('optimisation'),
    title: z.string().min(1),
    period: z.string().optional(),
    description: z.string().optional(),
    year: z.number().int().optional().meta({ description: 'First financial year (2025 = 2025/26); default: the budget file\'s' }),
    years: z.number().int().min(1).max(30).default(1).meta({ description: 'How many years to plan' }),
    budget: z.string().min(1).optional().meta({ description: 'A budget file: its funds, ring-fences, bodies, eligibility and commitments' }),
    funds: z.record(name, OptimisationFundSchema).optional(),
    fund_limits: z
      .record(name, z.strictObject({ min_spend: pounds('Least to spend a year').optional(), max_spend: pounds('Most to spend a year').optional() }))
      .optional()
      .meta({ description: "Spending limits on a budget file's funds" }),
    separate_bodies: z.boolean().default(true),
    areas: z
      .strictObject({
        file: z.string().min(1),
        key: columnName,
        label: columnName.optional(),
        sheet: z.string().min(1).optional(),
        header_row: z.number().int().min(1).optional(),
        min: pounds('Least each area receives a year').optional(),
        max: pounds('Most each area receives a year').optional(),
      })
      .optional()
      .meta({ description: 'The areas spending may be split between (a needs assessment table)' }),
    need_weights: z
      .union([
        z.strictObject({
          file: z.string().min(1).meta({ description: 'A table of need (a needs assessment or a gap analysis result)' }),
          priority: columnName.meta({ description: 'Column naming the priority' }),
          weight: columnName.meta({ description: 'Column with the need (normalised so the priorities sum to 1)' }),
          area: columnName.optional().meta({ description: 'Column with the area key: the need is then per priority and area' }),
        }),
        z.strictObject({
          gap: z.string().min(1).meta({ description: 'A needs file (kind: needs): its gap analysis is run and the cost of unmet demand, by priority and area, is the need' }),
        }),
      ])
      .optional()
      .meta({ description: 'Need weights read from a table, or from a gap analysis run on a needs file' }),
    priorities: z.record(z.string().min(1), PrioritySchema).refine((p) => Object.keys(p).length > 0, 'at least one priority is needed'),
    grant_rounds: z.record(name, GrantRoundSchema).optional(),
    rules: z.array(RuleSchema).optional(),
    stability: z.number().min(0).max(1).optional().meta({ description: "Year on year, each priority's spending changes by at most this fraction" }),
  })
  .superRefine((model, ctx) => {
    if ((model.budget === undefined) === (model.funds === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of budget (a budget file) or funds' });
    if (model.budget === undefined && model.year === undefined) ctx.addIssue({ code: 'custom', path: ['year'], message: 'required key is missing (the first financial year, such as 2025)' });
    if (model.fund_limits && model.budget === undefined) ctx.addIssue({ code: 'custom', path: ['fund_limits'], message: 'fund_limits are for a budget file\'s funds; put min_spend and max_spend on the funds themselves' });
    const minMax = (value: { min?: number; max?: number }, path: (string | number)[]) => {
      if (value.min !== undefined && value.max !== undefined && value.max < value.min) ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: 'the maximum is below the minimum' });
    };
    for (const [p, priority] of Object.entries(model.priorities)) {
      minMax(priority, ['priorities', p]);
      if (priority.need_weight === undefined && model.need_weights === undefined) {
        ctx.addIssue({ code: 'custom', path: ['priorities', p, 'need_weight'], message: 'required key is missing (a number, or give need_weights to read it from a table)' });
      }
      if ((priority.area_need !== undefined || priority.area_min_share !== undefined) && model.areas === undefined) {
        ctx.addIssue({ code: 'custom', path: ['priorities', p, priority.area_need !== undefined ? 'area_need' : 'area_min_share'], message: 'needs an areas table (areas.file)' });
      }
      for (const [o, option] of Object.entries(priority.options)) {
        minMax(option, ['priorities', p, 'options', o]);
        option.segments.forEach((segment, s) => {
          const path = ['priorities', p, 'options', o, 'segments', s];
          const previous = option.segments[s - 1];
          if (segment.up_to === undefined && s < option.segments.length - 1) ctx.addIssue({ code: 'custom', path: [...path, 'up_to'], message: 'only the last segment may be open-ended' });
          if (previous?.up_to !== undefined && segment.up_to !== undefined && segment.up_to <= previous.up_to) {
            ctx.addIssue({ code: 'custom', path: [...path, 'up_to'], message: `the segments' ends must rise: £${segment.up_to} is not above the previous £${previous.up_to}` });
          }
          if (previous && segment.outcome_per_pound > previous.outcome_per_pound) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'outcome_per_pound'],
              message: `returns must diminish: ${segment.outcome_per_pound} per pound is more than the previous segment's ${previous.outcome_per_pound}`,
            });
          }
        });
      }
    }
    model.rules?.forEach((rule, i) => minMax(rule, ['rules', i]));
    if (model.funds) checkFences(model.funds, ctx);
    for (const [f, fund] of Object.entries(model.funds ?? {})) {
      if (fund.min_spend !== undefined && fund.max_spend !== undefined && fund.max_spend < fund.min_spend) ctx.addIssue({ code: 'custom', path: ['funds', f, 'max_spend'], message: 'the maximum is below the minimum' });
    }
  })
  .meta({ title: 'fairshare optimisation model', description: 'Priorities, spending options, funds, grant rounds and rules for an optimised allocation' });

export type Optimisation = z.output<typeof OptimisationSchema>;
export type Priority = z.output<typeof PrioritySchema>;
export type SpendOption = z.output<typeof OptionSchema>;
export type Segment = z.output<typeof SegmentSchema>;
export type GrantRound = z.output<typeof GrantRoundSchema>;
export type Application = z.output<typeof ApplicationSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type SpendFilter = z.output<typeof SpendFilterSchema>;
export type OptimisationFund = z.output<typeof OptimisationFundSchema>;
export type OptimisationCommitment = z.output<typeof OptimisationCommitmentSchema>;
