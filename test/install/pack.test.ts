/**
 * fairshare installed as a user installs it: `npm pack`, then `npm install -g` of the tarball
 * into a temporary prefix (from a registry on the loopback address that serves the locked
 * packages out of npm's cache: no network), then the examples run from another folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { startRegistry, type LocalRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp.js';

/** Run a command to the end without blocking the event loop (the registry answers meanwhile). */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('installed from the packed tarball', () => {
  let registry: LocalRegistry;
  let bin: string;
  let installed: string;
  const work = tempDir('fairshare-install-');

  beforeAll(async () => {
    expect(existsSync(CLI)).toBe(true);
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    registry = await startRegistry();
    const prefix = join(work, 'global');
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--registry', registry.url, '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)], { cwd: work });
    expect(install.status, install.stderr).toBe(0);
    bin = join(prefix, 'bin', 'fairshare');
    installed = join(prefix, 'lib', 'node_modules', 'fairshare');
  }, 300_000);

  afterAll(async () => {
    await registry?.close();
  });

  it('runs the examples from any folder: allocate, explain, optimise with a chart, a report', async () => {
    const folder = tempDir('fairshare-elsewhere-');
    const allocate = await run(bin, ['allocate', join(installed, 'models/avon-and-somerset-2025-26.yaml')], { cwd: folder });
    expect(allocate.status, allocate.stderr).toBe(0);
    expect(allocate.stdout).toMatch(/Total\s+1\.000000\s+£2,685,531\s+£2,685,531\s+£2,685,531/);
    // The same figures as the repository's own build.
    const here = spawnSync(process.execPath, [CLI, 'allocate', 'models/avon-and-somerset-2025-26.yaml', '--format', 'json'], { encoding: 'utf8' }).stdout;
    const there = await run(bin, ['allocate', join(installed, 'models/avon-and-somerset-2025-26.yaml'), '--format', 'json'], { cwd: folder });
    expect(there.stdout).toBe(here);
    const explain = await run(bin, ['explain', join(installed, 'models/avon-and-somerset-2025-26.yaml'), 'North Somerset'], { cwd: folder });
    expect(explain.stdout).toContain('Allocation: £322,431');
    const optimise = await run(bin, ['optimise', join(installed, 'models/dorset-like-optimisation-2025-26.yaml'), '--out', 'o.csv', '--chart', 'o.png'], { cwd: folder });
    expect(optimise.status, optimise.stderr).toBe(0);
    expect(readFileSync(join(folder, 'o.png')).subarray(1, 4).toString()).toBe('PNG');
    const report = await run(bin, ['report', join(installed, 'models/dorset-like-budget-2025-26.yaml'), '--out', 'r.html'], { cwd: folder });
    expect(report.status, report.stderr).toBe(0);
    expect(readFileSync(join(folder, 'r.html'), 'utf8')).toContain('<table data-table="Funds">');
  }, 120_000);
});
