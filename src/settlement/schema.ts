/**
 * The settlement file (`kind: settlement`, `model-format.md` is the contract): a base
 * allocation model and the years it is settled for, each the previous year's model with
 * that year's overrides, the first year firm and later ones indicative.
 */
import { z } from 'zod';

export const SettlementYearSchema = z
  .strictObject({
    year: z.number().int().min(1900).max(2999).meta({ description: 'The financial year (2026 = 2026/27)' }),
    indicative: z.boolean().default(false).meta({ description: 'An indicative year (later years of a settlement), as against a firm one' }),
    label: z.string().min(1).optional().meta({ description: 'How the year is shown (default 2026/27)' }),
    set: z
      .record(z.string().regex(/^[^.]+(\.[^.]+)*$/, 'a key path such as pot.total'), z.unknown())
      .default({})
      .meta({ description: "This year's overrides of the base model (key paths as --set takes them); they stay set in later years" }),
    description: z.string().optional(),
  })
  .meta({ description: 'One year of the settlement' });

export const SettlementSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fairshare: z.literal(1),
    kind: z.literal('settlement'),
    title: z.string().min(1),
    period: z.string().optional().meta({ description: 'Free text, shown in outputs (e.g. 2026/27 to 2028/29)' }),
    description: z.string().optional(),
    base: z.string().min(1).meta({ description: "The first year's allocation model, relative to this file" }),
    years: z.array(SettlementYearSchema).min(1).meta({ description: 'Consecutive financial years, the first the base model as written (with its own set, if any)' }),
  })
  .superRefine((settlement, ctx) => {
    settlement.years.forEach((entry, i) => {
      const first = settlement.years.findIndex((other) => other.year === entry.year);
      if (first !== i) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `${entry.year} is already years.${first}: each year once` });
      else if (i > 0 && entry.year !== settlement.years[i - 1]!.year + 1) {
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `the years must be consecutive: ${entry.year} follows ${settlement.years[i - 1]!.year}${entry.year > settlement.years[i - 1]!.year + 1 ? ` (${settlement.years[i - 1]!.year + 1} is missing)` : ''}` });
      }
    });
  })
  .meta({ title: 'fairshare settlement', description: 'A multi-year settlement: a base allocation model and its years, damping carried year to year' });

export type Settlement = z.output<typeof SettlementSchema>;
export type SettlementYear = z.output<typeof SettlementYearSchema>;
