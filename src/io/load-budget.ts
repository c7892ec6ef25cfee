/** Load a budget file, resolve amounts taken from allocation results, and split it. */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ModelProblems, UserError, type KeyPath } from '../errors.js';
import { cashFlow, type CashFlow } from '../funds/payments.js';
import { BudgetSchema, type AllocationRef, type Budget, type Fence } from '../funds/schema.js';
import { splitBudget, type SplitResult } from '../funds/split.js';
import { parseYamlWith, type Override } from '../model/load.js';
import type { RunManifest } from '../report/manifest.js';
import { findArea } from '../formula/find-area.js';
import { decodeUtf8, readBytes, sha256 } from './files.js';
import { manifestHead, manifestPath } from './manifest.js';
import { loadAllocation, runAllocation } from './load-allocation.js';

export interface TakenAllocation {
  model: string;
  area: string;
  pence: number;
}

interface FundsWithRefs {
  [name: string]: { amount_from?: AllocationRef; ring_fences?: Record<string, Fence> };
}

/**
 * Amounts taken from allocation results (`amount_from`) for funds and ring-fences, in pence
 * by path; each allocation model is run once. `at` places a key path in the file.
 */
export async function resolveAmounts(funds: FundsWithRefs, file: string, at: (path: KeyPath) => string): Promise<{ resolved: Map<string, number>; allocations: TakenAllocation[] }> {
  const resolved = new Map<string, number>();
  const allocations: TakenAllocation[] = [];
  const runs = new Map<string, Awaited<ReturnType<typeof runAllocation>>>();
  const take = async (ref: AllocationRef, pathKey: string, keyPath: KeyPath) => {
    const model = isAbsolute(ref.model) ? ref.model : resolve(dirname(file), ref.model);
    let result = runs.get(model);
    if (!result) {
      try {
        result = runAllocation(await loadAllocation(model));
      } catch (error) {
        if (error instanceof UserError) throw new UserError([`${at([...keyPath, 'model'])}the allocation model has problems:`, ...error.problems]);
        throw error;
      }
      runs.set(model, result);
    }
    let area;
    try {
      area = findArea(result, ref.area);
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`${at([...keyPath, 'area'])}${error.message}`);
      throw error;
    }
    resolved.set(pathKey, area.allocationPence);
    allocations.push({ model: ref.model, area: area.key, pence: area.allocationPence });
  };
  const walk = async (fences: Record<string, Fence> | undefined, path: string, keyPath: KeyPath) => {
    for (const [key, fence] of Object.entries(fences ?? {})) {
      if (fence.amount_from) await take(fence.amount_from, `${path}.${key}`, [...keyPath, key, 'amount_from']);
      await walk(fence.ring_fences, `${path}.${key}`, [...keyPath, key, 'ring_fences']);
    }
  };
  for (const [name, fund] of Object.entries(funds)) {
    if (fund.amount_from) await take(fund.amount_from, name, ['funds', name, 'amount_from']);
    await walk(fund.ring_fences, name, ['funds', name, 'ring_fences']);
  }
  return { resolved, allocations };
}

/** A validated budget with its amounts resolved, and how to place its key paths. */
export interface ReadBudget {
  budget: Budget;
  at: (path: KeyPath) => string;
  sha256: string;
  bytes: Buffer;
  resolved: Map<string, number>;
  allocations: TakenAllocation[];
}

export async function readBudget(budgetPath: string, overrides: readonly Override[] = []): Promise<ReadBudget> {
  const bytes = readBytes(budgetPath, 'budget file');
  const { value: budget, at } = parseYamlWith(BudgetSchema, decodeUtf8(bytes, budgetPath), budgetPath, overrides, 'a budget (a mapping of keys such as fairshare, kind, funds, services)');
  const { resolved, allocations } = await resolveAmounts(budget.funds, budgetPath, at);
  return { budget, at, sha256: sha256(bytes), bytes, resolved, allocations };
}

/** Model problems at key paths, placed in their file (a problem with no path is the file's). */
export function placed(error: ModelProblems, file: string, at: (path: KeyPath) => string): UserError {
  return new UserError(error.problems.map((p) => (p.path.length === 0 ? `${file}: ${p.message}` : `${at(p.path)}${p.message}`)));
}

/** Run a pure computation on a file's model, placing any problems it finds at their lines in that file. */
export function inFile<T>(file: string, at: (path: KeyPath) => string, run: () => T): T {
  const place = (error: unknown): never => {
    throw error instanceof ModelProblems ? placed(error, file, at) : error;
  };
  try {
    const out = run();
    return (out instanceof Promise ? out.catch(place) : out) as T;
  } catch (error) {
    return place(error);
  }
}

export interface BudgetRun {
  budget: Budget;
  result: SplitResult;
  cashFlow: CashFlow;
  manifest: Omit<RunManifest, 'data_file' | 'data_sha256'> & { allocations: TakenAllocation[] };
}

export async function runBudget(budgetPath: string, overrides: readonly Override[] = []): Promise<BudgetRun> {
  const { budget, at, bytes, resolved, allocations } = await readBudget(budgetPath, overrides);
  const result = inFile(budgetPath, at, () => splitBudget(budget, resolved));
  return {
    budget,
    result,
    cashFlow: cashFlow(budget, result),
    manifest: { ...manifestHead(budgetPath, bytes, overrides), allocations: allocations.map((a) => ({ ...a, model: manifestPath(budgetPath, resolve(dirname(budgetPath), a.model)) })) },
  };
}
