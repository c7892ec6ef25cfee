/**
 * `fairshare data fetch --source`: the other open data named in datasets/catalogue.json, each
 * downloaded as the exact file the catalogue pins (a public repository at a commit), checked
 * against its size and sha256, and kept in the cache with a checksums.json; a file already
 * there and unchanged is not downloaded again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RuntimeFailure, UserError } from '../errors.js';
import { nearestKey } from '../model/schema-keys.js';
import { datasetText } from './datasets.js';
import { makeCacheFolder } from './fetch-police-uk.js';
import { sha256, writeFileAtomic } from './files.js';

export interface CatalogueSource {
  name: string;
  title: string;
  publisher: string;
  url: string;
  bytes: number;
  sha256: string;
}

export function catalogue(): { sources: CatalogueSource[] } {
  return JSON.parse(datasetText('catalogue.json')) as { sources: CatalogueSource[] };
}

const GITHUB_RAW = 'https://raw.githubusercontent.com/';

export interface SourceFetch {
  folder: string;
  fetched: string[];
  present: string[];
}

/** Download the named sources (or all) into `cache`/sources; `mirror` stands in for raw.githubusercontent.com. */
export async function fetchSources(names: readonly string[], cache: string, mirror?: string, onProgress?: (done: number, total: number) => void): Promise<SourceFetch> {
  const known = catalogue().sources;
  const chosen = names.includes('all')
    ? known
    : names.map((name) => {
        const source = known.find((s) => s.name === name);
        if (!source) {
          const near = nearestKey(name, known.map((s) => s.name));
          throw new UserError(`--source ${name}: not in the dataset catalogue${near ? `; did you mean '${near}'?` : ''} (the sources are ${known.map((s) => s.name).join(', ')}, or all)`);
        }
        return source;
      });
  const folder = join(cache, 'sources');
  makeCacheFolder(folder);
  const ledgerPath = join(folder, 'checksums.json');
  const ledger: Record<string, { sha256: string; bytes: number; url: string }> = existsSync(ledgerPath) ? JSON.parse(readFileSync(ledgerPath, 'utf8')) : {};
  const result: SourceFetch = { folder, fetched: [], present: [] };
  const total = chosen.reduce((sum, s) => sum + s.bytes, 0);
  let done = 0;
  for (const source of chosen) {
    const file = basename(new URL(source.url).pathname).replace(/%28/g, '(').replace(/%29/g, ')');
    const path = join(folder, file);
    if (existsSync(path) && sha256(readFileSync(path)) === source.sha256) {
      result.present.push(file);
      done += source.bytes;
      continue;
    }
    const url = mirror && source.url.startsWith(GITHUB_RAW) ? `${mirror.replace(/\/?$/, '/')}${source.url.slice(GITHUB_RAW.length)}` : source.url;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new RuntimeFailure(`cannot reach ${new URL(url).host} (${cause}): are you offline? fairshare data fetch needs internet access; the shipped data works without it`);
    }
    if (!response.ok) throw new RuntimeFailure(`${url}: the server answered ${response.status} ${response.statusText}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length !== source.bytes || sha256(bytes) !== source.sha256) {
      throw new RuntimeFailure(`${url}: the file is not the one the catalogue names (${bytes.length} bytes, sha256 ${sha256(bytes).slice(0, 16)}...; expected ${source.bytes} bytes, ${source.sha256.slice(0, 16)}...): nothing was kept`);
    }
    writeFileAtomic(path, bytes);
    ledger[file] = { sha256: source.sha256, bytes: bytes.length, url: source.url };
    writeFileAtomic(ledgerPath, `${JSON.stringify(Object.fromEntries(Object.entries(ledger).sort()), null, 2)}\n`);
    result.fetched.push(file);
    done += source.bytes;
    onProgress?.(done, total);
  }
  return result;
}
