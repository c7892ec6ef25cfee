/** Outputs of `fairshare compare`: a readable table, CSV in pounds, JSON in pence. */
import { formatPounds, penceToDecimalPounds } from '../money/units.js';
import type { Comparison } from '../scenario/compare.js';
import { toCsv, type CsvCell } from './csv.js';
import { formatChange } from './numbers.js';
import { layoutTable } from './table.js';

const signed = (pence: number) => (pence === 0 ? '£0' : `${pence > 0 ? '+' : '-'}${formatPounds(Math.abs(pence))}`);
const places = (moved: number) => (moved === 0 ? '=' : moved > 0 ? `up ${moved}` : `down ${-moved}`);
const UNIT_HEADINGS = { area: 'Area', service: 'Service', priority: 'Priority' } as const;

export function formatComparisonTable(comparison: Comparison): string {
  const out: string[] = [`Base: ${comparison.base.title} (${formatPounds(comparison.base.totalPence)})`];
  comparison.scenarios.forEach((scenario, s) => {
    out.push('', `Scenario: ${scenario.title}`);
    const rows = comparison.lines.map((line) => {
      const own = line.scenarios[s]!;
      return [line.label, formatPounds(line.basePence), formatPounds(own.pence), signed(own.changePence), own.change === null ? 'n/a' : formatChange(own.change), `${line.baseRank} -> ${own.rank} (${places(own.rankChange)})`];
    });
    rows.push(['Total', formatPounds(comparison.base.totalPence), formatPounds(scenario.totalPence), signed(scenario.changePence), comparison.base.totalPence ? formatChange(scenario.changePence / comparison.base.totalPence) : 'n/a', '']);
    out.push(...layoutTable([[UNIT_HEADINGS[comparison.unit], 'Base', 'Scenario', 'Change', 'Change %', 'Rank'], ...rows], ['left', 'right', 'right', 'right', 'right', 'left']));
  });
  out.push('', 'In short');
  for (const scenario of comparison.scenarios) out.push(`- ${scenario.words}`);
  return `${out.join('\n')}\n`;
}

/** One row per line and scenario: long form, ready for a pivot table. */
export function formatComparisonCsv(comparison: Comparison): string {
  const rows: CsvCell[][] = comparison.scenarios.flatMap((scenario, s) =>
    comparison.lines.map((line): CsvCell[] => {
      const own = line.scenarios[s]!;
      return [scenario.title, line.key, line.label, penceToDecimalPounds(line.basePence), penceToDecimalPounds(own.pence), penceToDecimalPounds(own.changePence), own.change === null ? null : +(own.change * 100).toFixed(6), line.baseRank, own.rank, own.rankChange];
    }),
  );
  return toCsv(['scenario', `${comparison.unit}_key`, `${comparison.unit}_name`, 'base_gbp', 'scenario_gbp', 'change_gbp', 'change_percent', 'base_rank', 'scenario_rank', 'rank_change'], rows);
}

export function comparisonJson(comparison: Comparison, manifests: { base: unknown; scenarios: unknown[] }): unknown {
  return {
    result: 'comparison',
    unit: comparison.unit,
    base: { title: comparison.base.title, total_pence: comparison.base.totalPence },
    scenarios: comparison.scenarios.map((s) => ({
      title: s.title,
      total_pence: s.totalPence,
      change_pence: s.changePence,
      gainers: s.gainers,
      losers: s.losers,
      unchanged: s.unchanged,
      ...(s.largestGain && { largest_gain: { key: s.largestGain.key, label: s.largestGain.label, change_pence: s.largestGain.changePence, change: s.largestGain.change } }),
      ...(s.largestLoss && { largest_loss: { key: s.largestLoss.key, label: s.largestLoss.label, change_pence: s.largestLoss.changePence, change: s.largestLoss.change } }),
      summary: s.words,
    })),
    lines: comparison.lines.map((line) => ({
      key: line.key,
      label: line.label,
      base_pence: line.basePence,
      base_rank: line.baseRank,
      scenarios: line.scenarios.map((own) => ({ pence: own.pence, change_pence: own.changePence, change: own.change, rank: own.rank, rank_change: own.rankChange })),
    })),
    manifests,
  };
}
