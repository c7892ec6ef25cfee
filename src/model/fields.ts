/** Field types shared by every model file's schema (allocation, budget, optimisation, scenario). */
import { z } from 'zod';
import { isWholePence } from '../money/units.js';

/** An amount in pounds with at most two decimals. */
export const pounds = (what: string) =>
  z
    .number()
    .nonnegative()
    .refine(isWholePence, { message: `${what} must be in pounds with at most 2 decimal places` })
    .meta({ description: `${what}, in pounds (at most 2 decimal places)` });

/** A name that is joined with dots into paths (funds, ring-fences, priorities, options). */
export const pathName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, - and _ only (names are joined with dots into paths)');
