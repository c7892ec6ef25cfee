/**
 * Follow a scenario to its base model: the overrides of every scenario in the chain (root
 * first), placed at their lines, then the command line's. A model file is its own base.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { documentKind, forbiddenKey, parseYamlWith, relativeChange, type Override } from '../model/load.js';
import { ScenarioSchema } from '../scenario/schema.js';
import { decodeUtf8, readBytes, sha256 } from './files.js';

export interface ScenarioLink {
  file: string;
  title: string;
  sha256: string;
}

export interface ResolvedModel {
  /** The model file at the root of the chain. */
  modelPath: string;
  /** allocation, budget or optimisation. */
  kind: string;
  /** Every scenario's overrides, root first, then the command line's. */
  overrides: Override[];
  /** The scenarios from the root to the file named, for the run manifest. */
  scenarios: ScenarioLink[];
  /** The scenario's title (the file named), when it is a scenario. */
  title?: string;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/** A model's title, read leniently (the full check comes when the model is loaded). */
function titleOf(text: string): string | undefined {
  try {
    const title = (parseDocument(text).toJS() as { title?: unknown } | null)?.title;
    return typeof title === 'string' ? title : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Each entry of a `set` mapping as an override, placed at the line and column of its key: a
 * scenario's `set`, or a settlement year's (`at` is the path of the mapping in the file).
 */
export function setOverrides(text: string, file: string, set: Record<string, unknown>, at: (string | number)[] = ['set']): Override[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const setNode = doc.getIn(at, true);
  const name = at.join('.');
  return Object.entries(set).map(([keyPath, value]) => {
    let where = file;
    if (isMap(setNode)) {
      const pair = setNode.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === keyPath);
      const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined) {
        const pos = counter.linePos(offset);
        where = `${file}:${pos.line}:${pos.col}`;
      }
    }
    const bad = keyPath.split('.').find((segment) => forbiddenKey(segment) !== undefined);
    if (bad !== undefined) throw new UserError(`${where}: ${name}.${keyPath}: ${forbiddenKey(bad)}`);
    if (keyPath.split('.').some((segment) => segment === '')) throw new UserError(`${where}: ${name}.${keyPath}: a key path has no empty parts (write indicators.crime.weight)`);
    const relative = typeof value === 'string' ? relativeChange(value) : undefined;
    return { path: keyPath.split('.'), value, text: `${keyPath}=${JSON.stringify(value)}`, source: `${where}: ${name}`, ...(relative && { relative }) };
  });
}

export function resolveScenario(path: string, commandLine: readonly Override[] = []): ResolvedModel {
  const chain: { file: string; overrides: Override[]; link: ScenarioLink; via: 'base' | 'extends' }[] = [];
  const seen: string[] = [];
  let current = path;
  for (;;) {
    const absolute = resolve(current);
    if (seen.includes(absolute)) {
      const cycle = [...seen.slice(seen.indexOf(absolute)), absolute].map(shown).join(' -> ');
      throw new UserError(`${chain.at(-1)!.file}: extends: the scenarios extend each other in a cycle: ${cycle}`);
    }
    seen.push(absolute);
    const bytes = readBytes(current, seen.length === 1 ? 'model file' : `scenario or model named by ${chain.at(-1)!.file}`);
    const text = decodeUtf8(bytes, current);
    const kind = documentKind(text);
    const from = chain.at(-1);
    if (from?.via === 'extends' && kind !== 'scenario') throw new UserError(`${from.file}: extends: ${current} is a model, not a scenario; a scenario names its model with base`);
    if (from?.via === 'base' && kind === 'scenario') throw new UserError(`${from.file}: base: ${current} is a scenario, not a model; to build on it, use extends`);
    if (kind !== 'scenario') {
      const scenarios = chain.map((c) => c.link).reverse();
      if (scenarios.length === 0) return { modelPath: current, kind, overrides: [...commandLine], scenarios };
      // Outputs say which scenario they show: "model title: scenario title" (a title in set wins).
      const leaf = scenarios.at(-1)!;
      const modelTitle = titleOf(text);
      const value = modelTitle ? `${modelTitle}: ${leaf.title}` : leaf.title;
      const title: Override = { path: ['title'], value, text: `title=${JSON.stringify(value)}`, source: `${leaf.file}: title` };
      return { modelPath: current, kind, overrides: [title, ...chain.reverse().flatMap((c) => c.overrides), ...commandLine], scenarios, title: leaf.title };
    }
    const { value: scenario } = parseYamlWith(ScenarioSchema, text, current, [], 'a scenario (a mapping of keys such as fairshare, kind, base, set)');
    chain.push({ file: current, overrides: setOverrides(text, current, scenario.set), link: { file: current, title: scenario.title, sha256: sha256(bytes) }, via: scenario.base !== undefined ? 'base' : 'extends' });
    const next = (scenario.base ?? scenario.extends)!;
    current = isAbsolute(next) ? next : resolve(dirname(current), next);
    current = shown(current);
  }
}
