/** The options `data indicators` and `init` share: which force, at what level, from which crime. */
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { parseLevel } from '../geography/lookup.js';

/** --pfa, --by, --months, --annualise, --crime and --crime-table; `only2024` marks the ones that need 2024 boundaries. */
export function addNeedsOptions(command: Command, only2024 = ''): Command {
  return command
    .requiredOption('--pfa <force>', 'police force area, by name as you write it ("Thames Valley Police", "devon & cornwall") or ONS code')
    .option('--by <level>', `${only2024}lad (districts) or csp (Community Safety Partnerships)`, 'lad')
    .option('--months <list>', `${only2024}months of crime, e.g. 2025-01..2025-04,2025-09 (default: the twelve months to the latest published)`)
    .option('--annualise', `${only2024}scale crime counts to twelve months`)
    .option('--crime <files...>', 'police.uk files or folders (default: the shipped data of that force)')
    .option('--crime-table <file>', `${only2024}the force's own recorded-crime table, CSV or XLSX by district, CSP or LSOA (column area_code, one column per count)`);
}

/** --by as a table level: districts or CSPs. */
export function needsLevel(by: string): 'lad' | 'csp' {
  const level = parseLevel(by, '--by');
  if (level !== 'lad' && level !== 'csp') throw new UserError(`--by ${by}: an indicator table is by lad (districts) or csp (Community Safety Partnerships)`);
  return level;
}
