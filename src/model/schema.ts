/**
 * The allocation model file (`../shared/docs/model-format.md` is the contract).
 *
 * These zod definitions are the single source of truth: they validate model files,
 * give the TypeScript types, and generate the JSON Schema shipped for editors.
 */
import { z } from 'zod';
import { pounds } from './fields.js';

const columnName = z.string().min(1, 'a column name cannot be empty');

export const TopSliceSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'What the slice pays for, shown in outputs' }),
    share: z.number().min(0).max(1).optional().meta({ description: 'Fraction of the pot total (0 to 1)' }),
    amount: pounds('Fixed amount').optional(),
    description: z.string().optional(),
  })
  .superRefine((slice, ctx) => {
    if ((slice.share === undefined) === (slice.amount === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of share (a fraction of the total) or amount (pounds)' });
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
const floor = z
  .number()
  .min(-1)
  .meta({ description: 'Smallest allowed change against prior, as a fraction (-0.05 = at most a 5% cut)' });

export const DampingSchema = z
  .discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('floor_scale'),
      prior,
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
      floor,
      ceiling: z.number().meta({ description: 'Largest allowed change against prior, as a fraction' }),
    }),
    z.strictObject({ method: z.literal('equal_change'), prior }),
    z.strictObject({
      method: z.literal('transition'),
      prior,
      years: z.number().int().min(1).meta({ description: 'Move 1/years of the way from prior to target' }),
    }),
  ])
  .meta({ description: 'Year-on-year damping against a like-for-like prior allocation' });

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
    indicators: z
      .record(z.string().min(1), IndicatorSchema)
      .refine((record) => Object.keys(record).length > 0, { message: 'at least one indicator is needed' }),
    minimum: pounds('Minimum allocation per area').optional(),
    damping: DampingSchema.optional(),
    rounding: z
      .enum(['pound', 'penny'])
      .default('pound')
      .meta({ description: 'Rounding unit of the published allocations; they always sum to the pot exactly' }),
  })
  .superRefine((model, ctx) => {
    const weights = Object.values(model.indicators).map((indicator) => indicator.weight);
    const sum = weights.reduce((a, b) => a + b, 0);
    if (weights.length > 0 && Math.abs(sum - 1) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators'],
        message: `indicator weights must sum to 1, but they sum to ${+sum.toPrecision(12)}`,
      });
    }
    if (model.rounding === 'pound') {
      const wholePounds = (value: number | undefined, path: (string | number)[], what: string) => {
        if (value !== undefined && !Number.isInteger(Math.round(value * 100) / 100)) {
          ctx.addIssue({ code: 'custom', path, message: `${what} must be whole pounds when rounding is 'pound' (or set rounding: penny)` });
        }
      };
      wholePounds(model.pot.total, ['pot', 'total'], 'the pot total');
      model.pot.top_slices?.forEach((slice, i) => wholePounds(slice.amount, ['pot', 'top_slices', i, 'amount'], 'a fixed top-slice'));
      wholePounds(model.minimum, ['minimum'], 'the minimum');
    }
    const slices = model.pot.top_slices ?? [];
    const sliced = slices.reduce((sum, s) => sum + (s.amount ?? 0) + (s.share ?? 0) * model.pot.total, 0);
    if (sliced > model.pot.total + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['pot', 'top_slices'],
        message: `top-slices take £${sliced.toFixed(2)}, more than the pot total of £${model.pot.total.toFixed(2)}`,
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
export type DampingMethod = Damping['method'];
