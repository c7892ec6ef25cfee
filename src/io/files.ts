/**
 * File handling at the edge: inputs read safely and within limits, outputs written as a set,
 * digests. Every file a run reads is remembered, so no output can overwrite one of them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, existsSync, fstatSync, linkSync, lstatSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** The default limit on a file read whole (models, tables, workbooks, saved results): 512 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** The limit on a file read whole: FAIRSHARE_MAX_INPUT_MB, or 512 MiB. */
export function maxInputBytes(): number {
  const text = process.env.FAIRSHARE_MAX_INPUT_MB;
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_INPUT_BYTES;
  const mb = Number(text);
  if (!(Number.isFinite(mb) && mb > 0)) throw new UserError(`FAIRSHARE_MAX_INPUT_MB=${text}: expected a number of megabytes above zero`);
  return Math.floor(mb * 1024 * 1024);
}

/** A size in words: 312 bytes, 48 KB, 1.4 GB. */
function megabytes(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [size, name] of units) if (bytes >= size) return `${(bytes / size).toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${name}`;
  return `${bytes.toLocaleString('en-GB')} bytes`;
}

/** Every file this process has read as an input, by device and inode: outputs must not be one. */
const inputsRead = new Map<string, string>();

/** Remember a file as one of the run's inputs (files streamed rather than read whole, say). */
export function noteInput(path: string, stats: Stats = statSync(path)): void {
  inputsRead.set(`${stats.dev}:${stats.ino}`, path);
}

/** The kind of thing at a path that is not a regular file, in words. */
function whatItIs(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Why a path cannot be opened, in words: missing, a dangling link, a loop of links... */
export function whyUnreadable(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    let dangling = false;
    try {
      dangling = lstatSync(path).isSymbolicLink();
    } catch {
      // not there at all
    }
    return dangling ? 'it is a symbolic link to a file that does not exist' : 'no such file';
  }
  if (code === 'ELOOP') return 'the symbolic links loop (too many levels of links)';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  return (error as Error).message;
}

/**
 * Read a whole file, as bytes. It must be a regular file (a FIFO or a device is refused at
 * once, without waiting on it) no larger than the input limit; a missing or unreadable file
 * is the user's mistake.
 */
export function readBytes(path: string, role: string, limit = maxInputBytes()): Buffer {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO does not wait for a writer; it is refused just below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UserError(`${path}: cannot read the ${role}: ${whyUnreadable(path, error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UserError(`${path}: cannot read the ${role}: it is ${whatItIs(stats)}, not a regular file`);
    if (stats.size > limit) throw new UserError(`${path}: the ${role} is ${megabytes(stats.size)}, over the limit of ${megabytes(limit)} (set FAIRSHARE_MAX_INPUT_MB to raise it)`);
    // Read at most the limit, even if the file grows while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      if (chunk.length === 0) throw new UserError(`${path}: the ${role} grew past the limit of ${megabytes(limit)} while it was read`);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    noteInput(path, stats);
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot read the ${role}: ${whyUnreadable(path, error)}`);
  } finally {
    closeSync(fd);
  }
}

/** Decode UTF-8, refusing bytes that are not UTF-8 rather than guessing, and naming the line. */
export function decodeUtf8(bytes: Buffer, path: string): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      const end = bytes.indexOf(10, start);
      const stop = end === -1 ? bytes.length : end;
      try {
        decoder.decode(bytes.subarray(start, stop));
      } catch {
        throw new UserError(`${path}:${line}: the line is not valid UTF-8 text`);
      }
      start = stop + 1;
    }
    throw new UserError(`${path}: the file is not valid UTF-8 text`);
  }
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Check that a path may be written: a new file in an existing folder, or an existing regular
 * file that is none of the run's inputs. Links and devices are refused (renaming over a link
 * replaces the link, not what it points to; a device is not a file to replace).
 */
export function checkOutputPath(path: string, role = 'output'): void {
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new UserError(`${path}: cannot write the ${role}: ${whyUnreadable(path, error)}`);
  }
  if (stats) {
    if (stats.isSymbolicLink()) throw new UserError(`${path}: cannot write the ${role}: it is a symbolic link; give the path of a regular file or a new one`);
    if (!stats.isFile()) throw new UserError(`${path}: cannot write the ${role}: it is ${whatItIs(stats)}, not a regular file`);
    const input = inputsRead.get(`${stats.dev}:${stats.ino}`);
    if (input !== undefined) throw new UserError(`${path}: cannot write the ${role} there: it is one of this run's inputs (${input}); choose another file`);
  }
  let folder: Stats;
  try {
    folder = statSync(dirname(resolve(path)));
  } catch {
    throw new UserError(`${path}: cannot write the ${role}: its folder does not exist`);
  }
  if (!folder.isDirectory()) throw new UserError(`${path}: cannot write the ${role}: its folder does not exist`);
}

/** A write failure in words, naming the file: a full disk, permissions, a missing folder. */
function writeError(path: string, role: string, error: unknown): UserError | Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'its folder does not exist',
    EISDIR: 'it is a folder',
    EIO: 'an input/output error on the disk',
    EFBIG: 'the file is too large for the file system',
  };
  if (code && why[code]) return new UserError(`${path}: cannot write the ${role}: ${why[code]}; nothing was written`);
  return new Error(`${path}: cannot write the ${role}: ${(error as Error).message}; nothing was written`);
}

const tempBeside = (path: string, tag: string) => join(dirname(path), `.${basename(path)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);

/**
 * Write a run's files as a set: each to a temporary file beside it, then all renamed into
 * place. A failure at any point leaves every file as it was: temporaries are removed, and
 * files already placed are put back (the earlier file restored, or a new one removed).
 * `files` maps each path to its content, in the order to place them.
 */
export function writeFileSet(entries: Iterable<readonly [string, string | Buffer]>, role: (path: string) => string = () => 'output'): void {
  const files = [...entries];
  const seen = new Map<string, string>();
  for (const [path] of files) {
    const absolute = resolve(path);
    if (seen.has(absolute)) throw new UserError(`${path}: two outputs of this run would go to the same file (${seen.get(absolute)} and ${path})`);
    seen.set(absolute, path);
    checkOutputPath(path, role(path));
  }
  const temps = new Map<string, string>();
  const placed: { path: string; backup?: string }[] = [];
  const cleanUp = () => {
    for (const temp of temps.values()) rmSync(temp, { force: true });
  };
  try {
    for (const [path, content] of files) {
      const temp = tempBeside(path, 'tmp');
      temps.set(path, temp);
      try {
        writeFileSync(temp, content, { flag: 'wx' });
      } catch (error) {
        throw writeError(path, role(path), error);
      }
    }
    for (const [path] of files) {
      let backup: string | undefined;
      if (existsSync(path)) {
        backup = tempBeside(path, 'old');
        try {
          linkSync(path, backup);
        } catch {
          copyFileSync(path, backup);
        }
      }
      try {
        renameSync(temps.get(path)!, path);
      } catch (error) {
        // Not placed: the file is as it was, and its backup (a second link to it) goes.
        if (backup !== undefined) rmSync(backup, { force: true });
        throw writeError(path, role(path), error);
      }
      placed.push({ path, ...(backup !== undefined && { backup }) });
      temps.delete(path);
    }
  } catch (error) {
    // Roll back: put every file already placed back as it was.
    for (const { path, backup } of placed.reverse()) {
      try {
        if (backup !== undefined) renameSync(backup, path);
        else rmSync(path, { force: true });
      } catch {
        // best effort: the message below still names the file that failed
      }
    }
    cleanUp();
    throw error;
  }
  for (const { backup } of placed) if (backup !== undefined) rmSync(backup, { force: true });
  cleanUp();
}

/** Write one file atomically (a set of one). */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  writeFileSet([[path, content]]);
}

let root: string | undefined;

/** The folder of this package (where its package.json is), found upward from this module. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'fairshare') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the fairshare package folder');
    dir = parent;
  }
}

let version: string | undefined;

/** This package's version, from its package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  return version;
}

/** The real path of a file, for comparing two names of one file (the path itself when it cannot be resolved). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
