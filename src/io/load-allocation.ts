/** Load a model file and its data from disk, ready for the pure engine. */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { allocate, type AllocationResult } from '../formula/allocate.js';
import { compileIndicatorExpressions, modelColumns } from '../formula/columns.js';
import { parseModel, type Override } from '../model/load.js';
import type { Model } from '../model/schema.js';
import type { RunManifest } from '../report/manifest.js';
import { decodeUtf8, readBytes, sha256 } from './files.js';
import { manifestHead, manifestPath } from './manifest.js';
import { readAreaTable } from './xlsx.js';

export interface LoadedAllocation {
  model: Model;
  modelPath: string;
  dataPath: string;
  table: AreaTable;
  manifest: RunManifest;
}

/** Prefix engine messages (which speak of key paths) with the model file. */
export function inModel<T>(modelPath: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.problems.map((p) => (p.startsWith(modelPath) ? p : `${modelPath}: ${p}`)));
    throw error;
  }
}

export async function loadAllocation(modelPath: string, overrides: readonly Override[] = []): Promise<LoadedAllocation> {
  const modelBytes = readBytes(modelPath, 'model file');
  const model = parseModel(decodeUtf8(modelBytes, modelPath), modelPath, overrides);
  const base = dirname(modelPath);
  const resolved = isAbsolute(model.data.file) ? model.data.file : resolve(base, model.data.file);
  const shown = isAbsolute(model.data.file) ? model.data.file : relative(process.cwd(), resolved) || resolved;
  let numeric: ReturnType<typeof modelColumns> = [];
  inModel(modelPath, () => {
    numeric = modelColumns(model, compileIndicatorExpressions(model));
  });
  const dataBytes = readBytes(resolved, `data file named by data.file in ${modelPath}`);
  const sheet = {
    ...(model.data.sheet !== undefined && { sheet: model.data.sheet }),
    ...(model.data.header_row !== undefined && { headerRow: model.data.header_row }),
  };
  const table = await readAreaTable(resolved, shown, 'data file', sheet, dataBytes, {
    key: model.data.key,
    ...(model.data.label !== undefined && { label: model.data.label }),
    numeric,
  });
  return {
    model,
    modelPath,
    dataPath: shown,
    table,
    manifest: { ...manifestHead(modelPath, modelBytes, overrides), data_file: manifestPath(modelPath, resolved), data_sha256: sha256(dataBytes) },
  };
}

export function runAllocation(loaded: LoadedAllocation): AllocationResult {
  let result: AllocationResult | undefined;
  inModel(loaded.modelPath, () => {
    result = allocate(loaded.model, loaded.table);
  });
  return result!;
}
