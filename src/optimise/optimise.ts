/**
 * Solve an optimisation model and explain the result: the one entry point the CLI and the
 * library use. A model that cannot be satisfied names the constraints that conflict (an
 * IIS from HiGHS, whichever engine solved); an unbounded one names the spending without a
 * limit; a solver that stops early or fails never yields a result.
 */
import { ModelProblems, RuntimeFailure, type KeyPath } from '../errors.js';
import { formatPounds, poundsToPence } from '../money/units.js';
import { buildProgramme, type ColumnRole, type Programme } from './build.js';
import { engine as engineNamed, type EngineName } from './engines/index.js';
import { findConflict, unboundedColumns } from './engines/highs.js';
import { largestBreach, violations } from './lp.js';
import type { Prepared } from './prepare.js';
import { interpret, type OptimisationResult } from './result.js';
import { shadowPrices } from './shadow-prices.js';
import { explainDecisions } from './decisions.js';

export interface OptimiseOptions {
  engine?: EngineName;
  timeLimitSeconds?: number;
  /** Work out the price of each binding constraint (default true). */
  shadowPrices?: boolean;
  /** Say why each left-out grant application was not funded, solving again with it funded (default true). */
  explainDecisions?: boolean;
}

/** Every solution is checked against every constraint, apart from the solver, to this tolerance. */
export const FEASIBILITY_TOLERANCE = 1e-6;

function describeColumn(programme: Programme, role: ColumnRole, bound: 'lower' | 'upper' | 'both'): { path: KeyPath; message: string } | undefined {
  const { prepared } = programme;
  // Spending is never negative: that bound goes without saying. Spending has no other bound.
  if (role.kind === 'spend' || role.kind === 'total') return undefined;
  if (role.kind === 'segment') {
    const option = prepared.options[role.option]!;
    const end = option.segments[role.segment]!.up_to;
    if (bound === 'lower' || end === undefined) return undefined;
    return { path: [...option.keyPath, 'segments', role.segment, 'up_to'], message: `${option.name}'s outcome curve ends at ${formatPounds(poundsToPence(end))}: no spending beyond it` };
  }
  const round = prepared.rounds[role.round]!;
  const application = round.applications[role.application]!;
  return { path: round.keyPath, message: `application ${application.id} is funded ${round.partial ? `with at most ${formatPounds(poundsToPence(application.most))}` : 'whole or not at all'}` };
}

export async function optimisePrepared(prepared: Prepared, options: OptimiseOptions = {}): Promise<OptimisationResult> {
  return optimiseProgramme(buildProgramme(prepared), options);
}

export async function optimiseProgramme(programme: Programme, options: OptimiseOptions = {}): Promise<OptimisationResult> {
  const engine = engineNamed(options.engine ?? 'highs');
  const limit = { ...(options.timeLimitSeconds !== undefined && { timeLimitSeconds: options.timeLimitSeconds }) };
  const solution = await engine.solve(programme.lp, limit);

  if (solution.status === 'infeasible') {
    const conflict = await findConflict(programme.lp);
    const rows = conflict.rows.map((i) => ({ path: programme.rows[i]!.keyPath, message: programme.rows[i]!.text }));
    const bounds = conflict.columns.flatMap(({ index, bound }) => describeColumn(programme, programme.columns[index]!, bound) ?? []);
    const found = [...rows, ...bounds];
    throw new ModelProblems([
      {
        path: [],
        message:
          found.length > 0
            ? `no allocation meets every constraint; these ${found.length} cannot all hold together:`
            : 'no allocation meets every constraint, though the model without whole-or-nothing grant decisions can: the grant rounds cannot meet the minimums with whole awards',
      },
      ...found,
    ]);
  }
  if (solution.status === 'unbounded') {
    const columns = await unboundedColumns(programme.lp);
    const named = [...new Set(columns.map((j) => programme.columns[j]!).filter((role) => role.kind === 'spend' || role.kind === 'segment').map((role) => (role as { option: number }).option))];
    throw new ModelProblems(
      named.length > 0
        ? named.map((o) => ({ path: programme.prepared.options[o]!.keyPath, message: `spending on ${programme.prepared.options[o]!.name} can grow without limit: give it a max, or end its last segment (up_to)` }))
        : [{ path: [], message: 'the outcome can grow without limit: some spending has no cap' }],
    );
  }
  if (solution.status === 'time_limit') {
    throw new RuntimeFailure(`${engine.name} stopped at the time limit of ${options.timeLimitSeconds} s before proving an optimum; nothing is reported (allow more time with --time-limit)`);
  }
  if (solution.status !== 'optimal') throw new RuntimeFailure(`the ${engine.name} solver failed: ${solution.message ?? 'no reason given'}; nothing is reported`);

  const broken = violations(programme.lp, solution.values, FEASIBILITY_TOLERANCE);
  if (broken.length > 0) {
    throw new RuntimeFailure(`the ${engine.name} solver's answer breaks ${broken.length} constraint(s) (first: ${broken[0]!.name}); nothing is reported`);
  }
  const priced = options.shadowPrices ?? true;
  // Each pricing solve gets the same time limit; a price not found in time is said to be so.
  const binding = priced ? await shadowPrices(programme, solution, engine, limit) : [];
  const decisions = options.explainDecisions === false ? new Map<string, string>() : await explainDecisions(programme, solution, engine, limit);
  return interpret(programme, solution.values, {
    decisions,
    engine: engine.name,
    seconds: solution.seconds,
    objective: solution.objective,
    binding,
    priced,
    worstViolation: largestBreach(programme.lp, solution.values),
  });
}
