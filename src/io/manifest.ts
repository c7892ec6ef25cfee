/**
 * Run manifests name files so that the same run gives the same bytes from any folder: the
 * model by its file name, every other file relative to the model's folder (as a model names
 * its data), never a folder of the machine it ran on.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Override } from '../model/load.js';
import { sha256, toolVersion } from './files.js';

/** A file as the manifest names it: relative to the model's folder, with forward slashes. */
export function manifestPath(modelPath: string, file: string): string {
  const from = dirname(resolve(modelPath));
  const to = isAbsolute(file) ? file : resolve(file);
  return relative(from, to).split(sep).join('/') || basename(to);
}

/** The overrides typed on the command line (a scenario's own are identified by its digest). */
export const commandLineOverrides = (overrides: readonly Override[]): string[] => overrides.filter((o) => o.source === undefined).map((o) => o.text);

/** What every manifest starts with: the tool, the model file by name and digest, the overrides. */
export function manifestHead(modelPath: string, modelBytes: Buffer, overrides: readonly Override[]) {
  return { tool_version: toolVersion(), model_file: basename(modelPath), model_sha256: sha256(modelBytes), overrides: commandLineOverrides(overrides) };
}
