/**
 * HiGHS (in WebAssembly, the `highs` package) through its array API: the default engine. Also
 * the source of the diagnostics only it gives: an irreducible infeasible subsystem (IIS), the
 * primal ray of an unbounded model, and the CPLEX LP text of a model.
 */
import highsModule, { type Highs, type Model as HighsModel, type ModelData } from 'highs';
import { isMip, type LinearProgram } from '../lp.js';
import { lpFormat } from '../lp-text.js';
import { objectiveScale, type LpSolution, type LpStatus, type SolveOptions, type SolverEngine } from './engine.js';

// The package's types describe its CommonJS build; under ESM the default export is the loader itself.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
let runtime: Promise<Highs> | undefined;
const highsRuntime = (): Promise<Highs> => (runtime ??= loadHighs());

/** HiGHS's form of a programme; `exact` keeps the objective unscaled (for an export). */
function modelData(highs: Highs, lp: LinearProgram, relax = false, exact = false): ModelData {
  const bound = (value: number) => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of lp.rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const mip = !relax && isMip(lp);
  const scale = exact ? 1 : objectiveScale(lp);
  return {
    numCols: lp.columns.length,
    numRows: lp.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: lp.columns.map((c) => c.cost * scale),
    colLower: lp.columns.map((c) => bound(c.lower)),
    colUpper: lp.columns.map((c) => bound(c.upper)),
    rowLower: lp.rows.map((r) => bound(r.lower)),
    rowUpper: lp.rows.map((r) => bound(r.upper)),
    matrix: { format: 'csr', numRows: lp.rows.length, numCols: lp.columns.length, starts, indices, values },
    ...(mip && { integrality: lp.columns.map((c) => (c.integer ? highs.constants.variableType.integer : highs.constants.variableType.continuous)) }),
    colNames: lp.columns.map((c) => c.name),
    rowNames: lp.rows.map((r) => r.name),
  };
}

/** Run an operation on a fresh HiGHS model, always disposing it (Wasm memory is not collected). */
async function withModel<T>(lp: LinearProgram, options: Record<string, unknown>, operation: (model: HighsModel, highs: Highs) => T, relax = false, exact = false): Promise<T> {
  const highs = await highsRuntime();
  const model = highs.createModel(modelData(highs, lp, relax, exact));
  try {
    model.options.set({ output_flag: false, ...options });
    return operation(model, highs);
  } catch (error) {
    // A fault inside the WebAssembly module can leave it unusable: load a fresh one next time.
    runtime = undefined;
    throw error;
  } finally {
    if (!model.disposed) model.dispose();
  }
}

export const highsEngine: SolverEngine = {
  name: 'highs',
  async solve(lp: LinearProgram, options: SolveOptions = {}): Promise<LpSolution> {
    const started = performance.now();
    const settings = {
      // Prove MIP optima exactly, so both engines can be held to the same optimum.
      mip_rel_gap: 0,
      mip_abs_gap: 1e-9,
      // Keep tiny coefficients (a share rule of 0.1%) and hold rows tightly: every answer is
      // checked apart from the solver to 1e-6, and HiGHS's defaults (1e-9, 1e-7) can miss it.
      small_matrix_value: 1e-12,
      primal_feasibility_tolerance: 1e-9,
      ...(options.timeLimitSeconds !== undefined && { time_limit: options.timeLimitSeconds }),
    };
    try {
      return await withModel(lp, settings, (model, highs) => {
        model.run();
        const codes = highs.constants.modelStatus;
        const code = model.getModelStatus();
        const status: LpStatus =
          code === codes.optimal || code === codes.empty
            ? 'optimal'
            : code === codes.infeasible
              ? 'infeasible'
              : code === codes.unbounded || code === codes.unboundedOrInfeasible
                ? 'unbounded'
                : code === codes.timeLimit
                  ? 'time_limit'
                  : 'failed';
        const solution = model.getSolution();
        const optimal = status === 'optimal';
        const scale = objectiveScale(lp);
        return {
          status,
          objective: optimal ? model.getObjectiveValue() / scale : NaN,
          values: optimal ? Float64Array.from(solution.colValue) : new Float64Array(lp.columns.length),
          ...(optimal && !isMip(lp) && { rowDuals: Float64Array.from(solution.rowDual, (dual) => dual / scale) }),
          ...(status === 'failed' && { message: `HiGHS ended with model status ${code}` }),
          seconds: (performance.now() - started) / 1000,
        };
      });
    } catch (error) {
      return { status: 'failed', objective: NaN, values: new Float64Array(lp.columns.length), message: (error as Error).message, seconds: (performance.now() - started) / 1000 };
    }
  },
};

export interface Conflict {
  rows: number[];
  /** Columns whose (finite) bounds take part, with the bound that does. */
  columns: { index: number; bound: 'lower' | 'upper' | 'both' }[];
}

/** An irreducible infeasible subsystem: rows and bounds that cannot all hold together. */
export async function findConflict(lp: LinearProgram): Promise<Conflict> {
  // From an elastic LP, refined to an irreducible set; for a MIP, an IIS of its relaxation.
  const strategy = 2 | 4 | (isMip(lp) ? 16 : 0);
  return withModel(lp, { iis_strategy: strategy }, (model, highs) => {
    model.run();
    const iis = model.getIis();
    const codes = highs.constants.iis;
    const side = (code: number) => (code === codes.boundLower ? 'lower' : code === codes.boundUpper ? 'upper' : code === codes.boundBoxed ? 'both' : undefined);
    return {
      rows: Array.from(iis.rowIndex),
      columns: Array.from(iis.colIndex).flatMap((index, k) => {
        const bound = side(iis.colBound[k]!);
        return bound ? [{ index, bound }] : [];
      }),
    };
  });
}

/** The columns of an unbounded model's primal ray: the spending that can grow without limit. */
export async function unboundedColumns(lp: LinearProgram): Promise<number[]> {
  return withModel(
    lp,
    {},
    (model) => {
      model.run();
      const ray = model.getPrimalRay();
      if (!ray) return [];
      const out: number[] = [];
      ray.values.forEach((value, j) => Math.abs(value) > 1e-9 && out.push(j));
      return out;
    },
    true,
  );
}

/** The model in CPLEX LP format, with section names every solver reads (see lp-text.ts). */
export async function lpText(lp: LinearProgram): Promise<string> {
  return lpFormat(lp);
}

/** Solve CPLEX LP text with HiGHS's own reader: how an auditor would re-solve an export. */
export async function solveLpText(text: string): Promise<{ status: string; objective: number }> {
  const highs = await highsRuntime();
  const result = highs.solve(text, { output_flag: false, mip_rel_gap: 0 } as Parameters<Highs['solve']>[1]);
  return { status: result.Status, objective: result.ObjectiveValue };
}
