/**
 * Every `@example` in the source runs, and gives what it says (`expression; // => value`,
 * or `// => value` on the next line): documentation that cannot drift from the code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The examples of a file: the lines of each `@example` block, without the comment stars. */
function examples(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/@example\n((?:\s*\*(?!\/).*\n)+)/g)].map((m) => m[1]!.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).filter((line) => line.trim() !== ''));
}

function expected(text: string): unknown {
  const typed = /^Float64Array \[(.*)\]$/.exec(text.trim());
  return typed ? JSON.parse(`[${typed[1]}]`) : JSON.parse(text);
}

const found = sources('src').flatMap((path) => examples(path).map((lines, i) => ({ path, i, lines })));

describe('documented examples', () => {
  it('there are examples to check', () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it.each(found.map((f) => [`${f.path} #${f.i + 1}`, f] as const))('%s gives what it says', (_, { lines }) => {
    const scope = library as unknown as Record<string, unknown>;
    const statements: string[] = [];
    const checks: unknown[] = [];
    lines.forEach((line) => {
      const inline = /^(.*?);?\s*\/\/ => (.*)$/.exec(line);
      if (inline && inline[1]!.trim() !== '') {
        statements.push(`__results.push(${inline[1]});`);
        checks.push(expected(inline[2]!));
      } else if (inline) {
        // `// => value` alone checks the statement before it.
        const last = statements.pop()!;
        statements.push(`__results.push(${last.replace(/;$/, '')});`);
        checks.push(expected(inline[2]!));
      } else statements.push(line);
    });
    const results: unknown[] = [];
    new Function(...Object.keys(scope), '__results', statements.join('\n'))(...Object.values(scope), results);
    expect(results.map((r) => (ArrayBuffer.isView(r) ? Array.from(r as Float64Array) : r))).toEqual(checks);
  });
});
