/**
 * What a chart needs from outside its result: the source line (the tool, the model, and the
 * publishers of the data, from datasets/manifest.json) and, for maps, the boundaries.
 */
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Boundaries } from '../charts/kinds/map.js';
import { RESULT_SCHEMAS, type AnyResultJson } from '../charts/results.js';
import { UserError } from '../errors.js';
import { packageRoot, toolVersion } from './files.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestEntry {
  path: string;
  publishers?: string[];
  publisher?: string;
}

let manifest: ManifestEntry[] | undefined;
function datasets(): ManifestEntry[] {
  if (!manifest) {
    const parsed = JSON.parse(readFileSync(join(packageRoot(), 'datasets/manifest.json'), 'utf8')) as { files: ManifestEntry[]; copies: ManifestEntry[] };
    manifest = [...parsed.files, ...parsed.copies];
  }
  return manifest;
}

const SHORT: [RegExp, string][] = [
  [/Office for National Statistics/, 'ONS'],
  [/Ministry of Housing, Communities and Local Government/, 'MHCLG'],
  [/data\.police\.uk/, 'data.police.uk'],
];

/** The publishers of a shipped data file, short: "ONS, MHCLG, data.police.uk". */
function publishers(file: string | undefined): string[] {
  if (!file) return [];
  const entry = datasets().find((e) => file.endsWith(e.path) || basename(file) === basename(e.path));
  const names = entry?.publishers ?? (entry?.publisher ? [entry.publisher] : []);
  return [...new Set(names.map((name) => SHORT.find(([pattern]) => pattern.test(name))?.[1] ?? name))];
}

/** "Source: fairshare 0.1.0, models/x.yaml; data: ONS, MHCLG (Open Government Licence v3)". */
export function sourceLine(result: AnyResultJson): string {
  const manifests = 'manifests' in result ? [(result.manifests as { base?: unknown }).base] : [(result as { manifest?: unknown }).manifest];
  const first = (manifests[0] ?? {}) as { model_file?: string; data_file?: string; tool_version?: string; inputs?: { file: string }[] };
  const files = [first.data_file, ...(first.inputs ?? []).map((i) => i.file)];
  const names = [...new Set(files.flatMap(publishers))];
  return `Source: fairshare ${first.tool_version ?? toolVersion()}${first.model_file ? `, ${first.model_file}` : ''}${names.length ? `; data: ${names.join(', ')} (Open Government Licence v3)` : ''}`;
}

const BOUNDARIES = [
  { file: 'geo/lad23_england_buc.geojson.gz', key: 'LAD23CD', source: 'ONS districts May 2023, OGL v3, contains OS data © Crown copyright 2023' },
  { file: 'geo/pfa20_ew_buc.geojson.gz', key: 'PFA20CD', source: 'ONS police force areas Dec 2020, OGL v3, contains OS data © Crown copyright 2020' },
];

/** The shipped boundaries that cover most of these area codes, if any covers one. */
export function boundariesFor(keys: readonly string[]): Boundaries | undefined {
  let best: { boundaries: Boundaries; matched: number } | undefined;
  for (const candidate of BOUNDARIES) {
    const text = gunzipSync(readFileSync(join(packageRoot(), 'datasets', candidate.file))).toString('utf8');
    const features = (JSON.parse(text) as { features: Boundaries['features'] }).features;
    const codes = new Set(features.map((f) => String(f.properties[candidate.key])));
    const matched = keys.filter((k) => codes.has(k)).length;
    if (matched > 0 && (!best || matched > best.matched)) best = { boundaries: { features, key: candidate.key, source: candidate.source }, matched };
  }
  return best?.boundaries;
}

/** The area codes a result is about (for choosing boundaries). */
export function areaKeys(result: AnyResultJson): string[] {
  if (result.result === 'allocation') return result.areas.map((a) => a.key);
  if (result.result === 'comparison') return result.lines.map((l) => l.key);
  return [];
}

/** A saved result, checked: which command made it, and the fields its charts read. */
export function readResult(text: string, file: string): AnyResultJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const kind = raw && typeof raw === 'object' ? (raw as { result?: unknown }).result : undefined;
  const schema = typeof kind === 'string' ? RESULT_SCHEMAS[kind as keyof typeof RESULT_SCHEMAS] : undefined;
  if (!schema) throw new UserError(`${file}: not a fairshare result (its "result" should be one of ${Object.keys(RESULT_SCHEMAS).join(', ')}; write one with --format json)`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.slice(0, 10).map((issue) => `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`));
  }
  return parsed.data as AnyResultJson;
}

/** The full attribution of every shipped data file a result was made from (OGL and OS lines). */
export function dataAttributions(result: AnyResultJson): string[] {
  const manifests = 'manifests' in result ? [(result.manifests as { base?: unknown }).base, ...((result.manifests as { scenarios?: unknown[] }).scenarios ?? [])] : [(result as { manifest?: unknown }).manifest];
  const files = manifests.flatMap((m) => {
    const own = (m ?? {}) as { data_file?: string; inputs?: { file: string }[] };
    return [own.data_file, ...(own.inputs ?? []).map((i) => i.file)];
  });
  const found = files.flatMap((file) => (file ? datasets().filter((e) => file.endsWith(e.path) || basename(file) === basename(e.path)) : []));
  return [...new Set(found.map((e) => (e as { attribution?: string }).attribution).filter((a): a is string => !!a))];
}
