/**
 * Payment schedules: how a year's award is paid, in stages by financial-year quarter (for
 * example 80% on award and 20% on the final report, or quarterly in arrears), and the cash
 * flow they make by quarter and fund. Stage amounts are whole pence by largest remainder,
 * so every schedule sums to its award exactly.
 */
import { largestRemainder } from '../money/largest-remainder.js';
import type { Payments } from './schema.js';
import type { SplitResult } from './split.js';

export interface Stage {
  share: number;
  quarter: number;
  label: string;
}

const QUARTERLY = (label: string): Stage[] => [1, 2, 3, 4].map((quarter) => ({ share: 0.25, quarter, label: `${label} Q${quarter}` }));

/** The stages of a schedule; with none given, quarterly in arrears. */
export function scheduleStages(payments: Payments | undefined): Stage[] {
  if (payments === undefined || payments === 'quarterly_in_arrears') return QUARTERLY('in arrears');
  if (payments === 'quarterly_in_advance') return QUARTERLY('in advance');
  if (payments === 'on_award') return [{ share: 1, quarter: 1, label: 'on award' }];
  return payments.stages.map((stage, i) => ({ share: stage.share, quarter: stage.quarter, label: stage.label ?? `stage ${i + 1}` }));
}

/** Why a schedule is unusable, or undefined when its shares add up to 100%. */
export function scheduleProblem(stages: readonly Stage[]): string | undefined {
  const total = stages.reduce((sum, stage) => sum + stage.share, 0);
  return Math.abs(total - 1) > 1e-9 ? `the payment stages add up to ${+(total * 100).toFixed(6)}%, not 100%` : undefined;
}

/** An award in pence, split into its stages (whole pence, summing to the award). */
export function splitPayment(pence: number, stages: readonly Stage[]): number[] {
  return Array.from(largestRemainder(stages.map((stage) => stage.share * pence), pence).units);
}

export interface CashFlowRow {
  fund: string;
  /** Pence paid in quarters 1 to 4. */
  quarters: [number, number, number, number];
  totalPence: number;
}

/** Payments by fund and quarter: every service's award from each fund, paid by its schedule. */
export function cashFlow(result: SplitResult, schedules: ReadonlyMap<string, Stage[]>): CashFlowRow[] {
  const funds = new Map<string, CashFlowRow>();
  const fundOf = new Map(result.pots.map((pot) => [pot.path, pot.fund]));
  for (const pot of result.pots) if (!funds.has(pot.fund)) funds.set(pot.fund, { fund: pot.fund, quarters: [0, 0, 0, 0], totalPence: 0 });
  for (const service of result.services) {
    const stages = schedules.get(service.name) ?? scheduleStages(undefined);
    for (const draw of service.draws) {
      const row = funds.get(fundOf.get(draw.pot)!)!;
      const pence = draw.committedPence + draw.allocatedPence;
      splitPayment(pence, stages).forEach((paid, i) => {
        const q = stages[i]!.quarter - 1;
        row.quarters[q] = row.quarters[q]! + paid;
      });
      row.totalPence += pence;
    }
  }
  return [...funds.values()];
}
