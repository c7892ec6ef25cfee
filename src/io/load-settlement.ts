/**
 * Load a settlement file: its base allocation model, each year's overrides accumulated year
 * on year (placed at their lines in the settlement), each year's data; and settle it.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { documentKind, parseYamlWith, type Override } from '../model/load.js';
import type { Model } from '../model/schema.js';
import { financialYear, settle, type SettlementResult } from '../settlement/settle.js';
import { SettlementSchema, type Settlement } from '../settlement/schema.js';
import { decodeUtf8, readBytes, realPath, sha256 } from './files.js';
import { loadAllocation, type LoadedAllocation } from './load-allocation.js';
import { manifestHead, manifestPath } from './manifest.js';
import { setOverrides } from './scenario.js';

export type SettlementManifest = {
  tool_version: string;
  model_file: string;
  model_sha256: string;
  overrides: string[];
  base_file: string;
  base_sha256: string;
  /** Every year's data file with its digest (the same file usually, unless a year sets data.file). */
  years: { year: number; data_file: string; data_sha256: string; overrides: string[] }[];
};

export interface SettlementRun {
  settlement: Settlement;
  result: SettlementResult;
  /** Each year's allocation model as loaded (its overrides applied). */
  loaded: LoadedAllocation[];
  manifest: SettlementManifest;
}

export async function runSettlement(path: string, commandLine: readonly Override[] = []): Promise<SettlementRun> {
  const bytes = readBytes(path, 'settlement file');
  const text = decodeUtf8(bytes, path);
  // --set of the settlement's own keys (title, years...) applies to it; any other key to the
  // base model, every year, after that year's own overrides.
  const own = new Set(['title', 'period', 'description', 'base', 'years', 'kind', 'fairshare']);
  const { value: settlement, at } = parseYamlWith(SettlementSchema, text, path, commandLine.filter((o) => own.has(String(o.path[0]))), 'a settlement (a mapping of keys such as fairshare, kind, base, years)');
  const base = isAbsolute(settlement.base) ? settlement.base : resolve(dirname(path), settlement.base);
  if (realPath(base) === realPath(path)) throw new UserError(`${at(['base'])}the settlement names itself as its base; the base is the first year's allocation model`);
  const baseBytes = readBytes(base, `base model named by ${path}`);
  const baseText = decodeUtf8(baseBytes, base);
  const kind = documentKind(baseText);
  if (kind !== 'allocation') throw new UserError(`${at(['base'])}${settlement.base} is ${kind === 'settlement' ? 'a settlement' : `a ${kind} file`}, not an allocation model; a settlement's base is the first year's allocation model`);

  // Overrides accumulate: a key set in one year stays set in later years unless set again.
  const typed = commandLine.filter((o) => !own.has(String(o.path[0])));
  const accumulated: Override[] = [];
  const inputs = [];
  const loaded: LoadedAllocation[] = [];
  const setSoFar: string[][] = [];
  for (const [k, entry] of settlement.years.entries()) {
    accumulated.push(...setOverrides(text, path, entry.set, ['years', k, 'set']));
    setSoFar.push(accumulated.map((o) => o.text));
    let year: LoadedAllocation;
    try {
      year = await loadAllocation(base, [...accumulated, ...typed]);
    } catch (error) {
      if (error instanceof UserError) throw new UserError([...error.problems, `(in year ${financialYear(entry.year)} of the settlement ${path})`]);
      throw error;
    }
    // A like-for-like adjustment is to one year's base: a later year is measured from the year
    // before as it was paid, so adjustments carry on only where that year sets them again.
    if (k > 0) year = { ...year, model: withoutCarriedAdjustments(year.model, Object.keys(entry.set ?? {})) };
    loaded.push(year);
    inputs.push({ year: entry.year, label: entry.label ?? financialYear(entry.year), indicative: entry.indicative, model: year.model, table: year.table });
  }
  let result: SettlementResult;
  try {
    result = settle(settlement.title, inputs, settlement.period);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.problems.map((p) => `${path}: ${p}`));
    throw error;
  }
  return {
    settlement,
    result,
    loaded,
    manifest: {
      ...manifestHead(path, bytes, commandLine),
      base_file: manifestPath(path, base),
      base_sha256: sha256(baseBytes),
      years: loaded.map((year, k) => ({
        year: settlement.years[k]!.year,
        data_file: manifestPath(path, resolve(dirname(base), year.model.data.file)),
        data_sha256: year.manifest.data_sha256,
        overrides: setSoFar[k]!,
      })),
    },
  };
}

/** The model without the damping adjustments its year's own `set` does not give. */
function withoutCarriedAdjustments(model: Model, setKeys: readonly string[]): Model {
  // Set there: the adjustments themselves, a key inside them, or a whole block holding them (damping: {...}).
  const given = (path: string) => setKeys.some((key) => key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`));
  const strip = <D extends Model['damping']>(damping: D, path: string): D => (damping?.adjustments !== undefined && !given(path) ? { ...damping, adjustments: undefined } : damping);
  return {
    ...model,
    ...(model.damping && { damping: strip(model.damping, 'damping.adjustments') }),
    ...(model.streams && {
      streams: Object.fromEntries(Object.entries(model.streams).map(([key, stream]) => [key, stream.rule === 'formula' && stream.damping ? { ...stream, damping: strip(stream.damping, `streams.${key}.damping.adjustments`) } : stream])),
    }),
  };
}
