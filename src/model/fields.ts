/** Field types shared by every model file's schema (allocation, budget, optimisation, scenario). */
import { z } from 'zod';
import { isWholePence, MAX_POUNDS, MAX_POUNDS_TEXT } from '../money/units.js';

/** An amount in pounds with at most two decimals. */
export const pounds = (what: string) =>
  z
    .number()
    .nonnegative()
    .max(MAX_POUNDS, { message: `${what} must be at most ${MAX_POUNDS_TEXT}: larger amounts cannot be kept exact to the penny` })
    .refine(isWholePence, { message: `${what} must be in pounds with at most 2 decimal places` })
    .meta({ description: `${what}, in pounds (at most 2 decimal places)` });

/** A display name: what tables, charts, workbooks and reports show; the key stays in CSV and JSON. */
export const displayName = z.string().min(1).optional().meta({ description: 'Display name shown in tables, charts, workbooks and reports (the key stays the identifier in CSV and JSON)' });

/** A name that is joined with dots into paths (funds, ring-fences, priorities, options). */
export const pathName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, - and _ only (names are joined with dots into paths)');
