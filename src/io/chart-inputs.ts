/**
 * What a chart or a workbook needs from outside its result: the source line (the tool, the
 * model, and the publishers of the data, from datasets/manifest.json), the data's full
 * attribution, and, for maps, the boundaries.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Boundaries } from '../charts/kinds/map.js';
import type { Manifest } from '../results/common.js';
import type { AnyResultJson } from '../results/index.js';
import { loadGeography2024 } from './datasets.js';
import { packageRoot, toolVersion } from './files.js';

interface ManifestEntry {
  path: string;
  publishers?: string[];
  publisher?: string;
  attribution?: string;
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

/** The manifests of a result: its own, or a comparison's base and scenarios. */
export function manifestsOf(result: AnyResultJson): { label: string; manifest: Manifest }[] {
  if (result.result === 'comparison') {
    const m = result.manifests;
    return m ? [{ label: 'base', manifest: m.base }, ...m.scenarios.map((s, i) => ({ label: `scenario ${i + 1}`, manifest: s }))] : [];
  }
  if (result.result === 'change') {
    const m = result.manifests;
    return [...(m?.to ? [{ label: 'to', manifest: m.to }] : []), ...(m?.from ? [{ label: 'from', manifest: m.from }] : [])];
  }
  return result.manifest ? [{ label: 'run', manifest: result.manifest }] : [];
}

/** The shipped data files a manifest names (its data file and any other inputs). */
const dataFiles = (m: Manifest): string[] => {
  // A settlement names each year's data file.
  const years = Array.isArray(m.years) ? (m.years as { data_file?: unknown }[]).map((y) => y.data_file) : [];
  return [m.data_file, ...(m.inputs ?? []).map((i) => i.file), ...years].filter((f): f is string => typeof f === 'string');
};

/** The shipped dataset a file is, by its path's end or its name. */
const entriesFor = (file: string) => datasets().filter((e) => file.endsWith(e.path) || basename(file) === basename(e.path));

/** The publishers of a shipped data file, short: "ONS, MHCLG, data.police.uk". */
function publishers(file: string): string[] {
  const entry = entriesFor(file)[0];
  const names = entry?.publishers ?? (entry?.publisher ? [entry.publisher] : []);
  return [...new Set(names.map((name) => SHORT.find(([pattern]) => pattern.test(name))?.[1] ?? name))];
}

/**
 * "Source: fairshare 0.1.0, avon-and-somerset-2025-26.yaml; data: ONS, MHCLG (Open Government
 * Licence v3)". The model is named by its file name alone: a chart never shows a folder of
 * the machine it was made on.
 */
export function sourceLine(result: AnyResultJson): string {
  const first = manifestsOf(result)[0]?.manifest ?? {};
  const names = [...new Set(dataFiles(first).flatMap(publishers))];
  const model = first.model_file ? `, ${basename(first.model_file)}` : '';
  return `Source: fairshare ${first.tool_version ?? toolVersion()}${model}${names.length ? `; data: ${names.join(', ')} (Open Government Licence v3)` : ''}`;
}

const BOUNDARIES = [
  { file: 'geo/lad24_ew_buc.geojson.gz', key: 'LAD24CD', source: 'ONS districts of England and Wales (2024 codes, May 2023 boundaries), OGL v3, contains OS data © Crown copyright 2023' },
  { file: 'geo/pfa20_ew_buc.geojson.gz', key: 'PFA20CD', source: 'ONS police force areas Dec 2020, OGL v3, contains OS data © Crown copyright 2020' },
];

const readBoundaries = (file: string): Boundaries['features'] => (JSON.parse(gunzipSync(readFileSync(join(packageRoot(), 'datasets', file))).toString('utf8')) as { features: Boundaries['features'] }).features;

/**
 * CSPs drawn from their districts (no CSP boundaries are published as open files here): a
 * CSP of whole districts is their polygons together; a CSP sharing a district with others
 * has no boundary of its own, and the map says so.
 */
function cspBoundaries(districts: Boundaries['features']): Boundaries {
  const geography = loadGeography2024();
  const byCode = new Map(districts.map((f) => [String(f.properties.LAD24CD), f]));
  const members = new Map<string, { name: string; districts: string[]; shared: boolean }>();
  for (const district of geography.districts.values()) {
    for (const csp of district.csps) {
      const entry = members.get(csp.code) ?? { name: csp.name, districts: [], shared: false };
      entry.districts.push(district.code);
      entry.shared ||= district.csps.length > 1;
      members.set(csp.code, entry);
    }
  }
  const features: Boundaries['features'] = [];
  for (const [code, csp] of members) {
    const parts = csp.districts.map((d) => byCode.get(d));
    if (csp.shared || parts.some((p) => !p)) continue;
    const polygons = parts.flatMap((p) => (p!.geometry.type === 'MultiPolygon' ? (p!.geometry.coordinates as unknown[]) : [p!.geometry.coordinates]));
    features.push({ type: 'Feature', properties: { CSP24CD: code, CSP24NM: csp.name }, geometry: { type: 'MultiPolygon', coordinates: polygons } });
  }
  return { features, key: 'CSP24CD', source: 'ONS districts of England and Wales (2024 codes) drawn as their Community Safety Partnerships, OGL v3, contains OS data © Crown copyright 2023' };
}

/** The shipped boundaries that cover most of these area codes, if any covers one. */
export function boundariesFor(keys: readonly string[]): Boundaries | undefined {
  let best: { boundaries: Boundaries; matched: number } | undefined;
  const consider = (boundaries: Boundaries) => {
    const codes = new Set(boundaries.features.map((f) => String(f.properties[boundaries.key])));
    const matched = keys.filter((k) => codes.has(k)).length;
    if (matched > 0 && (!best || matched > best.matched)) best = { boundaries, matched };
  };
  for (const candidate of BOUNDARIES) consider({ features: readBoundaries(candidate.file), key: candidate.key, source: candidate.source });
  if (keys.some((key) => /^(E22|W14)/.test(key))) consider(cspBoundaries(readBoundaries(BOUNDARIES[0]!.file)));
  return best?.boundaries;
}

/** The area codes a result is about (for choosing boundaries). */
export function areaKeys(result: AnyResultJson): string[] {
  if (result.result === 'allocation') return result.areas.map((a) => a.key);
  if (result.result === 'comparison') return result.lines.map((l) => l.key);
  return [];
}

/** The full attribution of every shipped data file a result was made from (OGL and OS lines). */
export function dataAttributions(result: AnyResultJson): string[] {
  const found = manifestsOf(result).flatMap(({ manifest: m }) => dataFiles(m).flatMap(entriesFor));
  return [...new Set(found.map((e) => e.attribution).filter((a): a is string => !!a))];
}

/** A result's provenance as rows: every manifest entry, then the data's attribution. */
export function provenanceRows(result: AnyResultJson): { run: string; item: string; value: string }[] {
  const rows = manifestsOf(result).flatMap(({ label, manifest: m }) =>
    Object.entries(m).map(([item, value]) => ({ run: label, item, value: typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) })),
  );
  for (const attribution of dataAttributions(result)) rows.push({ run: 'data', item: 'attribution', value: attribution });
  return rows;
}
