/**
 * Model files: YAML text to a validated `Model`, with `--set` overrides applied first.
 * Pure: the caller reads the file. Every problem is reported at once, each as
 * `file:line:column: key.path: what was expected`.
 */
import { Document, isMap, isNode, isSeq, LineCounter, parse as parseYamlValue, parseDocument, type Node, isPair, isScalar } from 'yaml';
import type { z } from 'zod';
import { UserError, type KeyPath } from '../errors.js';
import { allowedKeysAt, isRecordAt, nearestKey } from './schema-keys.js';
import { ModelSchema, type Model } from './schema.js';

export type { KeyPath } from '../errors.js';

/** One `--set key.path=value` override, or one entry of a scenario's `set`. */
export interface Override {
  path: KeyPath;
  value: unknown;
  /** As typed, for messages and the run manifest. */
  text: string;
  /** Where it was written, when not on the command line: `scenario.yaml:7:3`. */
  source?: string;
  /** A change relative to the value in the model: -5% is a factor of 0.95. */
  relative?: { factor: number; shown: string };
}

/** Keys that would reach an object's prototype in a program that reads the model: never allowed. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A key of a model, scenario or override that must not be used, named with where it is. */
export function forbiddenKey(key: string): string | undefined {
  return FORBIDDEN_KEYS.has(key) ? `the key '${key}' is not allowed (it is reserved by the programs that read models)` : undefined;
}

const RELATIVE_PERCENT = /^([+-]\d+(?:\.\d+)?)%$/;
const RELATIVE_FACTOR = /^\*(\d+(?:\.\d+)?)$/;

/** A relative change as typed: "-5%" (a factor of 0.95), "+10%" or "*1.1"; undefined if the text is not one. */
export function relativeChange(text: string): { factor: number; shown: string } | undefined {
  const percent = RELATIVE_PERCENT.exec(text.trim());
  const factor = RELATIVE_FACTOR.exec(text.trim());
  if (!percent && !factor) return undefined;
  return { factor: percent ? 1 + Number(percent[1]) / 100 : Number(factor![1]), shown: text.trim() };
}

/** Parse `key.path=value`; the value is read as YAML (so numbers are numbers). */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  const pathText = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || pathText === '' || pathText.split('.').some((s) => s === '')) {
    throw new UserError(`--set ${text}: expected key.path=value, for example --set indicators.crime.weight=0.3`);
  }
  const bad = pathText.split('.').find((segment) => FORBIDDEN_KEYS.has(segment));
  if (bad !== undefined) throw new UserError(`--set ${text}: ${forbiddenKey(bad)}`);
  const relative = relativeChange(text.slice(eq + 1));
  if (relative) return { path: pathText.split('.'), value: undefined, text, relative };
  let value: unknown;
  try {
    value = parseYamlValue(text.slice(eq + 1));
  } catch {
    throw new UserError(`--set ${text}: the value is not a valid YAML value`);
  }
  return { path: pathText.split('.'), value, text };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a mapping of keys',
  array: 'a list',
  boolean: 'true or false',
  record: 'a mapping of names',
};

/** A zod issue in words a finance officer can act on. */
function explainIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const input = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `required key is missing (expected ${EXPECTED[issue.expected] ?? issue.expected})`
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(input)}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `expected one of ${options.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(input)}`;
      return `${issue.message}, got ${describe(input)}`;
    }
    case 'too_small':
      // A schema's own message says it best; zod's defaults start "Too small".
      if (!issue.message.startsWith('Too small')) return issue.message;
      return issue.origin === 'string'
        ? 'must not be empty'
        : `must be at least ${String(issue.minimum)}${issue.inclusive === false ? ' (exclusive)' : ''}, got ${describe(input)}`;
    case 'too_big':
      if (!issue.message.startsWith('Too big')) return `${issue.message}, got ${describe(input)}`;
      return `must be at most ${String(issue.maximum)}, got ${describe(input)}`;
    case 'invalid_key': {
      const why = (issue as { issues?: { message: string }[] }).issues?.[0]?.message;
      return `the name ${JSON.stringify(String(issue.path.at(-1)))} is not allowed here${why ? `: ${why}` : ''}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, got ${describe(input)}`;
    default:
      return issue.message;
  }
}

interface Located {
  path: KeyPath;
  line?: number;
  column?: number;
}

function locate(doc: Document, counter: LineCounter, path: KeyPath, unknownKey?: string): Located {
  // Walk down as far as the document goes; report the deepest node that exists.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!node || typeof node !== 'object' || !('range' in node)) continue;
    let offset = (node as Node).range?.[0];
    if (unknownKey !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === unknownKey);
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0];
    }
    if (offset === undefined) continue;
    const pos = counter.linePos(offset);
    return { path, line: pos.line, column: pos.col };
  }
  return { path };
}

function keyPathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

function prefix(file: string, where: Located, overrides: readonly Override[]): string {
  // The last override to touch a key is the one that set it; one that set a key inside the
  // one at fault (a weight, when the weights do not add up) is to blame too.
  const within = (outer: readonly PropertyKey[], inner: readonly PropertyKey[]) => outer.length <= inner.length && outer.every((segment, i) => String(inner[i]) === String(segment));
  const fromSet = overrides.findLast((o) => within(o.path, where.path)) ?? overrides.findLast((o) => within(where.path, o.path));
  if (fromSet) return `${fromSet.source ?? `--set ${fromSet.text}`}: `;
  return where.line === undefined ? `${file}: ` : `${file}:${where.line}:${where.column}: `;
}

/**
 * A key left empty (`minimum:`) means the key is not given, as a reader would take it; so
 * `--set damping=` runs a model without damping.
 */
function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyValues);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutEmptyValues(v)]),
  );
}

function applyOverride(doc: Document, override: Override, schema: z.ZodType): void {
  const blame = override.source ?? `--set ${override.text}`;
  const path: KeyPath = [];
  override.path.forEach((segment, i) => {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (parent !== undefined && parent !== null && !isMap(parent) && !isSeq(parent)) {
      throw new UserError(`${blame}: ${keyPathText(path)} is a single value, not a group of keys`);
    }
    // Going through a named entry that is not there (indicators.crim.weight) is a typo, not
    // a new entry: a new indicator, fund or priority is set whole (indicators.crim={...}).
    const deeper = i < override.path.length - 1;
    if (deeper && isMap(parent) && !parent.has(segment) && isRecordAt(schema, path, doc.toJS())) {
      const names = parent.items.flatMap((item) => (isScalar(item.key) ? [String(item.key.value)] : []));
      const near = nearestKey(String(segment), names);
      throw new UserError(
        `${blame}: ${keyPathText([...path, segment])}: there is no '${String(segment)}' under ${keyPathText(path)}${near ? `; did you mean '${near}'?` : `; there are ${names.join(', ')}`}` +
          ` (to add one, set it whole: ${keyPathText([...path, segment])}={...})`,
      );
    }
    if (isSeq(parent)) {
      // A list is indexed within its length (or one past it, to add an item): a huge index
      // would otherwise make a list of that many empty items.
      if (!/^\d+$/.test(String(segment))) throw new UserError(`${blame}: ${keyPathText(path)} is a list; index it by number (0 to ${parent.items.length - 1})`);
      const index = Number(segment);
      if (index > parent.items.length) throw new UserError(`${blame}: ${keyPathText([...path, segment])}: the list ${keyPathText(path)} has ${parent.items.length} item(s); index 0 to ${parent.items.length - 1}, or ${parent.items.length} to add one`);
      path.push(index);
    } else path.push(segment);
  });
  if (override.relative) {
    const node = doc.getIn(path, true);
    const current = isScalar(node) ? node.value : undefined;
    if (typeof current !== 'number') throw new UserError(`${blame}: ${keyPathText(path)}: a relative change (${override.relative.shown}) needs a number there, and the model has ${current === undefined ? 'none' : 'a value that is not a number'}`);
    // A whole number stays whole (money in whole pounds); otherwise 12 significant digits, without float noise.
    const changed = current * override.relative.factor;
    doc.setIn(path, Number.isInteger(current) ? Math.round(changed) : Number(changed.toPrecision(12)));
    return;
  }
  doc.setIn(path, override.value);
}

export interface Parsed<T> {
  value: T;
  /** `file:line:column: ` (or `--set ...: `) for a key path, for messages from later checks. */
  at: (path: KeyPath) => string;
}

/**
 * Validate YAML against a zod schema, with `--set` overrides applied first. `file` is only
 * used in messages. Throws `UserError` listing every problem found.
 */
export function parseYamlWith<S extends z.ZodType>(schema: S, text: string, file: string, overrides: readonly Override[] = [], what = 'a model (a mapping of keys such as fairshare, title, data, pot, indicators)'): Parsed<z.output<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((error) => {
        const pos = counter.linePos(error.pos[0]);
        return `${file}:${pos.line}:${pos.col}: not valid YAML: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  if (!isMap(doc.contents)) {
    throw new UserError(`${file}: expected ${what}, got ${doc.contents ? 'another kind of YAML value' : 'an empty file'}`);
  }
  for (const override of overrides) applyOverride(doc, override, schema);
  const reserved = reservedKeys(doc.contents);
  if (reserved.length > 0) {
    throw new UserError(reserved.map(({ path, key }) => `${prefix(file, locate(doc, counter, path, key), overrides)}${keyPathText([...path, key])}: ${forbiddenKey(key)}`));
  }

  let raw: unknown;
  try {
    raw = withoutEmptyValues(doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    throw new UserError(`${file}: cannot read the YAML: ${(error as Error).message}`);
  }
  // A file without `kind` is an allocation model.
  const kind = typeof raw === 'object' && raw !== null ? ((raw as { kind?: unknown }).kind ?? 'allocation') : undefined;
  const expected = (schema as unknown as { shape?: { kind?: { value?: unknown } } }).shape?.kind?.value ?? 'allocation';
  if (typeof kind === 'string' && kind !== expected) {
    const command = kind === 'budget' ? 'fairshare split' : kind === 'allocation' ? 'fairshare allocate' : undefined;
    const what = (k: unknown) => (k === 'budget' ? 'a budget' : k === 'allocation' ? 'an allocation model' : `a '${String(k)}' file`);
    throw new UserError(`${file}: this is ${what(kind)}, not ${what(expected)}${command ? `; use ${command}` : ''}`);
  }
  const at = (path: KeyPath) => `${prefix(file, locate(doc, counter, path), overrides)}${keyPathText(path)}: `;
  const result = schema.safeParse(raw);
  if (result.success) return { value: result.data as z.output<S>, at };

  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, issue.path as KeyPath, raw);
      return issue.keys.map((key) => {
        const where = locate(doc, counter, issue.path as KeyPath, key);
        const near = nearestKey(key, allowed);
        const hint = near ? `did you mean '${near}'?` : `allowed here: ${allowed.join(', ')}`;
        const full = [...(issue.path as KeyPath), key];
        return `${prefix(file, { ...where, path: full }, overrides)}${keyPathText(full)}: unknown key (${hint})`;
      });
    }
    const where = locate(doc, counter, issue.path as KeyPath);
    return [`${prefix(file, where, overrides)}${keyPathText(issue.path)}: ${explainIssue(issue, raw)}`];
  });
  throw new UserError(problems);
}

/** Every key that is reserved (`__proto__` and the like), anywhere in a document, with its path. */
function reservedKeys(node: unknown, path: KeyPath = []): { path: KeyPath; key: string }[] {
  if (isMap(node)) {
    return node.items.flatMap((item) => {
      // Keys from the file are nodes; keys set by an override's value may be plain strings.
      const key = isScalar(item.key) ? String(item.key.value) : typeof item.key === 'string' || typeof item.key === 'number' ? String(item.key) : undefined;
      const own = key !== undefined && FORBIDDEN_KEYS.has(key) ? [{ path, key }] : [];
      return [...own, ...(key !== undefined ? reservedKeys(item.value, [...path, key]) : [])];
    });
  }
  if (isSeq(node)) return node.items.flatMap((item, i) => reservedKeys(item, [...path, i]));
  // An override's value is set as a plain value, not as nodes.
  if (Array.isArray(node)) return node.flatMap((item, i) => reservedKeys(item, [...path, i]));
  if (node !== null && typeof node === 'object' && !isNode(node)) {
    return Object.keys(node).flatMap((key) => [...(FORBIDDEN_KEYS.has(key) ? [{ path, key }] : []), ...reservedKeys((node as Record<string, unknown>)[key], [...path, key])]);
  }
  return [];
}

/**
 * What a model file says it is (`kind`; a file without one is an allocation model), read
 * leniently so a command can choose how to validate it; the full check comes after.
 */
export function documentKind(text: string): string {
  try {
    const raw: unknown = parseYamlValue(text, { maxAliasCount: 100 });
    const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' ? kind : 'allocation';
  } catch {
    return 'allocation';
  }
}

/** Validate allocation model YAML (see parseYamlWith). */
export function parseModel(text: string, file: string, overrides: readonly Override[] = []): Model {
  return parseYamlWith(ModelSchema, text, file, overrides).value;
}
