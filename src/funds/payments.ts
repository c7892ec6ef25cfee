/**
 * Payment schedules: how a year's money is paid, in stages by financial-year quarter (for
 * example 80% on award and 20% on the final report, or quarterly in arrears), and the cash
 * flow they make by quarter and fund. Stage amounts are whole pence by largest remainder,
 * so every schedule sums to its award exactly.
 *
 * Each contract (commitment) is paid by its own schedule, or its service's; a service's new
 * award by the service's; with none given, quarterly in arrears, the usual term for grants.
 */
import { financialYear } from '../model/financial-year.js';
import { largestRemainder } from '../money/largest-remainder.js';
import type { Budget, Payments } from './schema.js';
import type { SplitResult } from './split.js';


/** Cash-flow periods: the four quarters of the budget year, then after the year end. */
export const PERIODS = ['Q1 Apr-Jun', 'Q2 Jul-Sep', 'Q3 Oct-Dec', 'Q4 Jan-Mar', 'After year end'] as const;
export const AFTER_YEAR_END = 4;

export interface Stage {
  share: number;
  /** Index into PERIODS: 0 to 3 for the quarters, 4 after the year end. */
  period: number;
  label: string;
}

const quarterly = (label: string, firstPeriod: number): Stage[] => [0, 1, 2, 3].map((q) => ({ share: 0.25, period: firstPeriod + q, label: `Q${q + 1} ${label}` }));

/**
 * The stages of a schedule. In arrears, each quarter is paid once it has been delivered, in
 * the next quarter: Q4's payment falls after the year end. With none given, in arrears.
 */
export function scheduleStages(payments: Payments | undefined): Stage[] {
  if (payments === undefined || payments === 'quarterly_in_arrears') return quarterly('in arrears', 1);
  if (payments === 'quarterly_in_advance') return quarterly('in advance', 0);
  if (payments === 'on_award') return [{ share: 1, period: 0, label: 'on award' }];
  return payments.stages.map((stage, i) => ({
    share: stage.share,
    period: stage.quarter === 'after_year_end' ? AFTER_YEAR_END : stage.quarter - 1,
    label: stage.label ?? `stage ${i + 1}`,
  }));
}

/** An award in pence, split into its stages (whole pence, summing to the award). */
export function splitPayment(pence: number, stages: readonly Stage[]): number[] {
  return Array.from(largestRemainder(stages.map((stage) => stage.share * pence), pence).units);
}

/** One staged payment of a contract or a new award. */
export interface PaymentLine {
  service: string;
  /** The contract's name, or 'award' for the year's new allocation. */
  item: string;
  pot: string;
  fund: string;
  stage: string;
  period: number;
  pence: number;
  /** Last year's payment that falls in this year: a contract paid in arrears that ran last year too. */
  carriedIn?: boolean;
}

export interface CashFlowRow {
  fund: string;
  /** Pence paid in each of PERIODS. */
  periods: number[];
  totalPence: number;
  /** Of the first quarter's payments, what is last year's, carried in. */
  carriedInPence: number;
}

export interface CashFlow {
  /** Every payment, service by service in funding order. */
  payments: PaymentLine[];
  /** Payments rolled up by fund and period. */
  byFund: CashFlowRow[];
}

/** Every contract and award paid by its schedule, and the roll-up by fund and quarter. */
export function cashFlow(budget: Budget, result: SplitResult): CashFlow {
  const fundOf = new Map(result.pots.map((pot) => [pot.path, pot.fund]));
  const payments: PaymentLine[] = [];
  const pay = (service: string, item: string, pot: string, pence: number, stages: readonly Stage[]) => {
    if (pence === 0) return;
    splitPayment(pence, stages).forEach((paid, i) => {
      if (paid !== 0) payments.push({ service, item, pot, fund: fundOf.get(pot)!, stage: stages[i]!.label, period: stages[i]!.period, pence: paid });
    });
  };
  const byName = new Map(result.services.map((service) => [service.name, service]));
  for (const name of result.fundingOrder) {
    const service = byName.get(name)!;
    const spec = budget.services[name]!;
    const own = scheduleStages(spec.payments);
    for (const commitment of service.commitments) {
      const contract = spec.commitments![commitment.index]!;
      const stages = contract.payments === undefined ? own : scheduleStages(contract.payments);
      // A contract that ran last year too is still paying for it: what last year's schedule
      // paid after its year end (the last quarter, in arrears) falls in this year's first quarter.
      if (commitment.start < budget.year) {
        splitPayment(commitment.pence, stages).forEach((paid, i) => {
          const stage = stages[i]!;
          if (stage.period === AFTER_YEAR_END && paid !== 0) {
            payments.push({ service: name, item: commitment.name, pot: commitment.pot, fund: fundOf.get(commitment.pot)!, stage: `${stage.label}, ${financialYear(budget.year - 1)}`, period: 0, pence: paid, carriedIn: true });
          }
        });
      }
      pay(name, commitment.name, commitment.pot, commitment.pence, stages);
    }
    for (const draw of service.draws) pay(name, 'award', draw.pot, draw.allocatedPence, own);
  }

  const byFund = new Map<string, CashFlowRow>();
  for (const pot of result.pots) if (!byFund.has(pot.fund)) byFund.set(pot.fund, { fund: pot.fund, periods: PERIODS.map(() => 0), totalPence: 0, carriedInPence: 0 });
  for (const line of payments) {
    const row = byFund.get(line.fund)!;
    row.periods[line.period] = row.periods[line.period]! + line.pence;
    row.totalPence += line.pence;
    if (line.carriedIn) row.carriedInPence += line.pence;
  }
  return { payments, byFund: [...byFund.values()] };
}
