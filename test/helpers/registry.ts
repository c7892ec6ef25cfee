/**
 * A package registry on the loopback address, serving exactly the packages of
 * package-lock.json from npm's own cache (filled by `npm ci`): so a test can install the
 * packed tarball as a user would, with `npm install -g`, and no network.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface LockEntry {
  version: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  engines?: Record<string, string>;
  bin?: Record<string, string>;
}

/** Where a tarball with this integrity sits in npm's content-addressed cache. */
function cachedTarball(cache: string, integrity: string): string | undefined {
  const sha512 = integrity.split(/\s+/).find((part) => part.startsWith('sha512-'));
  if (!sha512) return undefined;
  const hex = Buffer.from(sha512.slice('sha512-'.length), 'base64').toString('hex');
  const path = join(cache, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
  return existsSync(path) ? path : undefined;
}

export interface LocalRegistry {
  url: string;
  close: () => Promise<void>;
}

export async function startRegistry(lockFile = 'package-lock.json'): Promise<LocalRegistry> {
  const cache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const packages = new Map<string, Map<string, LockEntry>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.link) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const versions = packages.get(name) ?? new Map<string, LockEntry>();
    versions.set(entry.version, entry);
    packages.set(name, versions);
  }
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]!.slice(1));
    const tarball = /^(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
    if (tarball) {
      const entry = packages.get(tarball[1]!)?.get(tarball[2]!);
      const file = entry?.integrity ? cachedTarball(cache, entry.integrity) : undefined;
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    const versions = packages.get(path);
    if (!versions) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const short = path.includes('/') ? path.split('/')[1]! : path;
    const manifest = {
      name: path,
      'dist-tags': { latest: [...versions.keys()].at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([version, e]) => [
          version,
          {
            name: path,
            version,
            ...(e.dependencies && { dependencies: e.dependencies }),
            ...(e.optionalDependencies && { optionalDependencies: e.optionalDependencies }),
            ...(e.peerDependencies && { peerDependencies: e.peerDependencies }),
            ...(e.peerDependenciesMeta && { peerDependenciesMeta: e.peerDependenciesMeta }),
            ...(e.os && { os: e.os }),
            ...(e.cpu && { cpu: e.cpu }),
            ...(e.libc && { libc: e.libc }),
            ...(e.engines && { engines: e.engines }),
            ...(e.bin && { bin: e.bin }),
            dist: { tarball: `${base}/${path}/-/${short}-${version}.tgz`, ...(e.integrity && { integrity: e.integrity }) },
          },
        ]),
      ),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(manifest));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
