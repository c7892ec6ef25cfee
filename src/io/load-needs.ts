/** Load a needs file and its data, and run the gap analysis. */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { compileDemand, gapAnalysis, needsColumns, type GapResult } from '../gap/gap.js';
import { NeedsSchema, type Needs } from '../gap/schema.js';
import { parseYamlWith, type Override } from '../model/load.js';
import type { RunManifest } from '../report/manifest.js';
import { decodeUtf8, readBytes, sha256 } from './files.js';
import { manifestHead, manifestPath } from './manifest.js';
import { inFile } from './load-budget.js';
import { readAreaTable } from './xlsx.js';

export interface GapRun {
  needs: Needs;
  result: GapResult;
  manifest: RunManifest;
}

export async function runGap(needsPath: string, overrides: readonly Override[] = []): Promise<GapRun> {
  const bytes = readBytes(needsPath, 'needs file');
  const { value: needs, at } = parseYamlWith(NeedsSchema, decodeUtf8(bytes, needsPath), needsPath, overrides, 'a needs assessment (a mapping of keys such as fairshare, kind, data, priorities)');
  let expressions: ReturnType<typeof compileDemand>;
  try {
    expressions = compileDemand(needs);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.problems.map((p) => `${needsPath}: ${p}`));
    throw error;
  }
  const file = isAbsolute(needs.data.file) ? needs.data.file : resolve(dirname(needsPath), needs.data.file);
  const shown = isAbsolute(needs.data.file) ? needs.data.file : relative(process.cwd(), file) || file;
  const dataBytes = readBytes(file, `data file named by data.file in ${needsPath}`);
  const choice = { ...(needs.data.sheet !== undefined && { sheet: needs.data.sheet }), ...(needs.data.header_row !== undefined && { headerRow: needs.data.header_row }) };
  const table = await readAreaTable(file, shown, 'data file', choice, dataBytes, { key: needs.data.key, ...(needs.data.label !== undefined && { label: needs.data.label }), numeric: needsColumns(needs, expressions) });
  const result = inFile(needsPath, at, () => gapAnalysis(needs, table, expressions));
  return {
    needs,
    result,
    manifest: { ...manifestHead(needsPath, bytes, overrides), data_file: manifestPath(needsPath, file), data_sha256: sha256(dataBytes) },
  };
}
