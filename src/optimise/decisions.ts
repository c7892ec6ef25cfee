/**
 * Why a grant application was not funded, in the panel's terms. A panel ranks bids by score;
 * the optimiser funds the set of bids that does most for the money (outcome counts score x
 * pounds awarded), so a higher-scored bid can lose to lower-scored ones. Each eligible bid
 * left out gets an exact reason, cheapest first:
 *
 * - the money left: it asks for more than the fund (or the round's cap) has once the bids
 *   ranked above it are paid;
 * - a swap: a lower-scored bid was funded and the two could change places within the money;
 *   the outcome is linear, so what the swap would lose is the difference of their outcomes;
 * - otherwise the model is solved again with the bid funded (a few times a round at most), to
 *   name the funded bids that would give way and what the outcome would lose.
 */
import { formatPounds, poundsToPence } from '../money/units.js';
import type { Programme } from './build.js';
import type { LpSolution, SolveOptions, SolverEngine } from './engines/engine.js';
import { rowActivities } from './lp.js';
import { roundRanks } from './result.js';

/** Re-solves per round at most: a round of hundreds of bids is not re-solved hundreds of times. */
export const MOST_COUNTERFACTUALS = 3;

const ordinal = (n: number) => {
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};
/** Outcome units: two decimals, or two significant figures when smaller (a loss of 0.00075 is not 0.00). */
const units = (x: number) => (Math.abs(x) >= 0.01 ? x.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 }) : String(Number(x.toPrecision(2))));
const score = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const money = (pounds: number) => formatPounds(poundsToPence(pounds), true);

/** The reasons, by "round.application", for every eligible application the solution leaves out. */
export async function explainDecisions(programme: Programme, solution: LpSolution, engine: SolverEngine, limit: SolveOptions): Promise<Map<string, string>> {
  const { prepared, columns, lp, rows } = programme;
  const selectOf = new Map<string, number>();
  columns.forEach((role, j) => {
    if (role.kind === 'select') selectOf.set(`${role.round}.${role.application}`, j);
  });
  const chosen = (key: string) => (solution.values[selectOf.get(key) ?? -1] ?? 0) > 0.5;
  const activity = rowActivities(lp, solution.values);
  /** Room left under a row's upper bound at the solution. */
  const room = (predicate: (i: number) => boolean) => {
    let least = Infinity;
    rows.forEach((role, i) => {
      if (predicate(i)) least = Math.min(least, lp.rows[i]!.upper - activity[i]!);
    });
    return least;
  };
  const reasons = new Map<string, string>();
  for (const [r, round] of prepared.rounds.entries()) {
    const n = round.applications.length;
    const ranks = roundRanks(round.applications.map((a) => a.score));
    const scored = (i: number) => `${score(round.applications[i]!.score * round.scoreScale)} of ${round.scoreScale}, ${ordinal(ranks[i]!)} of ${n}`;
    const pot = prepared.pots[round.pot]!;
    // The money this round can still use: its fund in its year, and its own cap.
    const left = Math.max(
      0,
      Math.min(
        room((i) => rows[i]!.kind === 'pot' && rows[i]!.year === round.year && rows[i]!.subject === pot.path),
        room((i) => rows[i]!.kind === 'round_total' && rows[i]!.subject === round.name),
      ),
    );
    const leftOut = round.applications
      .map((_, i) => i)
      .filter((i) => !round.applications[i]!.ineligible && selectOf.has(`${r}.${i}`) && !chosen(`${r}.${i}`))
      .sort((a, b) => ranks[a]! - ranks[b]!);
    let solves = 0;
    for (const i of leftOut) {
      const application = round.applications[i]!;
      const key = `${r}.${i}`;
      // The score and rank are in the decision too, so it reads whole wherever it is quoted.
      const lead = `not funded (${scored(i)})`;
      const lower = round.applications.map((_, j) => j).filter((j) => ranks[j]! > ranks[i]! && chosen(`${r}.${j}`));
      if (lower.length === 0 && application.most > left + 1e-6) {
        reasons.set(key, `${lead}: it asks for ${money(application.most)}, and ${money(left)} is left in ${pot.path} once the bids ranked above it are funded`);
        continue;
      }
      if (!round.partial && lower.length > 0) {
        // The best swap with a lower-scored bid that the money allows: the loss is exact.
        const gain = (j: number) => lp.columns[selectOf.get(`${r}.${j}`)!]!.cost;
        const swaps = lower.filter((j) => round.applications[j]!.request + left + 1e-6 >= application.request).map((j) => ({ j, loss: gain(j) - gain(i) }));
        const best = swaps.sort((a, b) => a.loss - b.loss || ranks[a.j]! - ranks[b.j]!)[0];
        if (best && best.loss > 1e-12 * Math.max(1, Math.abs(solution.objective))) {
          const other = round.applications[best.j]!;
          reasons.set(
            key,
            `${lead}: ${other.id} (${scored(best.j)}, ${money(other.request)}) was funded instead; funding this bid in its place would fit the money but lower the need-weighted outcome by ${units(best.loss)} units`,
          );
          continue;
        }
      }
      if (solves >= MOST_COUNTERFACTUALS) {
        reasons.set(key, lower.length > 0 ? `${lead}: lower-scored bids were funded because together they do more for the money` : `${lead}: the money does more elsewhere`);
        continue;
      }
      solves++;
      // Solve again with this bid funded.
      const forced = { columns: lp.columns.map((c, j) => (j === selectOf.get(key) ? { ...c, lower: 1 } : c)), rows: lp.rows };
      const other = await engine.solve(forced, limit);
      if (other.status === 'infeasible') {
        reasons.set(key, `${lead}: it cannot be funded with the other limits met; its ${money(application.request)} is more than can be found for it`);
        continue;
      }
      if (other.status !== 'optimal') {
        reasons.set(key, `${lead}: funding it instead was not worked out (${other.status.replace('_', ' ')})`);
        continue;
      }
      const loss = solution.objective - other.objective;
      const givesWay = round.applications.map((_, j) => j).filter((j) => j !== i && chosen(`${r}.${j}`) && (other.values[selectOf.get(`${r}.${j}`) ?? -1] ?? 0) < 0.5);
      if (loss <= 1e-9 * Math.max(1, Math.abs(solution.objective))) {
        reasons.set(key, `${lead}: funding it instead gives the same outcome (a tie between equally good choices)`);
      } else if (givesWay.length > 0) {
        const below = givesWay.every((j) => ranks[j]! > ranks[i]!);
        reasons.set(key, `${lead}: to fund it, ${givesWay.map((j) => `${round.applications[j]!.id} (${scored(j)})`).join(' and ')} would have to give way${below ? ' although scored lower' : ''}, and the need-weighted outcome would fall by ${units(loss)} units`);
      } else {
        reasons.set(key, `${lead}: funding it would take ${money(application.request)} from spending that does more, lowering the need-weighted outcome by ${units(loss)} units`);
      }
    }
  }
  return reasons;
}
