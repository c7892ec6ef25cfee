/**
 * Which keys a zod object accepts at a given key path, so that a typo can be answered
 * with the nearest valid key. Walks the schema the way the validator does.
 */
import type { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';

type Segment = string | number;

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  shape?: Record<string, z.ZodType>;
  values?: unknown[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { def: SchemaDef }).def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}

/** Pick the branch of a discriminated union that the raw value names, if any. */
function branch(schema: z.ZodType, raw: unknown): z.ZodType[] {
  const def = defOf(schema);
  const options = def.options ?? [];
  if (def.discriminator && raw && typeof raw === 'object') {
    const wanted = (raw as Record<string, unknown>)[def.discriminator];
    const match = options.find((option) => {
      const literal = unwrap(option);
      const shape = defOf(literal).shape;
      const discriminant = shape?.[def.discriminator!];
      return discriminant !== undefined && defOf(unwrap(discriminant)).values?.includes(wanted);
    });
    if (match) return [match];
  }
  return options;
}

/** The object schemas that could apply at `path` of the raw input. */
function schemasAt(schema: z.ZodType, path: readonly Segment[], raw: unknown, depth = 0): z.ZodType[] {
  const current = unwrap(schema);
  const def = defOf(current);
  if (def.type === 'union') {
    return branch(current, valueAt(raw, path.slice(0, depth))).flatMap((option) => schemasAt(option, path, raw, depth));
  }
  if (depth === path.length) return [current];
  const segment = path[depth]!;
  if (def.type === 'object' && def.shape) {
    const child = def.shape[String(segment)];
    return child ? schemasAt(child, path, raw, depth + 1) : [];
  }
  if (def.type === 'record' && def.valueType) return schemasAt(def.valueType, path, raw, depth + 1);
  if (def.type === 'array' && def.element) return schemasAt(def.element, path, raw, depth + 1);
  return [];
}

/** Keys accepted by the object at `path` (empty when there is no object there). */
export function allowedKeysAt(schema: z.ZodType, path: readonly Segment[], raw: unknown): string[] {
  const keys = new Set<string>();
  for (const candidate of schemasAt(schema, path, raw)) {
    const shape = defOf(candidate).shape;
    if (shape) for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

/** The allowed key nearest to a mistyped one, when it is near enough to be a typo. */
export function nearestKey(typed: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const best = closest(typed, [...allowed]);
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return distance(typed, best) <= limit ? best : undefined;
}

/** Whether the value at `path` is a record (a mapping of names the user chooses: indicators, funds). */
export function isRecordAt(schema: z.ZodType, path: readonly Segment[], raw: unknown): boolean {
  return schemasAt(schema, path, raw).some((candidate) => defOf(candidate).type === 'record');
}
