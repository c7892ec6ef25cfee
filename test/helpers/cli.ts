/**
 * The `fairshare` command as a user runs it: the bundled CLI in dist/. A test file that
 * imports this fails, rather than skips, when the build is missing (npm test builds first).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const CLI = resolve('dist/fairshare.js');

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' (npm test does it first)`);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run fairshare with these arguments; stack traces are never asked for. */
export function fairshare(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): Run {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, FAIRSHARE_DEBUG: '', ...options.env },
    timeout: options.timeout ?? 120_000,
    ...(options.input !== undefined && { input: options.input }),
  };
  const run = spawnSync(process.execPath, [CLI, ...args], spawnOptions);
  return { status: run.status, stdout: String(run.stdout ?? ''), stderr: String(run.stderr ?? '') };
}

/** Run fairshare where a user's mistake must be refused: exit 2, no stack trace; the message. */
export function refusedIn(cwd: string, args: readonly string[]): string {
  const run = fairshare(args, { cwd });
  expect(run.status).toBe(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr;
}
