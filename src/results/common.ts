/** What every published result shares: integer pence, the run manifest, display names. */
import { z } from 'zod';

/** Money in a result: a whole number of pence. */
export const pence = z.number().int();

/** A run manifest: what the run was made from (see report/manifest.ts); tools may add keys. */
export const ManifestSchema = z.looseObject({
  tool_version: z.string().optional(),
  model_file: z.string().optional(),
  model_sha256: z.string().optional(),
  data_file: z.string().optional(),
  data_sha256: z.string().optional(),
  overrides: z.array(z.string()).optional(),
  scenarios: z.array(z.looseObject({ file: z.string(), title: z.string(), sha256: z.string() })).optional(),
  inputs: z.array(z.looseObject({ file: z.string() })).optional(),
});
export type Manifest = z.output<typeof ManifestSchema>;

/**
 * Display names people read, by what they name and then key: { service: { idva: "IDVA
 * service" } }. Keys stay the identifiers in CSV and JSON; tables, charts, workbooks and
 * reports show the names.
 */
export const NamesSchema = z.record(z.string(), z.record(z.string(), z.string()));
export type Names = z.output<typeof NamesSchema>;

/** The name of a thing, or its key when it has none. */
export function nameOf(names: Names | undefined, what: string, key: string): string {
  return names?.[what]?.[key] ?? key;
}
