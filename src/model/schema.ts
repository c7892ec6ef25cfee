/**
 * The allocation model file (`../shared/docs/model-format.md` is the contract).
 *
 * These zod definitions are the single source of truth: they validate model files,
 * give the TypeScript types, and generate the JSON Schema shipped for editors.
 */
import { z } from 'zod';
import { formatPounds, isWholePence, MAX_POUNDS, MAX_POUNDS_TEXT } from '../money/units.js';
import { pounds } from './fields.js';

const columnName = z.string().min(1, 'a column name cannot be empty');

export const TopSliceSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'What the slice pays for, shown in outputs' }),
    share: z.number().min(0).max(1).optional().meta({ description: 'Fraction of the pot total (0 to 1)' }),
    share_of_remaining: z.number().min(0).max(1).optional().meta({ description: 'Fraction of what is left of the pot after the slices before it (0 to 1)' }),
    amount: pounds('Fixed amount').optional(),
    description: z.string().optional(),
  })
  .superRefine((slice, ctx) => {
    if ([slice.share, slice.share_of_remaining, slice.amount].filter((v) => v !== undefined).length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of share (a fraction of the total), share_of_remaining (a fraction of what the slices before it leave) or amount (pounds)' });
    }
  })
  .meta({ description: 'An amount taken off the pot before the formula: a share of the total or a fixed amount' });

export const IndicatorSchema = z
  .strictObject({
    column: columnName.optional().meta({ description: 'Data column holding the indicator' }),
    expression: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Arithmetic over the row\'s columns: + - * / ^, min, max, abs, log, sqrt, pow, round' }),
    scale_by: columnName.optional().meta({ description: 'Multiply by this column first (an intensity becomes a count)' }),
    weight: z.number().min(0).max(1).meta({ description: 'Weight of this indicator; weights sum to 1' }),
    description: z.string().optional(),
    source: z.string().optional().meta({ description: 'Where the figures come from (publisher, table, date)' }),
    unit: z.string().optional().meta({ description: 'Unit of the values, e.g. people, crimes, score' }),
  })
  .superRefine((indicator, ctx) => {
    if ((indicator.column === undefined) === (indicator.expression === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of column or expression' });
    }
  })
  .meta({ description: 'One formula indicator: a data column or an expression, with its weight' });

const prior = columnName.meta({ description: "Column holding last year's like-for-like allocation, in pounds" });
/** Like-for-like adjustments to last year's base: a column, or a list by area. */
const adjustments = z
  .union([
    columnName.meta({ description: 'A column of adjustments in pounds (an empty cell is none)' }),
    z.array(
      z.strictObject({
        area: z.string().min(1).meta({ description: 'The area key' }),
        amount: z
          .number()
          .refine(isWholePence, { message: 'the adjustment must be in pounds with at most 2 decimal places' })
          .refine((v) => Math.abs(v) <= MAX_POUNDS, { message: `the adjustment must be within ${MAX_POUNDS_TEXT}` })
          .meta({ description: 'Added to the prior, in pounds (negative for a transfer out)' }),
        reason: z.string().optional().meta({ description: 'Why: a transfer of functions, a boundary change' }),
      }),
    ),
  ])
  .optional()
  .meta({ description: "Like-for-like adjustments to last year's base before damping (transfers of functions, boundary changes): a column, or a list of { area, amount, reason }" });
const floor = z
  .number()
  .min(-1)
  .meta({ description: 'Smallest allowed change against prior, as a fraction (-0.05 = at most a 5% cut)' });

export const DampingSchema = z
  .discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('floor_scale'),
      prior,
      adjustments,
      floor,
      scale: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .meta({ description: 'An imposed scale-back factor (a published one), instead of the one solved to balance the pot; what it leaves of the pot is reported as the residual' }),
    }),
    z.strictObject({
      method: z.literal('floor_ceiling'),
      prior,
      adjustments,
      floor,
      ceiling: z.number().meta({ description: 'Largest allowed change against prior, as a fraction' }),
    }),
    z.strictObject({ method: z.literal('equal_change'), prior, adjustments }),
    z.strictObject({
      method: z.literal('transition'),
      prior,
      adjustments,
      years: z.number().int().min(1).meta({ description: 'Move 1/years of the way from prior to target' }),
    }),
  ])
  .meta({ description: 'Year-on-year damping against a like-for-like prior allocation' });

const indicatorRecord = z.record(z.string().min(1), IndicatorSchema);

/** Weights of one formula add up to 1: an issue at `path` otherwise. */
function checkWeights(indicators: Record<string, { weight: number }>, path: (string | number)[], ctx: z.RefinementCtx): void {
  const weights = Object.values(indicators).map((indicator) => indicator.weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length > 0 && Math.abs(sum - 1) > 1e-9) {
    ctx.addIssue({ code: 'custom', path, message: `indicator weights must sum to 1, but they sum to ${+sum.toPrecision(12)}` });
  }
}

const streamName = z.string().min(1).optional().meta({ description: 'What the stream is, shown in outputs (defaults to its key)' });
/**
 * One stream of an area's funding (DCLG's blocks; a police total of formula grant plus legacy
 * grants): a formula of its own, fixed amounts from a column, or amounts held flat.
 */
export const StreamSchema = z
  .discriminatedUnion('rule', [
    z.strictObject({
      rule: z.literal('formula'),
      name: streamName,
      amount: pounds('What this stream shares out; leave it out on one formula stream to take what the others leave').optional(),
      indicators: indicatorRecord.meta({ description: "The stream's formula: each indicator with its weight" }),
      minimum: pounds('Minimum from this stream per area').optional(),
      damping: DampingSchema.optional().meta({ description: 'Damping of this stream alone, against its own prior column' }),
    }),
    z.strictObject({
      rule: z.literal('fixed'),
      name: streamName,
      column: columnName.meta({ description: 'Column of each area\'s fixed amount, in pounds' }),
      amount: pounds('Optional check: what the column must add up to').optional(),
    }),
    z.strictObject({
      rule: z.literal('held_flat'),
      name: streamName,
      prior: columnName.meta({ description: "Column of last year's amount, in pounds, held flat" }),
      amount: pounds('Optional check: what the column must add up to').optional(),
    }),
  ])
  .meta({ description: 'A stream: rule formula (its own indicators), fixed (amounts from a column) or held_flat (last year\'s amounts)' });

export const ModelSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of this JSON Schema (for editors)' }),
    fairshare: z.literal(1).meta({ description: 'Model format version' }),
    kind: z.literal('allocation').optional().meta({ description: "What the file is: 'allocation' (the default) or, for budgets, 'budget'" }),
    title: z.string().min(1),
    period: z.string().optional().meta({ description: 'Free text, shown in outputs (e.g. 2025/26)' }),
    description: z.string().optional(),
    data: z.strictObject({
      file: z.string().min(1).meta({ description: 'Indicator table (CSV or .xlsx), relative to the model file' }),
      key: columnName.meta({ description: 'Column with a unique identifier per area' }),
      label: columnName.optional().meta({ description: 'Column with display names (defaults to key)' }),
      sheet: z.string().min(1).optional().meta({ description: '.xlsx only: the sheet holding the table (default: the first)' }),
      header_row: z.number().int().min(1).optional().meta({ description: '.xlsx only: the row with the column names (default 1)' }),
    }),
    pot: z.strictObject({
      total: pounds('Pot total'),
      top_slices: z.array(TopSliceSchema).optional(),
    }),
    indicators: indicatorRecord
      .default({})
      .meta({ description: 'The formula: each indicator with its weight (an equal_change model may have none)' }),
    minimum: pounds('Minimum allocation per area').optional(),
    fixed: z
      .array(
        z.strictObject({
          area: z.string().min(1).meta({ description: 'The area key (as in data.key)' }),
          amount: pounds('The fixed allocation'),
          reason: z.string().optional().meta({ description: 'Why it is outside the formula: the Isles of Scilly, a protected council' }),
        }),
      )
      .optional()
      .meta({ description: 'Areas kept outside the formula with a fixed sum (0 to exclude one); the rest share what is left by the formula' }),
    streams: z
      .record(z.string().min(1), StreamSchema)
      .optional()
      .meta({ description: "Several streams per area, added up (instead of indicators): each a formula, fixed amounts or amounts held flat; damping then applies to the total" }),
    damping: DampingSchema.optional(),
    rounding: z
      .enum(['pound', 'penny'])
      .default('pound')
      .meta({ description: 'Rounding unit of the published allocations; they always sum to the pot exactly' }),
  })
  .superRefine((model, ctx) => {
    if (model.streams) {
      const entries = Object.entries(model.streams);
      if (entries.length === 0) ctx.addIssue({ code: 'custom', path: ['streams'], message: 'give at least one stream' });
      if (Object.keys(model.indicators).length > 0) ctx.addIssue({ code: 'custom', path: ['indicators'], message: "a model with streams has its indicators in each formula stream (streams.KEY.indicators), not at the top" });
      if (model.minimum !== undefined) ctx.addIssue({ code: 'custom', path: ['minimum'], message: 'a model with streams sets a minimum on a formula stream (streams.KEY.minimum)' });
      if (model.fixed?.length) ctx.addIssue({ code: 'custom', path: ['fixed'], message: 'fixed areas and streams do not yet go together: give the area a fixed stream amount instead' });
      const open = entries.filter(([, stream]) => stream.rule === 'formula' && stream.amount === undefined).map(([key]) => key);
      if (open.length > 1) ctx.addIssue({ code: 'custom', path: ['streams', open[1]!, 'amount'], message: `only one formula stream can take what the others leave; ${open.join(' and ')} both have no amount` });
      for (const [key, stream] of entries) {
        if (stream.rule !== 'formula') continue;
        if (Object.keys(stream.indicators).length === 0) ctx.addIssue({ code: 'custom', path: ['streams', key, 'indicators'], message: 'a formula stream needs at least one indicator' });
        checkWeights(stream.indicators, ['streams', key, 'indicators'], ctx);
      }
    } else if (Object.keys(model.indicators).length === 0 && model.damping?.method !== 'equal_change') {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'at least one indicator is needed (only an equal_change model, which follows the priors, can do without)' });
    }
    checkWeights(model.indicators, ['indicators'], ctx);
    if (model.rounding === 'pound') {
      const wholePounds = (value: number | undefined, path: (string | number)[], what: string) => {
        if (value !== undefined && !Number.isInteger(Math.round(value * 100) / 100)) {
          ctx.addIssue({ code: 'custom', path, message: `${what} must be whole pounds when rounding is 'pound' (or set rounding: penny)` });
        }
      };
      wholePounds(model.pot.total, ['pot', 'total'], 'the pot total');
      model.pot.top_slices?.forEach((slice, i) => wholePounds(slice.amount, ['pot', 'top_slices', i, 'amount'], 'a fixed top-slice'));
      wholePounds(model.minimum, ['minimum'], 'the minimum');
      model.fixed?.forEach((entry, i) => wholePounds(entry.amount, ['fixed', i, 'amount'], 'a fixed allocation'));
      for (const [key, stream] of Object.entries(model.streams ?? {})) {
        wholePounds(stream.amount, ['streams', key, 'amount'], "a stream's amount");
        if (stream.rule === 'formula') wholePounds(stream.minimum, ['streams', key, 'minimum'], "a stream's minimum");
      }
    }
    const slices = model.pot.top_slices ?? [];
    // A share of what is left never takes more than is left; fixed amounts and shares of the total can.
    const sliced = slices.reduce((sum, s) => sum + (s.amount ?? 0) + (s.share ?? 0) * model.pot.total + (s.share_of_remaining ?? 0) * Math.max(0, model.pot.total - sum), 0);
    const shareOutOfRange = slices.some((s) => [s.share, s.share_of_remaining].some((v) => v !== undefined && !(v >= 0 && v <= 1)));
    if (sliced > model.pot.total + 1e-9 && !shareOutOfRange) {
      ctx.addIssue({
        code: 'custom',
        path: ['pot', 'top_slices'],
        message: `top-slices take ${formatPounds(Math.round(sliced * 100))}, ${formatPounds(Math.round((sliced - model.pot.total) * 100))} more than the pot total of ${formatPounds(Math.round(model.pot.total * 100))}`,
      });
    }
    if ((model.data.sheet !== undefined || model.data.header_row !== undefined) && !/\.xlsx$/i.test(model.data.file)) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'sheet and header_row are for .xlsx files; data.file is not one' });
    }
    if (model.damping?.method === 'floor_ceiling' && model.damping.ceiling < model.damping.floor) {
      ctx.addIssue({ code: 'custom', path: ['damping', 'ceiling'], message: 'the ceiling must not be below the floor' });
    }
  })
  .meta({
    title: 'fairshare allocation model',
    description: 'A formula allocation: pot, top-slices, weighted indicators, minimum, damping and rounding',
  });

/** A validated model, with defaults applied. */
export type Model = z.output<typeof ModelSchema>;
/** A model as written in the file (defaults not yet applied). */
export type ModelInput = z.input<typeof ModelSchema>;
export type Indicator = z.output<typeof IndicatorSchema>;
export type TopSlice = z.output<typeof TopSliceSchema>;
export type Damping = z.output<typeof DampingSchema>;
export type Stream = z.output<typeof StreamSchema>;
export type DampingMethod = Damping['method'];
