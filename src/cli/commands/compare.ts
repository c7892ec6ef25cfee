import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { UserError, isUserError } from '../../errors.js';
import { chooseFormat } from '../../io/outputs.js';
import { comparableRun, type ComparableRun } from '../../io/runs.js';
import type { Override } from '../../model/load.js';
import { comparisonJson } from '../../results/comparison.js';
import { compareRuns } from '../../scenario/compare.js';
import { addOutputOptions, overridesFrom, publishResult, setOption } from '../shared.js';

/** Run one side of a comparison; a mistake in it names the file (and overrides) at fault. */
async function side(path: string, overrides: readonly Override[], role: string): Promise<ComparableRun> {
  try {
    return await comparableRun(path, overrides);
  } catch (error) {
    if (!isUserError(error)) throw error;
    const sets = overrides.length ? ` with ${overrides.map((o) => `--set ${o.text}`).join(' ')}` : '';
    throw new UserError([...error.problems, `(in the ${role} ${path}${sets})`]);
  }
}

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description("Compare scenarios with a base: each line's amount, its change in pounds and percent, ranks, totals and a summary")
    .argument('<base>', 'the base: a model or a scenario (YAML)')
    .argument('[scenarios...]', 'scenarios (or models) to compare with it; none: the base with the --set overrides')
    .addOption(setOption())
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare compare models/avon-and-somerset-2025-26.yaml models/avon-and-somerset-crime-weighted-up.yaml
  $ fairshare compare models/avon-and-somerset-2025-26.yaml models/avon-and-somerset-*.yaml --out comparison.csv
  $ fairshare compare models/avon-and-somerset-2025-26.yaml --set pot.total=-5%
  $ fairshare compare models/dorset-like-budget-2025-26.yaml models/dorset-like-budget-cut.yaml

Allocations compare by area, budgets by service, optimisations and needs by priority (and area).
With scenarios, --set applies to every run, the base included; with none, the base as it is
is compared with the base under the --set overrides.`,
    )
    .action(async (basePath: string, scenarioPaths: string[], options: { set: string[]; format?: string; out?: string; chart?: string; chartKind?: string }) => {
      chooseFormat(options.format, options.out);
      const overrides = overridesFrom(options);
      const whatIf = scenarioPaths.length === 0;
      if (whatIf && overrides.length === 0) throw new UserError('compare: give at least one scenario besides the base, or --set overrides to compare the base with');
      const base = await side(basePath, whatIf ? [] : overrides, 'base');
      const others: ComparableRun[] = [];
      const runs = whatIf ? [{ path: basePath, overrides, role: 'what-if' }] : scenarioPaths.filter((p) => p !== basePath).map((path) => ({ path, overrides, role: 'scenario' }));
      for (const { path, overrides: own, role } of runs) {
        const run = await side(path, own, role);
        if (run.model.kind !== base.model.kind) {
          const a = (kind: string) => `${kind === 'allocation' ? 'an' : 'a'} ${kind}`;
          throw new UserError(`${path}: this is ${a(run.model.kind)} model (or a scenario of one), but the base ${basePath} is ${a(base.model.kind)} model: compare like with like`);
        }
        if (whatIf) run.comparable.title = `${run.comparable.title} [what-if: ${overrides.map((o) => o.text).join(', ')}]`;
        others.push(run);
      }
      if (others.length === 0) throw new UserError('compare: give at least one scenario besides the base');
      const comparison = compareRuns(base.comparable, others.map((r) => r.comparable));
      await publishResult(comparisonJson(comparison, { base: base.manifest, scenarios: others.map((r) => r.manifest) }), options);
    });
  addOutputOptions(command, CHARTS.comparison);
}
