/**
 * A solution in the terms of the model, with money in whole pence that reconciles: in every
 * pot and year, held + committed + allocated + unallocated = available, exactly. The solver
 * works in pounds; each pot's spending is rounded to pence by largest remainder, first
 * between options and awards (a contract never rounded below its amount), then between an
 * option's areas and pots. A whole-or-nothing award stays exactly its request.
 */
import { largestRemainder } from '../money/largest-remainder.js';
import { formatPounds, poundsToPence } from '../money/units.js';
import type { Programme } from './build.js';
import type { Binding } from './shadow-prices.js';

export interface SpendLine {
  year: number;
  priority: string;
  option: string;
  area?: { key: string; label: string };
  pot: string;
  fund: string;
  pence: number;
}

export interface AwardLine {
  round: string;
  year: number;
  priority: string;
  id: string;
  name: string;
  area?: { key: string; label: string };
  pot: string;
  /** Weighted score, 0 to 1. */
  score: number;
  /** The weighted score on the panel's own scale (0 to scoreScale). */
  panelScore: number;
  scoreScale: number;
  /** Place in the round by score (1 the highest; ties in file order). */
  rank: number;
  /** The decision in the panel's terms: funded, or why not. */
  decision: string;
  requestPence: number;
  awardPence: number;
  /** Why it could not be funded at all, where so. */
  ineligible?: string;
}

export interface PotLine {
  year: number;
  path: string;
  fund: string;
  body: string;
  availablePence: number;
  /** A budget's contracts for services not modelled as options. */
  heldPence: number;
  /** Contracts of the options, held at (at least) their amounts. */
  committedPence: number;
  /** New spending chosen by the optimiser, beyond the contracts. */
  allocatedPence: number;
  unallocatedPence: number;
}

export interface CommitmentLine {
  name: string;
  year: number;
  /** The option it pays for, or the budget service held fixed. */
  option: string;
  priority: string;
  pot: string;
  pence: number;
  held: boolean;
}

export interface OptimisationResult {
  title: string;
  period?: string;
  years: number[];
  engine: string;
  seconds: number;
  objective: number;
  outcomes: { priority: string; year: number; outcome: number }[];
  spend: SpendLine[];
  awards: AwardLine[];
  pots: PotLine[];
  commitments: CommitmentLine[];
  binding: Binding[];
  /** Whether shadow prices were worked out (they cost one solve per binding row without duals). */
  priced: boolean;
  /** The largest breach of any constraint, checked apart from the solver (relative to the bound). */
  worstViolation: number;
}

/** Ranks by score, highest first (1-based); ties keep the applications' order. */
export function roundRanks(scores: readonly number[]): number[] {
  const order = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const ranks = new Array<number>(scores.length);
  order.forEach(({ i }, place) => (ranks[i] = place + 1));
  return ranks;
}

/** Quotas within a millionth of a whole number are that number: solver noise, not money. */
const snap = (pence: number) => (Math.abs(pence - Math.round(pence)) < 1e-6 ? Math.round(pence) : pence);

export function interpret(
  programme: Programme,
  values: Float64Array,
  meta: { engine: string; seconds: number; objective: number; binding: Binding[]; priced: boolean; worstViolation: number; decisions?: ReadonlyMap<string, string> },
): OptimisationResult {
  const { prepared, columns } = programme;
  const { years, pots, options, priorities, rounds } = prepared;
  const area = (a: number) => (a < 0 ? undefined : { key: prepared.areaKeys[a]!, label: prepared.areaLabels[a] ?? prepared.areaKeys[a]! });

  const spend: SpendLine[] = [];
  const awards: AwardLine[] = [];
  const potsOut: PotLine[] = [];
  const commitments: CommitmentLine[] = [];

  // Awards first: every application, funded or not.
  const awardValue = new Map<string, number>();
  const selected = new Set<string>();
  columns.forEach((role, j) => {
    if (role.kind === 'select' && values[j]! > 0.5) selected.add(`${role.round}.${role.application}`);
    if (role.kind === 'award') awardValue.set(`${role.round}.${role.application}`, values[j]!);
  });
  const awardPence = new Map<string, number>();
  // What each option takes from each pot in each year, by area: its spend columns, or its
  // curve's pieces where it draws on one pot directly. One pass over the columns.
  const draws = new Map<string, Map<number, number>>();
  columns.forEach((role, j) => {
    if ((role.kind !== 'spend' && role.kind !== 'segment') || role.pot < 0) return;
    const key = `${role.option}|${role.pot}|${role.year}`;
    const byArea = draws.get(key) ?? new Map<number, number>();
    byArea.set(role.area, (byArea.get(role.area) ?? 0) + values[j]!);
    draws.set(key, byArea);
  });

  years.forEach((year, t) => {
    pots.forEach((pot, k) => {
      const availablePence = Math.round(prepared.available[t]![k]! * 100);
      let heldPence = 0;
      for (const fixed of prepared.fixed) {
        if (fixed.pot !== k || !fixed.runs[t]) continue;
        heldPence += poundsToPence(fixed.annual);
        commitments.push({ name: fixed.name, year, option: fixed.service, priority: priorities[fixed.priority]?.name ?? '', pot: pot.path, pence: poundsToPence(fixed.annual), held: true });
      }
      // Groups: an option's draws on this pot (its lines by area), or one award.
      const groups: { lines: { quota: number; lower: number; emit: (pence: number) => void }[]; lower: number }[] = [];
      let committedPence = 0;
      options.forEach((option, o) => {
        const byArea = draws.get(`${o}|${k}|${t}`);
        if (!byArea) return;
        const lines = [...byArea].map(([area, value]) => ({ area, value }));
        let groupLower = 0;
        const lineLower = new Map<number, number>();
        for (const commitment of option.commitments) {
          if (commitment.pot !== k || !commitment.runs[t]) continue;
          const pence = poundsToPence(commitment.annual);
          groupLower += pence;
          if (commitment.area >= 0) lineLower.set(commitment.area, (lineLower.get(commitment.area) ?? 0) + pence);
          commitments.push({ name: commitment.name, year, option: option.name, priority: priorities[option.priority]!.name, pot: pot.path, pence, held: false });
        }
        committedPence += groupLower;
        groups.push({
          lower: groupLower,
          lines: lines.map(({ area: a, value }) => ({
            quota: snap(value * 100),
            lower: lineLower.get(a) ?? 0,
            emit: (pence: number) => spend.push({ year, priority: priorities[option.priority]!.name, option: option.name, ...(a >= 0 && { area: area(a)! }), pot: pot.path, fund: pot.fund, pence }),
          })),
        });
      });
      rounds.forEach((round, r) => {
        if (round.pot !== k || round.year !== t) return;
        round.applications.forEach((application, i) => {
          const key = `${r}.${i}`;
          if (!selected.has(key)) return;
          const quota = snap((round.partial ? awardValue.get(key)! : application.request) * 100);
          groups.push({ lower: 0, lines: [{ quota, lower: 0, emit: (pence) => awardPence.set(key, pence) }] });
        });
      });

      const quotas = groups.map((g) => g.lines.reduce((s, l) => s + l.quota, 0));
      const lowers = groups.map((g) => Math.max(g.lower, g.lines.reduce((s, l) => s + l.lower, 0)));
      const wanted = Math.round(quotas.reduce((a, b) => a + b, 0));
      const total = Math.max(lowers.reduce((a, b) => a + b, 0), Math.min(wanted, availablePence - heldPence));
      const groupPence = groups.length > 0 ? largestRemainder(quotas, total, { lower: lowers }).units : new Float64Array();
      groups.forEach((group, g) => {
        const linePence = largestRemainder(
          group.lines.map((l) => l.quota),
          groupPence[g]!,
          { lower: group.lines.map((l) => l.lower) },
        ).units;
        group.lines.forEach((line, i) => line.emit(linePence[i]!));
      });
      potsOut.push({
        year,
        path: pot.path,
        fund: pot.fund,
        body: pot.body,
        availablePence,
        heldPence,
        committedPence,
        allocatedPence: total - committedPence,
        unallocatedPence: availablePence - heldPence - total,
      });
    });
  });

  rounds.forEach((round, r) => {
    const ranks = roundRanks(round.applications.map((a) => a.score));
    round.applications.forEach((application, i) => {
      const award = awardPence.get(`${r}.${i}`) ?? 0;
      const funded = award === 0 ? undefined : award < poundsToPence(application.request) ? `funded in part: ${formatPounds(award, true)} of the ${formatPounds(poundsToPence(application.request), true)} asked for` : 'funded in full';
      awards.push({
        round: round.name,
        year: years[round.year]!,
        priority: priorities[round.priority]!.name,
        id: application.id,
        name: application.name,
        ...(application.area >= 0 && { area: area(application.area)! }),
        pot: pots[round.pot]!.path,
        score: application.score,
        panelScore: application.score * round.scoreScale,
        scoreScale: round.scoreScale,
        rank: ranks[i]!,
        requestPence: poundsToPence(application.request),
        awardPence: award,
        ...(application.ineligible && { ineligible: application.ineligible }),
        decision: funded ?? (application.ineligible ? `not funded: ${application.ineligible}` : meta.decisions?.get(`${r}.${i}`) ?? 'not funded'),
      });
    });
  });

  // Outcome by priority and year, from the solution itself.
  const outcome = new Map<string, number>();
  columns.forEach((role, j) => {
    const cost = programme.lp.columns[j]!.cost;
    if (cost === 0 || values[j] === 0) return;
    // Only pieces of curves and grant decisions carry outcome.
    if (role.kind !== 'segment' && role.kind !== 'select' && role.kind !== 'award') return;
    const [p, t] = role.kind === 'segment' ? [options[role.option]!.priority, role.year] : [rounds[role.round]!.priority, rounds[role.round]!.year];
    const key = `${p}.${t}`;
    outcome.set(key, (outcome.get(key) ?? 0) + cost * values[j]!);
  });
  const outcomes = years.flatMap((year, t) => priorities.map((priority, p) => ({ priority: priority.name, year, outcome: outcome.get(`${p}.${t}`) ?? 0 })));

  return {
    title: prepared.title,
    ...(prepared.period !== undefined && { period: prepared.period }),
    years,
    engine: meta.engine,
    seconds: meta.seconds,
    objective: meta.objective,
    outcomes,
    spend,
    awards,
    pots: potsOut,
    commitments,
    binding: meta.binding,
    priced: meta.priced,
    worstViolation: meta.worstViolation,
  };
}
