/**
 * Reading police.uk street-level files (plain or .gz, files or folders) into a crime tally.
 * Large inputs are split across worker threads, one per core, each reading whole files;
 * their tallies merge exactly. Memory stays flat: files are streamed in 1 MiB chunks and
 * only the counts are kept.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { RecordScanner } from '../data/police-uk/scanner.js';
import { CrimeTally, mergeTallies, POLICE_UK_HEADER, TALLY_COLUMNS, type TallyOptions, type TallyState } from '../data/police-uk/tally.js';
import { UserError } from '../errors.js';
import { noteInput, whyUnreadable } from './files.js';

const CHUNK = 1 << 20;

/** Files named on the command line, with folders expanded to the .csv and .csv.gz files inside (sorted). */
export function expandInputs(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new UserError('no input files: name police.uk CSV files (plain or .gz) or folders of them');
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (path: string) => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const why = whyUnreadable(path, error);
      throw new UserError(`${path}: ${why === 'no such file' ? 'no such file or folder' : `cannot read it: ${why}`}`);
    }
    // A folder reached twice (a link to a folder above it) is read once.
    const id = `${stats.dev}:${stats.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        let isFolder = false;
        try {
          isFolder = statSync(child).isDirectory();
        } catch {
          // a dangling link or a loop: walk() names it when it is a file to read
        }
        if (isFolder || /\.csv(\.gz)?$/i.test(name)) walk(child);
      }
    } else if (!stats.isFile()) {
      // A FIFO or a device would be read for ever (/dev/zero) or wait for ever (a FIFO).
      throw new UserError(`${path}: cannot read it: it is ${stats.isFIFO() ? 'a FIFO (named pipe)' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file'}, not a file of police.uk data`);
    } else {
      noteInput(path, stats);
      files.push(path);
    }
  };
  for (const path of paths) {
    const before = files.length;
    walk(path);
    if (files.length === before) throw new UserError(`${path}: the folder holds no .csv or .csv.gz files`);
    // In a folder, police.uk's street files are the data: its outcomes and stop-and-search
    // files, or a manifest, are not (unless the folder holds no file named as a street file).
    const found = files.splice(before);
    const street = found.filter((file) => /-street\.csv(\.gz)?$/i.test(file));
    files.push(...(found.length > 1 && street.length > 0 ? street : found));
  }
  return files;
}

/** Stream one file into the tally; `onBytes` hears how many file bytes were read. */
export async function tallyFile(path: string, tally: CrimeTally, onBytes: (bytes: number) => void = () => {}): Promise<void> {
  const scanner = new RecordScanner({
    file: path,
    wanted: TALLY_COLUMNS,
    expectedHeader: POLICE_UK_HEADER,
    onRecord: (values) => tally.add(values),
    // The common record is counted from its bytes, with no strings made (see CrimeTally.addBytes).
    onFields: (buf, starts, ends) => tally.addBytes(buf, starts, ends),
  });
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  raw.on('data', (chunk) => onBytes(chunk.length));
  const gzipped = path.toLowerCase().endsWith('.gz');
  const source = gzipped ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
  if (gzipped) raw.on('error', (error) => source.destroy(error));
  try {
    for await (const chunk of source) scanner.push(chunk as Buffer);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') throw new UserError(`${path}: cannot read the file (${e.code})`);
    if (gzipped && (e.code?.startsWith('Z_') || /unexpected end of file|incorrect header check/i.test(e.message))) {
      throw new UserError(`${path}: the gzip file is cut short or damaged (${e.message})`);
    }
    throw error;
  }
  scanner.end();
  tally.files++;
}

export interface CrimeReadOptions extends Omit<TallyOptions, 'months'> {
  /** The --months text, so workers can parse it themselves. */
  monthsText?: string;
  months?: TallyOptions['months'];
  /** Worker threads; 1 reads in this thread. Default: one per core, for two or more large files. */
  jobs?: number;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

const workerUrl = new URL('./crime-worker.js', import.meta.url);

export async function tallyCrimeFiles(files: readonly string[], options: CrimeReadOptions): Promise<TallyState> {
  const sizes = files.map((file) => statSync(file).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  let read = 0;
  const progress = (bytes: number) => {
    read += bytes;
    options.onProgress?.(read, total);
  };
  const defaultJobs = total > 64 * CHUNK && files.length > 1 ? Math.min(availableParallelism(), files.length) : 1;
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs, files.length));
  // Workers run compiled JavaScript; from TypeScript sources (tests) read in this thread.
  if (jobs === 1 || !existsSync(fileURLToPath(workerUrl))) {
    const tally = new CrimeTally(options);
    for (const file of files) await tallyFile(file, tally, progress);
    // Through the merge too, so one thread and many give the same order, byte for byte.
    return mergeTallies([tally.state()], options.byMonth);
  }
  // Largest files first, each to the least-loaded worker.
  const queues: string[][] = Array.from({ length: jobs }, () => []);
  const load = new Array<number>(jobs).fill(0);
  for (const i of files.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!)) {
    const least = load.indexOf(Math.min(...load));
    queues[least]!.push(files[i]!);
    load[least] = load[least]! + sizes[i]!;
  }
  const workerData = {
    lsoaIndex: [...options.lsoaIndex],
    unplaced: [...options.unplaced],
    types: options.types ? [...options.types] : undefined,
    monthsText: options.monthsText,
    byMonth: options.byMonth,
  };
  const states = await Promise.all(
    queues.map(
      (queue) =>
        new Promise<TallyState>((resolve, reject) => {
          const worker = new Worker(workerUrl, { workerData: { ...workerData, files: queue } });
          worker.on('message', (message: { bytes?: number; state?: TallyState; problems?: string[]; fault?: string }) => {
            if (message.bytes !== undefined) progress(message.bytes);
            else if (message.state) resolve(message.state);
            else if (message.problems) reject(new UserError(message.problems));
            else reject(new Error(message.fault));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => code !== 0 && reject(new Error(`a reading worker stopped with code ${code}`)));
        }),
    ),
  );
  return mergeTallies(states, options.byMonth);
}
