/** What the commands share: the --set option, the output format, and where output goes. */
import { Option } from 'commander';
import { writeFileAtomic } from '../io/files.js';
import { UserError } from '../errors.js';
import { parseOverride, type Override } from '../model/load.js';

/** The repeatable `--set key.path=value` option. */
export function setOption(): Option {
  return new Option('--set <key.path=value>', 'override a model key for this run, without editing the file (repeatable)')
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([]);
}

export function overridesFrom(options: { set: string[] }): Override[] {
  return options.set.map(parseOverride);
}

export type Format = 'table' | 'csv' | 'json';
const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

/** The format asked for, or the one the output file's extension implies, or a table. */
export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UserError(`--format ${format}: expected one of ${FORMATS.join(', ')}`);
    return format as Format;
  }
  if (out?.endsWith('.csv')) return 'csv';
  if (out?.endsWith('.json')) return 'json';
  return 'table';
}

export function emit(text: string, out: string | undefined): void {
  if (out === undefined) process.stdout.write(text);
  else writeFileAtomic(out, text);
}
