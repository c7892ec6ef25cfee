/** File handling at the edge: clear errors for missing files, atomic writes, digests. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** Read a whole file, as bytes; a missing or unreadable file is the user's mistake. */
export function readBytes(path: string, role: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UserError(`${path}: cannot read the ${role}: ${why}`);
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
 * Write a file atomically: to a temporary file beside it, then rename, so a reader never
 * sees half a file and a failure leaves any earlier file as it was.
 */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new UserError(`${path}: cannot write the output: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : 'permission denied'}`);
    }
    throw error;
  }
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
