/**
 * javascript-lp-solver: the pure-JavaScript engine (`--solver jslp`). It has no variable
 * bounds, so bounds become constraints; it reports no duals (shadow prices are then found by
 * re-solving, see shadow-prices.ts). It runs in a worker thread, so a time limit can stop
 * it even on an LP (its own timeout applies to MIPs only).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { LinearProgram } from '../lp.js';
import { objectiveScale, type LpSolution, type SolveOptions, type SolverEngine } from './engine.js';

interface JslpBound {
  min?: number;
  max?: number;
  equal?: number;
}

interface JslpModel {
  optimize: string;
  opType: 'max';
  constraints: Record<string, JslpBound>;
  variables: Record<string, Record<string, number>>;
  ints: Record<string, 1>;
  unrestricted: Record<string, 1>;
  options: { tolerance: number; timeout?: number };
}

interface JslpResult {
  feasible: boolean;
  bounded?: boolean;
  result: number;
  [column: string]: number | boolean | undefined;
}

const OBJECTIVE = 'objective';

function bound(lower: number, upper: number): JslpBound | undefined {
  if (lower === upper) return { equal: lower };
  const out: JslpBound = {};
  if (lower > -Infinity) out.min = lower;
  if (upper < Infinity) out.max = upper;
  return out.min === undefined && out.max === undefined ? undefined : out;
}

/** The programme in javascript-lp-solver's JSON form. Rows are `r:name`, bounds `lb:`/`ub:name`. */
export function jslpModel(lp: LinearProgram, timeLimitSeconds?: number): JslpModel {
  const model: JslpModel = {
    optimize: OBJECTIVE,
    opType: 'max',
    constraints: {},
    variables: {},
    ints: {},
    unrestricted: {},
    options: { tolerance: 0, ...(timeLimitSeconds !== undefined && { timeout: timeLimitSeconds * 1000 }) },
  };
  const scale = objectiveScale(lp);
  const coefficients = lp.columns.map((column) => {
    const own: Record<string, number> = { [OBJECTIVE]: column.cost * scale };
    // Non-negative by default: a column allowed below zero is unrestricted, with its bound as a row.
    if (column.lower < 0) model.unrestricted[column.name] = 1;
    const lower = column.lower > 0 || column.lower < 0 ? column.lower : -Infinity;
    const limits = bound(lower, column.upper);
    if (limits) {
      model.constraints[`b:${column.name}`] = limits;
      own[`b:${column.name}`] = 1;
    }
    if (column.integer) model.ints[column.name] = 1;
    model.variables[column.name] = own;
    return own;
  });
  for (const row of lp.rows) {
    const limits = bound(row.lower, row.upper);
    if (!limits) continue;
    model.constraints[`r:${row.name}`] = limits;
    row.indices.forEach((j, k) => (coefficients[j]![`r:${row.name}`] = row.values[k]!));
  }
  return model;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const solver = require(workerData.solver);
parentPort.postMessage(solver.Solve(workerData.model));
`;

function solveInWorker(model: JslpModel, timeLimitSeconds: number | undefined): Promise<JslpResult | 'time_limit'> {
  const solverPath = createRequire(import.meta.url).resolve('javascript-lp-solver');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { model, solver: solverPath } });
    const timer = timeLimitSeconds === undefined ? undefined : setTimeout(() => void worker.terminate().then(() => resolve('time_limit')), timeLimitSeconds * 1000 + 250);
    worker.once('message', (result: JslpResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export const jslpEngine: SolverEngine = {
  name: 'jslp',
  async solve(lp: LinearProgram, options: SolveOptions = {}): Promise<LpSolution> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const empty = new Float64Array(lp.columns.length);
    let result: JslpResult | 'time_limit';
    try {
      result = await solveInWorker(jslpModel(lp, options.timeLimitSeconds), options.timeLimitSeconds);
    } catch (error) {
      return { status: 'failed', objective: NaN, values: empty, message: (error as Error).message, seconds: seconds() };
    }
    if (result === 'time_limit' || (options.timeLimitSeconds !== undefined && seconds() >= options.timeLimitSeconds)) {
      return { status: 'time_limit', objective: NaN, values: empty, seconds: seconds() };
    }
    // An infeasible result still carries stray values: never read them.
    if (!result.feasible) return { status: 'infeasible', objective: NaN, values: empty, seconds: seconds() };
    if (result.bounded === false || !Number.isFinite(result.result)) return { status: 'unbounded', objective: NaN, values: empty, seconds: seconds() };
    const values = Float64Array.from(lp.columns, (column) => {
      const value = result[column.name];
      return typeof value === 'number' ? value : 0;
    });
    // Recompute the objective from the values: the engine's own figure is rounded.
    let objective = 0;
    lp.columns.forEach((column, j) => (objective += column.cost * values[j]!));
    return { status: 'optimal', objective, values, seconds: seconds() };
  },
};
