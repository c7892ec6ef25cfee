/**
 * The published form of a data table (`fairshare data crime | deprivation | indicators`):
 * columns, rows and what was read and left out.
 */
import { z } from 'zod';
import { ManifestSchema } from './common.js';

export const DataTableJsonSchema = z.object({
  result: z.literal('table'),
  title: z.string(),
  columns: z.array(z.object({ name: z.string(), kind: z.enum(['code', 'text', 'count', 'number', 'integer']) })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  /** What was read and left out, a sentence a line. */
  report: z.array(z.string()).optional(),
  files: z.array(z.string()).optional(),
  manifest: ManifestSchema.optional(),
});

export type DataTableJson = z.output<typeof DataTableJsonSchema>;
