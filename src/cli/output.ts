/** Where a command's output goes: stdout, or a file written atomically. */
import { writeFileAtomic } from '../io/files.js';
import { UserError } from '../errors.js';

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
