/**
 * Compare scenarios with a base, line by line (areas of an allocation, services of a budget,
 * priorities of an optimisation): each scenario's amount, its difference from the base in
 * pounds and percent, ranks and their changes, totals, and a short summary in words. Pure.
 */
import { formatPounds } from '../money/units.js';
import { formatChange } from '../report/numbers.js';

export type LineUnit = 'area' | 'service' | 'priority';

/** A run reduced to what can be compared: named lines of money. */
export interface Comparable {
  title: string;
  unit: LineUnit;
  lines: { key: string; label: string; pence: number }[];
}

export interface ScenarioLine {
  pence: number;
  changePence: number;
  /** Change as a fraction of the base; null when the base is zero. */
  change: number | null;
  rank: number;
  /** Places moved up (positive) or down (negative) against the base. */
  rankChange: number;
}

export interface ComparisonLine {
  key: string;
  label: string;
  basePence: number;
  baseRank: number;
  scenarios: ScenarioLine[];
}

export interface ScenarioSummary {
  title: string;
  totalPence: number;
  changePence: number;
  gainers: number;
  losers: number;
  unchanged: number;
  largestGain?: { key: string; label: string; changePence: number; change: number | null };
  largestLoss?: { key: string; label: string; changePence: number; change: number | null };
  /** The comparison in a sentence or two. */
  words: string;
}

export interface Comparison {
  unit: LineUnit;
  base: { title: string; totalPence: number };
  scenarios: ScenarioSummary[];
  /** Lines in the base's order; a line one run lacks counts as zero there. */
  lines: ComparisonLine[];
}

/** Ranks by amount, largest first, ties to the lower key. */
function ranks(pence: ReadonlyMap<string, number>): Map<string, number> {
  const order = [...pence.keys()].sort((a, b) => pence.get(b)! - pence.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return new Map(order.map((key, i) => [key, i + 1]));
}

const plural = (n: number, unit: LineUnit) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function words(summary: Omit<ScenarioSummary, 'words'>, base: { totalPence: number }, unit: LineUnit, count: number): string {
  const parts: string[] = [];
  parts.push(`${summary.title}: ${summary.gainers} of ${plural(count, unit)} gain${summary.gainers === 1 ? 's' : ''}, ${summary.losers} lose${summary.losers === 1 ? 's' : ''}${summary.unchanged ? `, ${summary.unchanged} unchanged` : ''}.`);
  const describe = (line: NonNullable<ScenarioSummary['largestGain']>) => `${line.label} (${line.changePence > 0 ? '+' : '-'}${formatPounds(Math.abs(line.changePence))}${line.change === null ? '' : `, ${formatChange(line.change, 1)}`})`;
  if (summary.largestGain) parts.push(`The largest gain is ${describe(summary.largestGain)}${summary.largestLoss ? `, the largest loss ${describe(summary.largestLoss)}` : ''}.`);
  else if (summary.largestLoss) parts.push(`The largest loss is ${describe(summary.largestLoss)}.`);
  if (summary.changePence === 0) parts.push(`The total is unchanged at ${formatPounds(summary.totalPence)}.`);
  else {
    const fraction = base.totalPence > 0 ? ` (${formatChange(summary.changePence / base.totalPence, 1)})` : '';
    parts.push(`The total ${summary.changePence > 0 ? 'rises' : 'falls'} by ${formatPounds(Math.abs(summary.changePence))}${fraction} to ${formatPounds(summary.totalPence)}.`);
  }
  return parts.join(' ');
}

export function compareRuns(base: Comparable, scenarios: readonly Comparable[]): Comparison {
  const keys = [...base.lines.map((l) => l.key)];
  const labels = new Map(base.lines.map((l) => [l.key, l.label]));
  for (const run of scenarios) {
    for (const line of run.lines) {
      if (!labels.has(line.key)) {
        keys.push(line.key);
        labels.set(line.key, line.label);
      }
    }
  }
  const amounts = (run: Comparable) => {
    const own = new Map(run.lines.map((l) => [l.key, l.pence]));
    return new Map(keys.map((key) => [key, own.get(key) ?? 0]));
  };
  const baseAmounts = amounts(base);
  const baseRanks = ranks(baseAmounts);
  const runs = scenarios.map((run) => {
    const own = amounts(run);
    return { run, own, ranks: ranks(own) };
  });
  const lines: ComparisonLine[] = keys.map((key) => {
    const basePence = baseAmounts.get(key)!;
    return {
      key,
      label: labels.get(key)!,
      basePence,
      baseRank: baseRanks.get(key)!,
      scenarios: runs.map(({ own, ranks: r }) => {
        const pence = own.get(key)!;
        return { pence, changePence: pence - basePence, change: basePence !== 0 ? (pence - basePence) / basePence : null, rank: r.get(key)!, rankChange: baseRanks.get(key)! - r.get(key)! };
      }),
    };
  });
  const baseTotal = [...baseAmounts.values()].reduce((a, b) => a + b, 0);
  const summaries = runs.map(({ run, own }, s): ScenarioSummary => {
    const totalPence = [...own.values()].reduce((a, b) => a + b, 0);
    const changes = lines.map((line) => ({ key: line.key, label: line.label, changePence: line.scenarios[s]!.changePence, change: line.scenarios[s]!.change }));
    const gain = changes.filter((c) => c.changePence > 0).sort((a, b) => b.changePence - a.changePence)[0];
    const loss = changes.filter((c) => c.changePence < 0).sort((a, b) => a.changePence - b.changePence)[0];
    const summary = {
      title: run.title,
      totalPence,
      changePence: totalPence - baseTotal,
      gainers: changes.filter((c) => c.changePence > 0).length,
      losers: changes.filter((c) => c.changePence < 0).length,
      unchanged: changes.filter((c) => c.changePence === 0).length,
      ...(gain && { largestGain: gain }),
      ...(loss && { largestLoss: loss }),
    };
    return { ...summary, words: words(summary, { totalPence: baseTotal }, base.unit, lines.length) };
  });
  return { unit: base.unit, base: { title: base.title, totalPence: baseTotal }, scenarios: summaries, lines };
}
