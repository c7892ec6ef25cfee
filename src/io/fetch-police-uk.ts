/**
 * `fairshare data fetch`: police.uk street-level files for chosen forces and months, into a
 * local cache, for a user with internet access. police.uk publishes one archive a month
 * (YYYY-MM.zip, every force, the 36 months to that month, over a gigabyte); only the wanted
 * files are taken out of it, by HTTP range requests on its central directory. Each file is
 * checked against the archive's CRC-32, written whole, and recorded with its sha256 in the
 * cache's checksums.json; a run that stops part-way resumes where it left off. A server that
 * ignores ranges gets the whole archive downloaded once, resumably, into the cache.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync, crc32 } from 'node:zlib';
import { describeMonths } from '../data/police-uk/months.js';
import { RuntimeFailure, UserError } from '../errors.js';
import { centralDirectory, dataOffset, TAIL_BYTES, ZipFormatError, zipEntries, type ZipEntry } from '../fetch/zip.js';
import { sha256, writeFileAtomic } from './files.js';

export const POLICE_UK_ARCHIVE = 'https://data.police.uk/data/archive/';

export interface FetchOptions {
  /** police.uk force names ("thames-valley"). */
  forces: readonly string[];
  months: readonly string[];
  /** The cache folder; default $XDG_CACHE_HOME/fairshare or ~/.cache/fairshare. */
  cache?: string;
  /** Where the monthly archives are (a mirror, or a test server). */
  baseUrl?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface FetchResult {
  folder: string;
  fetched: string[];
  present: string[];
  /** Files police.uk does not publish in the archive (a force that supplied none that month). */
  missing: string[];
  bytes: number;
}

interface Checksum {
  sha256: string;
  bytes: number;
  archive: string;
}

/** Make the cache's folder, or say plainly why it cannot be one (a file in the way, no permission). */
export function makeCacheFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a file is in the way of the folder' : e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS' ? `it cannot be written (${e.code})` : e.message;
    throw new UserError(`--cache: ${folder}: cannot use it as the cache folder: ${why}`);
  }
}

export function defaultCache(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'fairshare');
}

/** A byte source: a remote archive read by ranges, or a downloaded copy read from disk. */
interface Archive {
  size: number;
  read(start: number, end: number): Promise<Buffer>;
}

function unreachable(url: string, error: unknown): RuntimeFailure {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as Error).message;
  return new RuntimeFailure(`cannot reach ${new URL(url).host} (${code}): are you offline? fairshare data fetch needs internet access; the shipped data works without it`);
}

async function request(url: string, range?: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, range ? { headers: { Range: range } } : {});
  } catch (error) {
    throw unreachable(url, error);
  }
  if (response.status === 404) throw new UserError(`${url}: not found (404): police.uk has no archive for that month yet, or the month is older than it keeps`);
  if (!response.ok) throw new RuntimeFailure(`${url}: the server answered ${response.status} ${response.statusText}`);
  return response;
}

/** The archive by ranges if the server takes them; else downloaded whole into the cache (resuming a part download). */
async function openArchive(url: string, cache: string, month: string): Promise<Archive> {
  const probe = await request(url, `bytes=-${TAIL_BYTES}`);
  const total = /\/(\d+)$/.exec(probe.headers.get('content-range') ?? '')?.[1];
  if (probe.status === 206 && total !== undefined) {
    const size = Number(total);
    const tail = Buffer.from(await probe.arrayBuffer());
    const tailStart = size - tail.length;
    const cached = new Map<number, Buffer>([[tailStart, tail]]);
    return {
      size,
      async read(start, end) {
        const hit = [...cached].find(([at, buf]) => start >= at && end <= at + buf.length);
        if (hit) return hit[1].subarray(start - hit[0], end - hit[0]);
        const response = await request(url, `bytes=${start}-${end - 1}`);
        if (response.status !== 206) throw new RuntimeFailure(`${url}: the server stopped answering byte ranges`);
        return Buffer.from(await response.arrayBuffer());
      },
    };
  }
  await probe.body?.cancel();
  // No ranges: the whole archive, appended to what an earlier run downloaded.
  const path = join(cache, 'archives', `${month}.zip`);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) {
    const part = `${path}.part`;
    const have = existsSync(part) ? statSync(part).size : 0;
    const response = await request(url, have > 0 ? `bytes=${have}-` : undefined);
    const append = response.status === 206;
    const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    } catch (error) {
      out.destroy();
      throw unreachable(url, error);
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    renameSync(part, path);
  }
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  return {
    size,
    async read(start, end) {
      const buf = Buffer.alloc(end - start);
      await handle.read(buf, 0, buf.length, start);
      return buf;
    },
  };
}

/** One entry's bytes, inflated and checked against its CRC-32. */
async function extract(archive: Archive, entry: ZipEntry, url: string): Promise<Buffer> {
  // The local header repeats the name and may carry a different extra field: read some slack.
  const end = Math.min(archive.size, entry.localHeader + 30 + Buffer.byteLength(entry.name) + 1024 + entry.compressedSize);
  const chunk = await archive.read(entry.localHeader, end);
  const start = dataOffset(chunk);
  const data = chunk.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new RuntimeFailure(`${url}: ${entry.name} is cut short`);
  const bytes = entry.method === 0 ? Buffer.from(data) : entry.method === 8 ? inflateRawSync(data) : undefined;
  if (!bytes) throw new RuntimeFailure(`${url}: ${entry.name} is compressed by method ${entry.method}, which fairshare does not read`);
  if (bytes.length !== entry.size || crc32(bytes) >>> 0 !== entry.crc32 >>> 0) throw new RuntimeFailure(`${url}: ${entry.name} fails its CRC-32 check: the download is damaged; run again`);
  return bytes;
}

/** Group months under the archives that hold them: each archive has the 36 months to its own. */
export function archivesFor(months: readonly string[]): Map<string, string[]> {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const groups = new Map<string, string[]>();
  let archive: string | undefined;
  for (const month of [...new Set(months)].sort().reverse()) {
    if (!archive || index(archive) - index(month) >= 36) archive = month;
    groups.set(archive, [...(groups.get(archive) ?? []), month]);
  }
  return groups;
}

export async function fetchPoliceUk(options: FetchOptions): Promise<FetchResult> {
  const cache = options.cache ?? defaultCache();
  const folder = join(cache, 'police-uk');
  const ledgerPath = join(folder, 'checksums.json');
  makeCacheFolder(folder);
  const ledger: Record<string, Checksum> = existsSync(ledgerPath) ? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as Record<string, Checksum>) : {};
  const result: FetchResult = { folder, fetched: [], present: [], missing: [], bytes: 0 };
  const wanted = (month: string) => options.forces.map((force) => `${month}/${month}-${force}-street.csv`);
  const isPresent = (name: string) => {
    const path = join(folder, name);
    return ledger[name] !== undefined && existsSync(path) && sha256(readFileSync(path)) === ledger[name]!.sha256;
  };
  const base = (options.baseUrl ?? POLICE_UK_ARCHIVE).replace(/\/?$/, '/');
  let done = 0;
  for (const [archiveMonth, months] of archivesFor(options.months)) {
    const names = months.flatMap(wanted);
    const toFetch = names.filter((name) => !isPresent(name));
    result.present.push(...names.filter((name) => !toFetch.includes(name)));
    if (toFetch.length === 0) continue;
    const url = `${base}${archiveMonth}.zip`;
    try {
      const archive = await openArchive(url, cache, archiveMonth);
      const where = centralDirectory(await archive.read(Math.max(0, archive.size - TAIL_BYTES), archive.size), Math.max(0, archive.size - TAIL_BYTES));
      const entries = zipEntries(await archive.read(where.offset, where.offset + where.size));
      // police.uk archives keep each file under its month's folder, at any depth.
      const byName = new Map(entries.map((entry) => [entry.name.split('/').slice(-2).join('/'), entry]));
      const found = toFetch.filter((name) => byName.has(name));
      result.missing.push(...toFetch.filter((name) => !byName.has(name)));
      const total = found.reduce((sum, name) => sum + byName.get(name)!.compressedSize, 0) + done;
      for (const name of found) {
        const entry = byName.get(name)!;
        const bytes = await extract(archive, entry, url);
        const path = join(folder, name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileAtomic(path, bytes);
        ledger[name] = { sha256: sha256(bytes), bytes: bytes.length, archive: `${archiveMonth}.zip` };
        // The ledger after every file, so a run cut short resumes from the last one written.
        writeFileAtomic(ledgerPath, `${JSON.stringify(Object.fromEntries(Object.entries(ledger).sort()), null, 2)}\n`);
        result.fetched.push(name);
        result.bytes += bytes.length;
        done += entry.compressedSize;
        options.onProgress?.(done, total);
      }
    } catch (error) {
      if (error instanceof ZipFormatError) throw new RuntimeFailure(`${url}: ${error.message}`);
      throw error;
    }
  }
  if (result.fetched.length + result.present.length === 0) {
    throw new UserError(`police.uk publishes none of the files asked for (${options.forces.join(', ')}; ${describeMonths(options.months)}): ${result.missing.slice(0, 5).join(', ')}${result.missing.length > 5 ? ', ...' : ''}`);
  }
  return result;
}
