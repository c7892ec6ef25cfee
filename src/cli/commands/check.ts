import type { Command } from 'commander';
import { checkAgainst, type PublishedRow } from '../../check/check.js';
import { namedRows, parseNumberCell } from '../../data/table.js';
import { UserError } from '../../errors.js';
import { readBytes, sha256 } from '../../io/files.js';
import { KINDS } from '../../io/kinds.js';
import { manifestPath } from '../../io/manifest.js';
import { chooseFormat } from '../../io/outputs.js';
import { tableRecords } from '../../io/xlsx.js';
import { isWholePence, MAX_POUNDS } from '../../money/units.js';
import type { AllocationJson } from '../../results/allocation.js';
import { checkJson } from '../../results/check.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

interface CheckOptions {
  set: string[];
  against: string;
  key: string;
  amount: string;
  tolerance: string;
  sheet?: string;
  headerRow?: string;
  format?: string;
  out?: string;
}

/** A published amount: pounds, with or without a £ sign and thousands separators. */
function pounds(cell: string): number | undefined {
  const text = cell.trim().replace(/^£/, '').replace(/^(-)£/, '$1');
  const value = parseNumberCell(text);
  return value !== undefined && Number.isFinite(value) && Math.abs(value) <= MAX_POUNDS && isWholePence(value) ? value : undefined;
}

export function registerCheck(program: Command): void {
  const command = program
    .command('check')
    .description('Check a model against a published table: each area\'s published and computed figure, the difference, and whether the publication adds up')
    .argument('<model>', 'allocation model or scenario (YAML)')
    .addOption(setOption())
    .requiredOption('--against <file>', 'the published table (CSV or .xlsx)')
    .requiredOption('--key <column>', 'its column of area keys (the model\'s data.key values)')
    .requiredOption('--amount <column>', 'its column of published allocations, in pounds')
    .option('--tolerance <pounds>', 'how far a published figure may be from the computed one and still agree', '0')
    .option('--sheet <name>', 'with an .xlsx table: the sheet')
    .option('--header-row <n>', 'with an .xlsx table: the row of column names')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare check models/avon-and-somerset-2025-26.yaml --against published.csv --key area_code --amount allocation
  $ fairshare check models/avon-and-somerset-2025-26.yaml --against paper.xlsx --sheet Table2 --header-row 3 --key Code --amount 2025/26 --tolerance 1

Exit status 0 when every area is within the tolerance, 2 when any is not (the table shows
which, and by how much). Published tables often do not add up to their pot: the check says
by how much, and in which areas the difference lies.`,
    )
    .action(async (modelPath: string, options: CheckOptions) => {
      chooseFormat(options.format, options.out);
      const tolerance = Number(options.tolerance);
      if (!(tolerance >= 0) || !isWholePence(tolerance)) throw new UserError(`--tolerance ${options.tolerance}: expected an amount in pounds of zero or more, such as 1 or 0.50`);
      const headerRow = options.headerRow === undefined ? undefined : Number(options.headerRow);
      if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1)) throw new UserError(`--header-row ${options.headerRow}: expected a row number, 1 or more`);
      const model = resolvedModel(modelPath, options);
      if (model.kind !== 'allocation') throw new UserError(`${modelPath}: a ${model.kind} file; check takes an allocation model or a scenario of one`);
      const json = (await inScenario(model, () => KINDS.allocation.run!(model, {}))) as AllocationJson;
      const bytes = readBytes(options.against, 'published table');
      const records = await tableRecords(options.against, options.against, 'published table', { ...(options.sheet !== undefined && { sheet: options.sheet }), ...(headerRow !== undefined && { headerRow }) }, bytes);
      const rows = namedRows(records, options.against, [
        { column: options.key, role: '--key' },
        { column: options.amount, role: '--amount' },
      ]);
      const problems: string[] = [];
      const published: PublishedRow[] = rows.flatMap(({ cells, where }) => {
        const [key, amount] = cells as [string, string];
        if (key === '' && amount === '') return []; // a blank line or a note under the table
        const value = pounds(amount);
        if (key === '') problems.push(`${where}: column '${options.key}': the area key is empty`);
        if (value === undefined) problems.push(`${where}: column '${options.amount}': expected an amount in pounds (at most 2 decimals), got ${JSON.stringify(amount)}`);
        return key !== '' && value !== undefined ? [{ key, pence: Math.round(value * 100), where }] : [];
      });
      if (problems.length > 0) throw new UserError(problems.slice(0, 20));
      const result = checkAgainst(
        json.areas.map((a) => ({ key: a.key, label: a.label, allocationPence: a.allocation_pence })),
        published,
        { title: json.title, tolerancePence: Math.round(tolerance * 100), potPence: json.pot.distributable_pence, file: options.against },
      );
      // Named as the manifest names the data (relative to the model file) and by digest, so the
      // result is the same from any folder.
      const publishedFile = { path: manifestPath(model.modelPath, options.against), sha256: sha256(bytes) };
      await publishResult(checkJson(result, publishedFile, json.manifest ?? {}), options);
      const outside = result.areas.filter((a) => !a.within).length;
      if (outside > 0) {
        process.stderr.write(`fairshare: ${outside} of ${result.areas.length} areas differ from ${options.against} by more than the tolerance\n`);
        process.exitCode = 2;
      }
    });
  addOutputOptions(command);
}
