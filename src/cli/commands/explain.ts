import type { Command } from 'commander';
import { basename } from 'node:path';
import { CHARTS } from '../../charts/index.js';
import { UserError } from '../../errors.js';
import { findArea } from '../../formula/find-area.js';
import { decodeUtf8, readBytes } from '../../io/files.js';
import { KINDS } from '../../io/kinds.js';
import { loadAllocation, runAllocation } from '../../io/load-allocation.js';
import { runSettlement } from '../../io/load-settlement.js';
import { chooseFormat } from '../../io/outputs.js';
import { resolveScenario, type ResolvedModel } from '../../io/scenario.js';
import type { AllocationJson } from '../../results/allocation.js';
import { changeBetween, runSpec, settlementChange, type ChangeJson } from '../../results/change.js';
import { readResult } from '../../results/index.js';
import type { SettlementJson } from '../../results/settlement.js';
import { visibleLines } from '../../report/visible.js';
import { workedExample } from '../../report/worked-example.js';
import { addOutputOptions, emitText, inScenario, overridesFrom, publishResult, resolvedModel, setOption } from '../shared.js';

interface ExplainOptions {
  set: string[];
  change?: string | true;
  format?: string;
  out?: string;
  chart?: string;
  chartKind?: string;
}

/** A run to take a receipt against: a saved allocation result, or a model or scenario (run now). */
async function fromRun(path: string, options: ExplainOptions): Promise<AllocationJson> {
  if (/\.json$/i.test(path)) {
    const saved = readResult(decodeUtf8(readBytes(path, 'saved result'), path), path);
    if (saved.result !== 'allocation') throw new UserError(`${path}: a ${saved.result} result; a change receipt is taken against an allocation (write one with allocate --format json)`);
    runSpec(saved, path); // it must recompute what it records: an edited file is refused here, by name
    return saved;
  }
  const model = resolvedModel(path, options);
  if (model.kind !== 'allocation') throw new UserError(`${path}: ${model.kind === 'settlement' ? 'a settlement' : `a ${model.kind} file`}; a change receipt is taken against an allocation model, a scenario of one, or a saved allocation result`);
  return inScenario(model, async () => (await KINDS.allocation.run!(model, {})) as AllocationJson);
}

async function receipt(modelPath: string, query: string | undefined, options: ExplainOptions): Promise<void> {
  chooseFormat(options.format, options.out);
  const model = resolvedModel(modelPath, options);
  let json: ChangeJson;
  if (model.kind === 'settlement' && options.change === true) {
    json = settlementChange((await inScenario(model, () => KINDS.settlement.run!(model, {}))) as SettlementJson);
  } else {
    if (model.kind === 'settlement') throw new UserError(`${modelPath}: a settlement's receipts are year on year: give --change alone, after the area if there is one (explain SETTLEMENT AREA --change); '${options.change}' was read as the run to compare with`);
    if (model.kind !== 'allocation') throw new UserError(`${modelPath}: a ${model.kind} file has no allocation to explain`);
    const to = (await inScenario(model, () => KINDS.allocation.run!(model, {}))) as AllocationJson;
    let from: AllocationJson;
    let fromName: string;
    if (options.change === true) {
      // A scenario with no FROM is compared with its base (the command line's --set still applies).
      if (model.scenarios.length === 0) throw new UserError(`--change: give the run to compare with (a model, a scenario or a saved result); only a scenario or a settlement has one of its own`);
      const base: ResolvedModel = resolveScenario(model.modelPath, overridesFrom(options));
      from = (await KINDS.allocation.run!(base, {})) as AllocationJson;
      fromName = from.title;
    } else {
      from = await fromRun(options.change!, options);
      fromName = from.title;
    }
    // Two runs of one title (a model against its own saved result) are told apart by their files.
    const toName = fromName === to.title ? basename(modelPath) : to.title;
    if (fromName === to.title) fromName = options.change === true ? `${fromName} (base)` : basename(options.change!);
    json = changeBetween(from, to, { from: fromName, to: toName });
  }
  if (query !== undefined) {
    // A settlement's receipts are keyed year|area: find the area among the areas themselves.
    const underlying = (a: ChangeJson['areas'][number]) => ({ key: json.years ? a.key.slice(a.key.indexOf('|') + 1) : a.key, label: json.years ? a.label.slice(0, a.label.lastIndexOf(', ')) : a.label });
    const areas = [...new Map(json.areas.map((a) => [underlying(a).key, underlying(a)])).values()];
    const found = findArea({ areas }, query);
    json = { ...json, areas: json.areas.filter((a) => underlying(a).key === found.key) };
  }
  await publishResult(json, options);
}

export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .description('The worked example for one area, each step with its number (a settlement: year by year); or, with --change, why each allocation changed')
    .argument('<model>', 'model file, settlement or scenario (YAML)')
    .argument('[area]', 'area key (e.g. E06000022) or name (e.g. "Bath and North East Somerset"); with --change, optional')
    .addOption(setOption())
    .option('--change [from]', 'split each area\'s change since FROM (a model, a scenario, or a saved --format json allocation) into its causes; a scenario alone is compared with its base, a settlement year on year')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare explain models/avon-and-somerset-2025-26.yaml E06000022
  $ fairshare explain models/avon-and-somerset-2025-26.yaml "North Somerset"
  $ fairshare explain models/avon-and-somerset-settlement-2026-29.yaml Bristol
  $ fairshare explain models/avon-and-somerset-cut-and-crime-up.yaml --change            # a scenario against its base
  $ fairshare explain models/avon-and-somerset-2025-26.yaml --change last-year.json Bristol --chart bristol.svg
  $ fairshare explain models/avon-and-somerset-settlement-2026-29.yaml --change --out receipts.csv

A change receipt splits each area's change into the pot and its top-slices, each indicator's
data, the weights, the minimum, the damping rule and rounding, by Shapley value (every order
of switching the factors counted equally), in whole pence that add up to the change.`,
    )
    .action(async (modelPath: string, query: string | undefined, options: ExplainOptions) => {
      if (options.change !== undefined) return receipt(modelPath, query, options);
      if (query === undefined) throw new UserError('explain: name the area to explain (its key or name), or give --change to see why the allocations changed');
      if (options.format !== undefined || options.chart !== undefined) throw new UserError('--format and --chart go with --change; a worked example is text (--out FILE.txt)');
      if (options.out !== undefined && !/\.txt$/i.test(options.out)) throw new UserError(`--out ${options.out}: a worked example is text; name it .txt`);
      const model = resolvedModel(modelPath, options);
      const lines = await inScenario(model, async () => {
        if (model.kind === 'settlement') {
          const { result } = await runSettlement(model.modelPath, model.overrides);
          return result.years.flatMap((y, k) => [
            ...(k > 0 ? [''] : []),
            `${y.label}${y.indicative ? ' (indicative)' : ' (firm)'}, year ${k + 1} of ${result.years.length} of ${result.title}`,
            '',
            ...workedExample(y.result, findArea(y.result, query)),
          ]);
        }
        if (model.kind !== 'allocation') throw new UserError(`${modelPath}: a worked example is of an allocation or a settlement; this is ${model.kind === 'optimisation' ? 'an' : 'a'} ${model.kind} file`);
        const result = runAllocation(await loadAllocation(model.modelPath, model.overrides));
        return workedExample(result, findArea(result, query));
      });
      emitText(visibleLines(`${lines.join('\n')}\n`), options.out, 'worked example');
    });
  addOutputOptions(command, CHARTS.change);
}
