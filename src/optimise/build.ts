/**
 * The optimisation as a linear (or mixed-integer) programme. Pure.
 *
 * Columns, in pounds a year:
 * - segment[option, area, s, year]: the part of the option's spending in the s-th piece of its
 *   outcome curve, at most the piece's width (times the area's need share); its objective
 *   coefficient is need weight x outcome per pound. Returns diminish (checked when the file
 *   is read), so the pieces fill in order without integer variables. An option paid from
 *   one pot draws on it through its pieces directly;
 * - spend[option, area, pot, year], for an option eligible for several pots: what it takes
 *   from each, tied to its pieces by a row;
 * - total[priority, year], for a priority with fair shares between areas: its spending, so
 *   each area's fair-share row needs two terms, not one per area;
 * - select[application] (0 or 1) and, where partial awards are allowed, award[application].
 *
 * Rows: each pot's money; links between draws, pieces and totals (internal); contracts held
 * at their annual amount; minimums and caps per option, priority, fund and area; fair shares
 * between areas; year-on-year stability; grant-round totals; and the policy rules. Each row
 * keeps its meaning, so a conflict or a shadow price can be told in words with its key path.
 */
import type { KeyPath } from '../errors.js';
import { formatPounds, poundsToPence } from '../money/units.js';
import { LpBuilder, type LinearProgram } from './lp.js';
import { yearLabel, type Prepared } from './prepare.js';
import type { SpendFilter } from './schema.js';

export type ColumnRole =
  | { kind: 'spend'; option: number; area: number; pot: number; year: number }
  /** pot: the pot the piece draws on directly (an option with one pot), or -1 (spend columns do). */
  | { kind: 'segment'; option: number; area: number; segment: number; year: number; pot: number }
  | { kind: 'total'; priority: number; year: number }
  | { kind: 'select'; round: number; application: number }
  | { kind: 'award'; round: number; application: number };

export type RowKind =
  | 'pot'
  | 'link'
  | 'total'
  | 'commitment'
  | 'option_min'
  | 'option_max'
  | 'request_cap'
  | 'priority_min'
  | 'priority_max'
  | 'fund_min'
  | 'fund_max'
  | 'area_min'
  | 'area_max'
  | 'area_share'
  | 'stability_up'
  | 'stability_down'
  | 'round_total'
  | 'award_upper'
  | 'award_lower'
  | 'rule_min'
  | 'rule_max'
  | 'rule_min_share'
  | 'rule_max_share';

export interface RowRole {
  kind: RowKind;
  /** Index into the plan's years, or -1. */
  year: number;
  keyPath: KeyPath;
  /** The constraint in words: "at least £300,000 on domestic_abuse in 2025/26". */
  text: string;
  /** What the constraint is about, for shadow prices: "domestic_abuse", "victims_fund.core". */
  subject: string;
  /** The bound that binds: an upper bound (a cap, the money) or a lower bound (a minimum). */
  side: 'upper' | 'lower';
  /** Rows fairshare adds to hold the model together: never reported as binding. */
  internal: boolean;
}

export interface Programme {
  lp: LinearProgram;
  columns: ColumnRole[];
  rows: RowRole[];
  prepared: Prepared;
}

/** One pound of spending, or a constant held fixed, with what it counts towards. */
interface SpendItem {
  year: number;
  priority: number;
  option: number;
  round: number;
  area: number;
  pot: number;
  /** Column, or -1 for spending held fixed. */
  column: number;
  coefficient: number;
  constant: number;
}

interface Expression {
  terms: [number, number][];
  constant: number;
}

const money = (pounds: number) => formatPounds(poundsToPence(pounds));

export function buildProgramme(prepared: Prepared): Programme {
  const { years, pots, priorities, options, rounds, areaKeys } = prepared;
  const builder = new LpBuilder();
  const columns: ColumnRole[] = [];
  const rows: RowRole[] = [];
  const items: SpendItem[] = [];
  const column = (role: ColumnRole, name: string, cost: number, lower: number, upper: number, integer = false) => {
    columns.push(role);
    return builder.addColumn(name, cost, lower, upper, integer);
  };
  const row = (role: RowRole, name: string, expression: Expression, lower: number, upper: number) => {
    rows.push(role);
    builder.addRow(name, lower - expression.constant, upper - expression.constant, expression.terms);
  };
  const sum = (list: readonly SpendItem[], scale = 1): Expression => ({
    terms: list.filter((i) => i.column >= 0).map((i) => [i.column, scale * i.coefficient]),
    constant: scale * list.reduce((s, i) => s + i.constant, 0),
  });
  const plus = (a: Expression, b: Expression): Expression => ({ terms: [...a.terms, ...b.terms], constant: a.constant + b.constant });
  const areasOf = (priority: number) => (priorities[priority]!.areaShares ? areaKeys.map((_, a) => a) : [-1]);
  const areaName = (a: number) => (a < 0 ? '' : ` in ${prepared.areaLabels[a] ?? areaKeys[a]}`);

  // Options: the pieces of their outcome curves, and their draws on pots.
  options.forEach((option, o) => {
    const priority = priorities[option.priority]!;
    const direct = option.pots.length === 1 ? option.pots[0]! : -1;
    years.forEach((year, t) => {
      for (const a of areasOf(option.priority)) {
        const share = a < 0 ? 1 : priority.areaShares![a]!;
        const where = `${option.name}.${a < 0 ? '' : `${areaKeys[a]}.`}`;
        let previous = 0;
        const pieces = option.segments.map((segment, s) => {
          const width = segment.up_to === undefined ? Infinity : (segment.up_to - previous) * share;
          previous = segment.up_to ?? previous;
          const c = column({ kind: 'segment', option: o, area: a, segment: s, year: t, pot: direct }, `piece.${where}s${s + 1}.${year}`, priority.weight * segment.outcome_per_pound, 0, width);
          if (direct >= 0) items.push({ year: t, priority: option.priority, option: o, round: -1, area: a, pot: direct, column: c, coefficient: 1, constant: 0 });
          return c;
        });
        if (direct >= 0) continue;
        const draws = option.pots.map((k) => {
          const c = column({ kind: 'spend', option: o, area: a, pot: k, year: t }, `spend.${where}${pots[k]!.path}.${year}`, 0, 0, Infinity);
          items.push({ year: t, priority: option.priority, option: o, round: -1, area: a, pot: k, column: c, coefficient: 1, constant: 0 });
          return c;
        });
        row(
          { kind: 'link', year: t, keyPath: [...option.keyPath, 'segments'], text: `the spending on ${option.name}${areaName(a)} in ${yearLabel(year)} follows its outcome curve`, subject: option.name, side: 'upper', internal: true },
          `curve.${where}${year}`,
          { terms: [...draws.map((c) => [c, 1] as [number, number]), ...pieces.map((c) => [c, -1] as [number, number])], constant: 0 },
          0,
          0,
        );
      }
    });
  });

  // Grant rounds: each application funded whole or not at all (or in part where allowed).
  rounds.forEach((round, r) => {
    const weight = priorities[round.priority]!.weight * round.outcomePerPound;
    const awards: SpendItem[] = [];
    round.applications.forEach((application, i) => {
      if (application.ineligible) return;
      const base = { year: round.year, priority: round.priority, option: -1, round: r, area: application.area, pot: round.pot, constant: 0 };
      if (!round.partial) {
        const select = column({ kind: 'select', round: r, application: i }, `fund.${round.name}.${application.id}`, weight * application.score * application.request, 0, 1, true);
        awards.push({ ...base, column: select, coefficient: application.request });
        return;
      }
      const select = column({ kind: 'select', round: r, application: i }, `fund.${round.name}.${application.id}`, 0, 0, 1, true);
      const award = column({ kind: 'award', round: r, application: i }, `award.${round.name}.${application.id}`, weight * application.score, 0, application.most);
      awards.push({ ...base, column: award, coefficient: 1 });
      const inWords = `an award to ${application.id} is £0 or between ${money(round.awardMin)} and ${money(application.most)}`;
      row({ kind: 'award_upper', year: round.year, keyPath: round.keyPath, text: inWords, subject: application.id, side: 'upper', internal: true }, `most.${round.name}.${application.id}`, { terms: [[award, 1], [select, -application.most]], constant: 0 }, -Infinity, 0);
      row({ kind: 'award_lower', year: round.year, keyPath: round.keyPath, text: inWords, subject: application.id, side: 'lower', internal: true }, `least.${round.name}.${application.id}`, { terms: [[award, 1], [select, -round.awardMin]], constant: 0 }, 0, Infinity);
    });
    items.push(...awards);
    if (round.maxTotal !== undefined) {
      row(
        { kind: 'round_total', year: round.year, keyPath: [...round.keyPath, 'max_total'], text: `the ${round.name} round awards at most ${money(round.maxTotal)}`, subject: round.name, side: 'upper', internal: false },
        `total.${round.name}`,
        sum(awards),
        -Infinity,
        round.maxTotal,
      );
    }
  });

  // Spending held fixed: a budget's contracts for services not modelled here.
  for (const fixed of prepared.fixed) {
    years.forEach((_, t) => {
      if (fixed.runs[t]) items.push({ year: t, priority: fixed.priority, option: -1, round: -1, area: -1, pot: fixed.pot, column: -1, coefficient: 0, constant: fixed.annual });
    });
  }

  const matches = (item: SpendItem, filter: SpendFilter | undefined): boolean => {
    if (!filter) return true;
    if (filter.priorities && !(item.priority >= 0 && filter.priorities.includes(priorities[item.priority]!.name))) return false;
    if (filter.options && !(item.option >= 0 && filter.options.includes(options[item.option]!.name))) return false;
    if (filter.funds && !filter.funds.some((f) => pots[item.pot]!.path === f || pots[item.pot]!.path.startsWith(`${f}.`))) return false;
    if (filter.areas && !(item.area >= 0 && filter.areas.includes(areaKeys[item.area]!))) return false;
    if (filter.rounds && !(item.round >= 0 && filter.rounds.includes(rounds[item.round]!.name))) return false;
    return true;
  };
  const limits = (
    kind: 'option' | 'priority' | 'fund' | 'area' | 'rule',
    t: number,
    what: string,
    keyPath: KeyPath,
    list: readonly SpendItem[],
    min: number | undefined,
    max: number | undefined,
    name: string,
  ) => {
    const year = yearLabel(years[t]!);
    if (min !== undefined && min > 0) {
      row({ kind: `${kind}_min`, year: t, keyPath: [...keyPath, kind === 'fund' ? 'min_spend' : 'min'], text: `at least ${money(min)} on ${what} in ${year}`, subject: what, side: 'lower', internal: false }, `min.${name}.${years[t]}`, sum(list), min, Infinity);
    }
    if (max !== undefined) {
      row({ kind: `${kind}_max`, year: t, keyPath: [...keyPath, kind === 'fund' ? 'max_spend' : 'max'], text: `at most ${money(max)} on ${what} in ${year}`, subject: what, side: 'upper', internal: false }, `max.${name}.${years[t]}`, sum(list), -Infinity, max);
    }
  };

  years.forEach((year, t) => {
    const inYear = items.filter((item) => item.year === t);
    const label = yearLabel(year);

    pots.forEach((pot, k) => {
      const drawn = inYear.filter((item) => item.pot === k);
      if (drawn.every((item) => item.column < 0)) return;
      const held = drawn.reduce((s, item) => s + item.constant, 0);
      const available = prepared.available[t]![k]!;
      row(
        {
          kind: 'pot',
          year: t,
          keyPath: prepared.model.budget !== undefined ? ['budget'] : ['funds', pot.fund],
          text: `the ${pot.path} money in ${label}: ${money(available)}${held > 0 ? `, of which ${money(held)} is held for contracts` : ''}`,
          subject: pot.path,
          side: 'upper',
          internal: false,
        },
        `money.${pot.path}.${year}`,
        sum(drawn),
        -Infinity,
        available,
      );
    });

    options.forEach((option, o) => {
      for (const commitment of option.commitments) {
        if (!commitment.runs[t] || commitment.pot < 0) continue;
        const held = inYear.filter((item) => item.option === o && item.pot === commitment.pot && (commitment.area < 0 || item.area === commitment.area));
        row(
          {
            kind: 'commitment',
            year: t,
            keyPath: commitment.keyPath,
            text: `the contract '${commitment.name}': ${money(commitment.annual)} from ${pots[commitment.pot]!.path} to ${option.name}${areaName(commitment.area)} in ${label}`,
            subject: `'${commitment.name}'`,
            side: 'lower',
            internal: false,
          },
          `contract.${commitment.name}.${year}`,
          sum(held),
          commitment.annual,
          Infinity,
        );
      }
      limits('option', t, option.name, option.keyPath, inYear.filter((item) => item.option === o), option.min, option.max, option.name);
      const cap = option.requestCaps?.[t];
      if (cap) {
        row(
          {
            kind: 'request_cap',
            year: t,
            keyPath: [...option.keyPath, 'beyond_request'],
            text: `at most ${money(cap.pounds)} on ${option.name} in ${label}: its contracts and the ${money(cap.request)} it requests in the budget`,
            subject: option.name,
            side: 'upper',
            internal: false,
          },
          `request.${option.name}.${year}`,
          sum(inYear.filter((item) => item.option === o)),
          -Infinity,
          cap.pounds,
        );
      }
    });

    priorities.forEach((priority, p) => {
      const spent = inYear.filter((item) => item.priority === p);
      limits('priority', t, priority.name, priority.keyPath, spent, priority.min, priority.max, priority.name);
      if (priority.areaMinShare !== undefined && priority.areaShares) {
        const optionSpend = spent.filter((item) => item.option >= 0);
        const total = column({ kind: 'total', priority: p, year: t }, `total.${priority.name}.${year}`, 0, 0, Infinity);
        row(
          { kind: 'total', year: t, keyPath: [...priority.keyPath, 'area_min_share'], text: `${priority.name}'s spending in ${label}`, subject: priority.name, side: 'upper', internal: true },
          `sum.${priority.name}.${year}`,
          plus(sum(optionSpend), { terms: [[total, -1]], constant: 0 }),
          0,
          0,
        );
        areaKeys.forEach((key, a) => {
          const fair = priority.areaMinShare! * priority.areaShares![a]!;
          row(
            {
              kind: 'area_share',
              year: t,
              keyPath: [...priority.keyPath, 'area_min_share'],
              text: `${prepared.areaLabels[a] ?? key} receives at least ${+(priority.areaMinShare! * 100).toFixed(4)}% of its need-proportional part of ${priority.name} in ${label}`,
              subject: `${priority.name}${areaName(a)}`,
              side: 'lower',
              internal: false,
            },
            `fair.${priority.name}.${key}.${year}`,
            plus(sum(optionSpend.filter((item) => item.area === a)), { terms: [[total, -fair]], constant: 0 }),
            0,
            Infinity,
          );
        });
      }
    });

    for (const limit of prepared.fundLimits) {
      limits('fund', t, limit.fund, limit.keyPath, inYear.filter((item) => limit.pots.includes(item.pot)), limit.min, limit.max, `fund.${limit.fund}`);
    }

    if (prepared.areaMin !== undefined || prepared.areaMax !== undefined) {
      areaKeys.forEach((key, a) => {
        limits('area', t, prepared.areaLabels[a] ?? key, ['areas'], inYear.filter((item) => item.area === a), prepared.areaMin, prepared.areaMax, `area.${key}`);
      });
    }

    if (prepared.stability !== undefined && t > 0) {
      const r = prepared.stability;
      const before = items.filter((item) => item.year === t - 1);
      priorities.forEach((priority, p) => {
        const now = sum(inYear.filter((item) => item.priority === p));
        const then = before.filter((item) => item.priority === p);
        const pct = `${+(r * 100).toFixed(4)}%`;
        const words = `spending on ${priority.name} changes by at most ${pct} from ${yearLabel(years[t - 1]!)} to ${label}`;
        row({ kind: 'stability_up', year: t, keyPath: ['stability'], text: words, subject: priority.name, side: 'upper', internal: false }, `rise.${priority.name}.${year}`, plus(now, sum(then, -(1 + r))), -Infinity, 0);
        row({ kind: 'stability_down', year: t, keyPath: ['stability'], text: words, subject: priority.name, side: 'lower', internal: false }, `fall.${priority.name}.${year}`, plus(now, sum(then, -(1 - r))), 0, Infinity);
      });
    }

    prepared.rules.forEach((rule, i) => {
      const spend = inYear.filter((item) => matches(item, rule.spend));
      limits('rule', t, `'${rule.name}'`, ['rules', i], spend, rule.min, rule.max, `rule${i + 1}`);
      const of = inYear.filter((item) => matches(item, rule.of));
      for (const [share, kind, side] of [
        [rule.min_share, 'rule_min_share', 'lower'],
        [rule.max_share, 'rule_max_share', 'upper'],
      ] as const) {
        if (share === undefined) continue;
        row(
          {
            kind,
            year: t,
            keyPath: ['rules', i, kind === 'rule_min_share' ? 'min_share' : 'max_share'],
            text: `'${rule.name}': ${side === 'lower' ? 'at least' : 'at most'} ${+(share * 100).toFixed(4)}% of the spending it is measured against, in ${label}`,
            subject: `'${rule.name}'`,
            side,
            internal: false,
          },
          `${side === 'lower' ? 'least' : 'most'}_share.rule${i + 1}.${year}`,
          plus(sum(spend), sum(of, -share)),
          side === 'lower' ? 0 : -Infinity,
          side === 'lower' ? Infinity : 0,
        );
      }
    });
  });

  return { lp: builder.build(), columns, rows, prepared };
}
