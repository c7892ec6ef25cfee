/**
 * The needs file (`kind: needs`) of `fairshare gap`: demand estimated from indicators (for
 * example victims by crime type times a referral rate), the capacity of current services,
 * and the cost of meeting a unit of demand, by priority.
 */
import { z } from 'zod';
import { displayName, pounds } from '../model/fields.js';

const columnName = z.string().min(1, 'a column name cannot be empty');

export const DemandTermSchema = z
  .strictObject({
    column: columnName.optional().meta({ description: 'Data column counted (e.g. violence_and_sexual_offences)' }),
    expression: z.string().min(1).optional().meta({ description: "Arithmetic over the row's columns, as in allocation models" }),
    rate: z.number().min(0).meta({ description: 'Units of demand per unit of the column (e.g. victims referred per crime)' }),
    scale: z.number().positive().default(1).meta({ description: 'Multiplier to a year, e.g. 12 for one month of data' }),
    description: z.string().optional(),
    source: z.string().optional().meta({ description: 'Where the rate comes from' }),
  })
  .superRefine((term, ctx) => {
    if ((term.column === undefined) === (term.expression === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of column or expression' });
  });

export const ProvisionSchema = z
  .strictObject({
    name: z.string().min(1),
    capacity: z.number().min(0).optional().meta({ description: 'Units of demand it meets a year; shared between areas by demand unless area is given' }),
    capacity_column: columnName.optional().meta({ description: 'A data column with its capacity in each area' }),
    area: z.string().min(1).optional().meta({ description: 'The area it serves (its key), for a capacity given as a number' }),
    description: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.capacity === undefined) === (p.capacity_column === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of capacity or capacity_column' });
    if (p.area !== undefined && p.capacity_column !== undefined) ctx.addIssue({ code: 'custom', path: ['area'], message: 'a capacity_column already gives each area its capacity' });
  });

export const NeedSchema = z.strictObject({
  name: displayName,
  unit: z.string().min(1).default('people').meta({ description: 'What demand is counted in: victims, referrals, places' }),
  demand: z.array(DemandTermSchema).min(1).meta({ description: 'Demand in each area: the sum of column x rate x scale' }),
  unit_cost: pounds('Cost of meeting one unit of demand for a year'),
  provision: z.array(ProvisionSchema).default([]).meta({ description: 'Current services and the demand they meet' }),
  description: z.string().optional(),
});

export const NeedsSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fairshare: z.literal(1),
    kind: z.literal('needs'),
    title: z.string().min(1),
    period: z.string().optional(),
    description: z.string().optional(),
    data: z.strictObject({
      file: z.string().min(1).meta({ description: 'Indicator table (CSV or .xlsx), one row per area, relative to this file' }),
      key: columnName,
      label: columnName.optional(),
      sheet: z.string().min(1).optional(),
      header_row: z.number().int().min(1).optional(),
    }),
    priorities: z.record(z.string().min(1), NeedSchema).refine((p) => Object.keys(p).length > 0, 'at least one priority is needed'),
  })
  .meta({ title: 'fairshare needs assessment', description: 'Demand, provision and unit costs by priority, for a gap analysis' });

export type Needs = z.output<typeof NeedsSchema>;
export type Need = z.output<typeof NeedSchema>;
export type DemandTerm = z.output<typeof DemandTermSchema>;
export type Provision = z.output<typeof ProvisionSchema>;
