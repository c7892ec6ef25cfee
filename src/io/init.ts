/**
 * `fairshare init`: a working first model for any force: its indicator table from open data,
 * a model with documented default weights that validates and allocates as written, the JSON
 * Schema editors use to check it, and a README of what to review before it goes in a budget
 * paper. The folder is written whole or not at all, and never over existing files.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { policeUkSlug } from '../geography/forces.js';
import { financialYear } from '../model/financial-year.js';
import { isWholePence, MAX_POUNDS } from '../money/units.js';
import { UserError } from '../errors.js';
import { toCsv } from '../report/write/csv.js';
import { buildIndicators2024, type Indicators2024Options } from './indicators-2024.js';
import type { IndicatorTable } from './indicators.js';
import { KINDS } from './kinds.js';

export interface InitOptions extends Indicators2024Options {
  /** The folder to create; default the force's police.uk name beside the working folder. */
  out?: string;
  /** The pot, in pounds (illustrative unless the user gives it). */
  pot?: number;
  /** Financial year starting, e.g. 2026 for 2026/27; default the year after the latest crime month's. */
  year?: number;
}

export interface InitResult {
  dir: string;
  files: string[];
  table: IndicatorTable;
}

/** The default weights, and why: a starting point for the review the README asks for. */
const WEIGHTS = { population: 0.4, crime: 0.4, deprivation: 0.2 } as const;
const ILLUSTRATIVE_POT = 1_000_000;

/** The financial year a table's crime months inform: the one after the year of the latest month. */
function nextFinancialYear(report: readonly string[]): number | undefined {
  const months = [...report.join(' ').matchAll(/\b(20\d\d)-(0[1-9]|1[0-2])\b/g)].map((m) => `${m[1]}-${m[2]}`).sort();
  const latest = months.at(-1);
  if (!latest) return undefined;
  const year = Number(latest.slice(0, 4));
  const month = Number(latest.slice(5, 7));
  return (month >= 4 ? year : year - 1) + 1;
}

function modelYaml(table: IndicatorTable, options: InitOptions, year: number, pot: number): string {
  const by = options.level === 'lad' ? 'district' : 'Community Safety Partnership';
  const wales = table.header.includes('wimd2019_score');
  const score = wales ? 'wimd2019_score' : 'imd2025_score';
  const index = wales ? 'Welsh Index of Multiple Deprivation 2019 (mean LSOA score)' : 'English Indices of Deprivation 2025 (district average score, File 10)';
  const crimeSource = table.report.find((line) => line.startsWith('crime: ')) ?? 'crime: police.uk';
  const q = (text: string) => JSON.stringify(text);
  return `# yaml-language-server: $schema=./fairshare-model.schema.json
#
# A first model for ${table.force}, made by \`fairshare init\`. It validates and allocates as
# written; before it goes in a budget paper, review what README.md lists: the pot (here
# ${pot === ILLUSTRATIVE_POT && options.pot === undefined ? 'an ILLUSTRATIVE £1,000,000' : `£${pot.toLocaleString('en-GB')}`}), the weights, the crime months, and whether to damp against last year.
fairshare: 1
title: ${q(`Community safety allocation ${financialYear(year)}: ${table.force} by ${by} (draft)`)}
period: ${q(financialYear(year))}
description: >
  Shares the pot between the ${table.rows.length} ${by === 'district' ? 'districts' : 'CSPs'} of ${table.force} by
  population (${WEIGHTS.population * 100}%), recorded crime (${WEIGHTS.crime * 100}%) and deprivation (${WEIGHTS.deprivation * 100}%, the area's
  deprivation score times its population, so that an intensity becomes a count). These are
  fairshare's default weights, a common starting point, not a recommendation.

data:
  file: indicators.csv
  key: area_code
  label: area_name

pot:
  total: ${pot}
  # top_slices:
  #   - { name: PCC-retained commissioning, share: 0.10 }

indicators:
  population:
    column: population
    weight: ${WEIGHTS.population}
    unit: people
    source: ${q(table.report.find((line) => line.startsWith('population: '))?.replace(/^population: /, '').replace(/;.*$/, '') ?? 'ONS mid-2024 estimates')}
  crime:
    column: recorded_crime
    weight: ${WEIGHTS.crime}
    unit: crimes
    source: ${q(crimeSource.replace(/^crime: /, '').replace(/ \(datasets\/[^)]*\)/, ''))}
  # anti_social_behaviour:
  #   column: anti_social_behaviour
  #   weight: 0.1
  #   unit: incidents
  deprivation:
    column: ${score}
    scale_by: population
    weight: ${WEIGHTS.deprivation}
    unit: score x people
    source: ${q(index)}

# Damping against last year: add last year's allocation as a column of indicators.csv
# (in pounds) and uncomment, e.g. no area to lose more than 5%:
# damping:
#   prior: prior_2025_26
#   method: floor_scale
#   floor: -0.05

rounding: pound
`;
}

function readme(table: IndicatorTable, options: InitOptions, year: number, pot: number): string {
  const lines = [
    `# ${table.force}: needs assessment and allocation model (${financialYear(year)}, draft)`,
    '',
    `Made by \`fairshare init --pfa ${JSON.stringify(options.pfa)}${options.level === 'csp' ? ' --by csp' : ''}\` from open data shipped with fairshare.`,
    '',
    '- `indicators.csv`: the needs assessment, one row per ' + (options.level === 'lad' ? 'district' : 'Community Safety Partnership') + ' on 2024 boundaries.',
    '- `model.yaml`: the funding formula. `fairshare validate model.yaml`, then `fairshare allocate model.yaml`.',
    '- `fairshare-model.schema.json`: the model format, for editors that check YAML as you type.',
    '',
    '## Review before use',
    '',
    `1. **The pot**: ${options.pot === undefined ? `£${pot.toLocaleString('en-GB')} is ILLUSTRATIVE; set \`pot.total\` to the sum you are sharing, and any top-slices.` : `£${pot.toLocaleString('en-GB')} as given.`}`,
    `2. **The weights**: population ${WEIGHTS.population}, recorded crime ${WEIGHTS.crime}, deprivation ${WEIGHTS.deprivation} are fairshare's defaults. Test others with \`fairshare sensitivity model.yaml\` and \`fairshare allocate model.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.5\`.`,
    '3. **The crime months**: see the sources below; the counts cover the months listed, not always a full year.',
    "4. **Damping**: with last year's allocations as a column, uncomment the `damping` block so no area's change is a shock.",
    '5. **Explain it**: `fairshare explain model.yaml "AREA"` gives the worked example for any area; `fairshare report model.yaml --out report.html` the budget-paper report.',
    '',
    '## Sources and what was left out',
    '',
    ...table.report.map((line) => `- ${line}`),
    ...(table.warnings.length > 0 ? ['', '## Warnings', '', ...table.warnings.map((line) => `- ${line}`)] : []),
    '',
    '## Licence',
    '',
    'Contains public sector information licensed under the Open Government Licence v3.0: Office for National Statistics (mid-2024 population estimates, geography lookups), ' +
      (table.header.includes('wimd2019_score') ? 'Welsh Government (Welsh Index of Multiple Deprivation 2019)' : 'Ministry of Housing, Communities and Local Government (English Indices of Deprivation 2025)') +
      ', data.police.uk (street-level crime).',
    '',
  ];
  return lines.join('\n');
}

/** Create `dir` with `files` in one step: written into a hidden sibling, then renamed into place. */
function writeFolder(dir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UserError(`${dir}: exists and is not a folder; fairshare init writes a new folder`);
    if (readdirSync(target).length > 0) throw new UserError(`${dir}: the folder exists and is not empty; fairshare init never writes over files (choose another --out)`);
  }
  if (!existsSync(dirname(target))) throw new UserError(`${dir}: its parent folder does not exist`);
  const temp = join(dirname(target), `.${basename(target)}.init-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(temp);
    for (const [name, content] of files) writeFileSync(join(temp, name), content, { flag: 'wx' });
    if (existsSync(target)) rmdirSync(target);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') throw new UserError(`${dir}: cannot write the folder (${e.code})`);
    throw error;
  }
}

export async function initModel(options: InitOptions): Promise<InitResult> {
  if (options.pot !== undefined && !(Number.isFinite(options.pot) && options.pot > 0 && options.pot <= MAX_POUNDS && isWholePence(options.pot))) {
    throw new UserError(`--pot ${options.pot}: expected an amount in pounds above 0, at most 2 decimal places`);
  }
  const table = await buildIndicators2024(options);
  const year = options.year ?? nextFinancialYear(table.report) ?? 2026;
  const pot = options.pot ?? ILLUSTRATIVE_POT;
  const dir = options.out ?? policeUkSlug(table.force);
  const files = new Map<string, string>([
    ['indicators.csv', toCsv(table.header, table.rows)],
    ['model.yaml', modelYaml(table, options, year, pot)],
    ['fairshare-model.schema.json', `${JSON.stringify(KINDS.allocation.jsonSchema(), null, 2)}\n`],
    ['README.md', readme(table, options, year, pot)],
  ]);
  writeFolder(dir, files);
  return { dir, files: [...files.keys()], table };
}
