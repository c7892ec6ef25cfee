/**
 * From a validated optimisation model (and the budget, tables and applications it names,
 * read at the edge) to an indexed form the programme is built from. Pure. Every problem is
 * reported at once, each at the key path of the model it is about.
 *
 * - Money comes from pots: each fund split by its ring-fences (as `fairshare split` does),
 *   year by year. A budget's contracts for services that are not options here are held
 *   fixed: they come off their pot first, and count towards their priority's spending.
 * - An option named like a budget service takes that service's eligibility and contracts.
 * - Need weights are typed in, or read from a table (normalised so the priorities sum to 1);
 *   a priority split by area spreads its need (and its options' curves) by area shares.
 */
import type { AreaTable } from '../data/table.js';
import { ModelProblems, type KeyPath } from '../errors.js';
import type { Budget } from '../funds/schema.js';
import { splitFunds, type ResolvedAmounts } from '../funds/split.js';
import { formatPounds, poundsToPence } from '../money/units.js';
import type { Application, GrantRound, Optimisation, Segment } from './schema.js';
import { financialYear } from '../model/financial-year.js';

export interface PotRef {
  path: string;
  fund: string;
  body: string;
}

export interface PreparedCommitment {
  name: string;
  pot: number;
  /** Pounds a year while it runs. */
  annual: number;
  /** Per year of the plan: whether it runs. */
  runs: boolean[];
  /** Area index, or -1 for the whole option. */
  area: number;
  keyPath: KeyPath;
}

export interface PreparedOption {
  name: string;
  priority: number;
  pots: number[];
  segments: Segment[];
  min?: number;
  max?: number;
  /** A budget service's cap, year by year: its contracts running that year and its request. */
  requestCaps?: { pounds: number; request: number }[];
  commitments: PreparedCommitment[];
  keyPath: KeyPath;
}

export interface PreparedPriority {
  name: string;
  weight: number;
  /** Need shares by area (sum 1) when the priority is split by area. */
  areaShares?: Float64Array;
  areaMinShare?: number;
  min?: number;
  max?: number;
  options: number[];
  keyPath: KeyPath;
}

export interface PreparedApplication {
  id: string;
  name: string;
  /** Pounds. */
  request: number;
  /** Weighted score on a 0 to 1 scale. */
  score: number;
  area: number;
  /** Largest award: the request, capped by the scheme's maximum where partial awards are allowed. */
  most: number;
  /** Why it cannot be funded at all, if so. */
  ineligible?: string;
}

export interface PreparedRound {
  name: string;
  priority: number;
  pot: number;
  year: number;
  partial: boolean;
  awardMin: number;
  awardMax: number;
  maxTotal?: number;
  outcomePerPound: number;
  /** Top of the panel's scoring scale (scores run from 0 to it). */
  scoreScale: number;
  applications: PreparedApplication[];
  keyPath: KeyPath;
}

/** Spending held fixed: a budget's contract for a service not modelled as an option. */
export interface FixedSpend {
  name: string;
  service: string;
  priority: number;
  pot: number;
  annual: number;
  runs: boolean[];
}

export interface PreparedFundLimit {
  fund: string;
  pots: number[];
  min?: number;
  max?: number;
  keyPath: KeyPath;
}

export interface Prepared {
  title: string;
  period?: string;
  years: number[];
  pots: PotRef[];
  /** Pounds available in each pot, [year][pot], before fixed spending. */
  available: number[][];
  fixed: FixedSpend[];
  areaKeys: string[];
  areaLabels: string[];
  areaMin?: number;
  areaMax?: number;
  priorities: PreparedPriority[];
  options: PreparedOption[];
  rounds: PreparedRound[];
  fundLimits: PreparedFundLimit[];
  rules: Optimisation['rules'] & {};
  stability?: number;
  model: Optimisation;
}

export interface NeedRow {
  priority: string;
  weight: number;
  area?: string;
  where: string;
}

export interface OptimisationData {
  model: Optimisation;
  /** The budget file the model names, validated. */
  budget?: Budget;
  budgetFile?: string;
  /** Amounts taken from allocation results, in pence, by fund or fence path. */
  resolved: ResolvedAmounts;
  areas?: AreaTable;
  needRows?: NeedRow[];
  /** Applications by round: inline, or read from the round's file (with where each row is). */
  applications: ReadonlyMap<string, (Application & { where?: string })[]>;
}

/** Where the need weights come from, in words. */
function needSource(model: Optimisation): string {
  const spec = model.need_weights!;
  return 'gap' in spec ? `the gap analysis of ${spec.gap}` : `${spec.file} (column ${spec.priority})`;
}

/** The financial year 2025 as 2025/26. */
export const yearLabel = financialYear;

export function prepare(data: OptimisationData): Prepared {
  const { model, budget } = data;
  const problems: { path: KeyPath; message: string }[] = [];
  const problem = (path: KeyPath, message: string) => problems.push({ path, message });
  const first = model.year ?? budget!.year;
  const years = Array.from({ length: model.years }, (_, i) => first + i);

  // Pots, year by year.
  const fundsByYear = years.map((year) => {
    if (budget) return budget.funds;
    return Object.fromEntries(
      Object.entries(model.funds!).map(([name, fund]) => {
        const amount = fund.by_year?.[String(year)] ?? fund.amount;
        return [name, { ...fund, ...(amount !== undefined && { amount }) }];
      }),
    );
  });
  for (const [name, fund] of Object.entries(model.funds ?? {})) {
    for (const year of Object.keys(fund.by_year ?? {})) if (!years.includes(Number(year))) problem(['funds', name, 'by_year', year], `${year} is not one of the years planned (${years.join(', ')})`);
  }
  let potsByYear: ReturnType<typeof splitFunds>[];
  try {
    potsByYear = fundsByYear.map((funds) => splitFunds({ funds: funds as Budget['funds'] }, data.resolved));
  } catch (error) {
    if (error instanceof ModelProblems) throw new ModelProblems(error.problems.map((p) => ({ path: budget ? ['budget'] : p.path, message: budget ? `${data.budgetFile}: ${p.path.join('.')}: ${p.message}` : p.message })));
    throw error;
  }
  const pots: PotRef[] = potsByYear[0]!.map(({ path, fund, body }) => ({ path, fund, body }));
  const potIndex = new Map(pots.map((pot, k) => [pot.path, k]));
  const available = potsByYear.map((list) => list.map((pot) => pot.pence / 100));
  const potOf = (name: string, path: KeyPath): number => {
    const k = potIndex.get(name);
    if (k !== undefined) return k;
    const near = [...potIndex.keys()].find((p) => p.toLowerCase() === name.toLowerCase() || p.endsWith(`.${name}`));
    problem(path, `no fund or ring-fence '${name}'${near ? `; did you mean '${near}'?` : `; they are ${[...potIndex.keys()].join(', ')}`}`);
    return -1;
  };
  const runs = (start: number, end: number) => years.map((year) => start <= year && year <= end);

  // Areas.
  const areaKeys = data.areas?.keys ?? [];
  const areaIndex = new Map(areaKeys.map((key, a) => [key, a]));
  const areaOf = (key: string, path: KeyPath): number => {
    const a = areaIndex.get(key);
    if (a === undefined) problem(path, data.areas ? `no area '${key}' in ${data.areas.file}` : 'there is no areas table to name an area from');
    return a ?? -1;
  };

  // Need weights: typed, or from the table (normalised over priorities).
  const fromTable = new Map<string, { total: number; byArea: Map<string, number> }>();
  for (const row of data.needRows ?? []) {
    if (!(row.priority in model.priorities)) continue; // a gap table may cover priorities this model leaves out
    const entry = fromTable.get(row.priority) ?? { total: 0, byArea: new Map<string, number>() };
    entry.total += row.weight;
    if (row.area !== undefined) {
      if (!areaIndex.has(row.area)) problem(['need_weights', 'gap' in model.need_weights! ? 'gap' : 'file'], `${row.where}: no area '${row.area}' in the areas table`);
      entry.byArea.set(row.area, (entry.byArea.get(row.area) ?? 0) + row.weight);
    }
    fromTable.set(row.priority, entry);
  }
  const tableTotal = [...fromTable.values()].reduce((sum, e) => sum + e.total, 0);

  const priorityNames = Object.keys(model.priorities);
  const priorityIndex = new Map(priorityNames.map((name, p) => [name, p]));
  const options: PreparedOption[] = [];
  const serviceOptions = new Set<string>();
  const priorities = priorityNames.map((name, p): PreparedPriority => {
    const spec = model.priorities[name]!;
    const keyPath: KeyPath = ['priorities', name];
    let weight = spec.need_weight ?? 0;
    let areaShares: Float64Array | undefined;
    if (data.needRows) {
      const entry = fromTable.get(name);
      if (spec.need_weight !== undefined) problem([...keyPath, 'need_weight'], 'give need_weight here or read it from need_weights, not both');
      else if (!entry) problem(keyPath, `no need for '${name}' in ${needSource(model)}`);
      else {
        weight = tableTotal > 0 ? entry.total / tableTotal : 0;
        if (entry.byArea.size > 0) {
          if (spec.area_need !== undefined) problem([...keyPath, 'area_need'], `the need by area comes from ${needSource(model)} already`);
          areaShares = Float64Array.from(areaKeys, (key) => (entry.total > 0 ? (entry.byArea.get(key) ?? 0) / entry.total : 0));
        }
      }
    }
    if (spec.area_need !== undefined && data.areas) {
      const column = data.areas.columns.get(spec.area_need)!;
      const total = column.reduce((a, b) => a + b, 0);
      if (total <= 0) problem([...keyPath, 'area_need'], `column '${spec.area_need}' adds up to zero: no need to share`);
      else areaShares = column.map((value) => value / total);
    }
    if (spec.area_min_share !== undefined && !areaShares) problem([...keyPath, 'area_min_share'], 'the priority is not split by area (give area_need)');

    const optionIndices = Object.entries(spec.options).map(([optionName, option]) => {
      const path: KeyPath = [...keyPath, 'options', optionName];
      const service = budget?.services[optionName];
      if (service) {
        serviceOptions.add(optionName);
        if (service.priority !== name) problem(path, `the budget's service '${optionName}' serves '${service.priority}', not '${name}'`);
      }
      const eligibleNames = option.eligible ?? service?.eligible ?? spec.eligible;
      const eligiblePath = option.eligible ? [...path, 'eligible'] : service ? path : [...keyPath, 'eligible'];
      if (!eligibleNames) problem([...path, 'eligible'], 'required key is missing: the funds or ring-fences it may be paid from (here or on the priority)');
      const optionPots = (eligibleNames ?? []).map((pot, i) => potOf(pot, option.eligible || !service ? [...eligiblePath, i] : eligiblePath));
      const commitments: PreparedCommitment[] = [];
      for (const commitment of service?.commitments ?? []) {
        // A budget contract: charged to the option, for the whole option (not an area).
        commitments.push({ name: commitment.name, pot: potOf(commitment.fund, path), annual: commitment.annual, runs: runs(commitment.start, commitment.end), area: -1, keyPath: path });
      }
      option.commitments?.forEach((commitment, c) => {
        const cPath: KeyPath = [...path, 'commitments', c];
        const area = commitment.area === undefined ? -1 : areaOf(commitment.area, [...cPath, 'area']);
        if (commitment.area !== undefined && !areaShares) problem([...cPath, 'area'], `'${name}' is not split by area`);
        commitments.push({ name: commitment.name, pot: potOf(commitment.fund, [...cPath, 'fund']), annual: commitment.annual, runs: runs(commitment.start, commitment.end), area, keyPath: cPath });
      });
      for (const commitment of commitments) {
        if (commitment.pot >= 0 && !optionPots.includes(commitment.pot)) problem(commitment.keyPath, `the option is not eligible for '${pots[commitment.pot]!.path}', which the contract '${commitment.name}' is paid from`);
      }
      // A budget's service asks for its request on top of its contracts: it is given no more,
      // unless the model says so (a max of its own, or beyond_request).
      const capped = service !== undefined && option.max === undefined && option.beyond_request !== true;
      if (option.beyond_request !== undefined && !service) problem([...path, 'beyond_request'], `only a budget's service has a request; '${optionName}' is not one of the budget's services`);
      const requestCaps = capped
        ? years.map((_, t) => ({ pounds: service.request + (service.commitments ?? []).filter((c) => runs(c.start, c.end)[t]).reduce((sum, c) => sum + c.annual, 0), request: service.request }))
        : undefined;
      const bodies = new Set(optionPots.filter((k) => k >= 0).map((k) => pots[k]!.body));
      if (model.separate_bodies && bodies.size > 1) problem(eligiblePath, `draws on ${[...bodies].join(' and ')} money; bodies' money never mixes`);
      options.push({
        name: optionName,
        priority: p,
        pots: optionPots,
        segments: option.segments,
        ...(option.min !== undefined && { min: option.min }),
        ...(option.max !== undefined && { max: option.max }),
        ...(requestCaps && { requestCaps }),
        commitments,
        keyPath: path,
      });
      return options.length - 1;
    });
    return {
      name,
      weight,
      ...(areaShares && { areaShares }),
      ...(spec.area_min_share !== undefined && { areaMinShare: spec.area_min_share }),
      ...(spec.min !== undefined && { min: spec.min }),
      ...(spec.max !== undefined && { max: spec.max }),
      options: optionIndices,
      keyPath,
    };
  });

  // A budget's contracts for services that are not options here: held fixed.
  const fixed: FixedSpend[] = [];
  for (const [service, spec] of Object.entries(budget?.services ?? {})) {
    if (serviceOptions.has(service)) continue;
    const p = priorityIndex.get(spec.priority);
    for (const commitment of spec.commitments ?? []) {
      const pot = potIndex.get(commitment.fund);
      if (pot === undefined) continue; // the budget file's own validation names it
      fixed.push({ name: commitment.name, service, priority: p ?? -1, pot, annual: commitment.annual, runs: runs(commitment.start, commitment.end) });
    }
  }
  years.forEach((year, t) => {
    pots.forEach((pot, k) => {
      const held = fixed.filter((f) => f.pot === k && f.runs[t]).reduce((sum, f) => sum + poundsToPence(f.annual), 0);
      const have = Math.round(available[t]![k]! * 100);
      if (held > have) {
        problem(['budget'], `${data.budgetFile}: ${pot.path} cannot honour its contracts in ${yearLabel(year)}: they need ${formatPounds(held, true)}, it holds ${formatPounds(have, true)}: a gap of ${formatPounds(held - have, true)}`);
      }
    });
  });

  // Grant rounds.
  const rounds = Object.entries(model.grant_rounds ?? {}).map(([name, round]): PreparedRound => {
    const keyPath: KeyPath = ['grant_rounds', name];
    const p = priorityIndex.get(round.priority);
    if (p === undefined) problem([...keyPath, 'priority'], `'${round.priority}' is not one of the priorities (${priorityNames.join(', ')})`);
    const year = years.indexOf(round.year ?? first);
    if (year < 0) problem([...keyPath, 'year'], `${round.year} is not one of the years planned (${years.join(', ')})`);
    const applications = prepareApplications(round, data.applications.get(name) ?? [], keyPath, problem, areaOf);
    return {
      name,
      priority: p ?? -1,
      pot: potOf(round.fund, [...keyPath, 'fund']),
      year,
      partial: round.partial,
      awardMin: round.award.min,
      awardMax: round.award.max,
      ...(round.max_total !== undefined && { maxTotal: round.max_total }),
      outcomePerPound: round.outcome_per_pound,
      scoreScale: round.score_scale,
      applications,
      keyPath,
    };
  });

  // Spending limits on whole funds.
  const fundLimits: PreparedFundLimit[] = [];
  const limitSources = budget ? Object.entries(model.fund_limits ?? {}).map(([f, l]) => [f, l, ['fund_limits', f]] as const) : Object.entries(model.funds ?? {}).map(([f, l]) => [f, l, ['funds', f]] as const);
  for (const [fund, limit, path] of limitSources) {
    if (limit.min_spend === undefined && limit.max_spend === undefined) continue;
    const fundPots = pots.flatMap((pot, k) => (pot.fund === fund ? [k] : []));
    if (fundPots.length === 0) problem([...path], `no fund '${fund}' in the budget; the funds are ${[...new Set(pots.map((pot) => pot.fund))].join(', ')}`);
    fundLimits.push({ fund, pots: fundPots, ...(limit.min_spend !== undefined && { min: limit.min_spend }), ...(limit.max_spend !== undefined && { max: limit.max_spend }), keyPath: [...path] });
  }

  // Rules name things that exist.
  const optionNames = new Set(options.map((o) => o.name));
  const roundNames = new Set(rounds.map((r) => r.name));
  model.rules?.forEach((rule, i) => {
    for (const which of ['spend', 'of'] as const) {
      const filter = rule[which];
      if (!filter) continue;
      const check = (list: string[] | undefined, known: (v: string) => boolean, what: string, key: string) =>
        list?.forEach((value, j) => !known(value) && problem(['rules', i, which, key, j], `no ${what} '${value}'`));
      check(filter.priorities, (v) => priorityIndex.has(v), 'priority', 'priorities');
      check(filter.options, (v) => optionNames.has(v), 'option', 'options');
      check(filter.funds, (v) => pots.some((pot) => pot.path === v || pot.path.startsWith(`${v}.`)), 'fund or ring-fence', 'funds');
      check(filter.areas, (v) => areaIndex.has(v), 'area', 'areas');
      check(filter.rounds, (v) => roundNames.has(v), 'grant round', 'rounds');
    }
  });

  if (problems.length > 0) throw new ModelProblems(problems);
  return {
    title: model.title,
    ...(model.period !== undefined && { period: model.period }),
    years,
    pots,
    available,
    fixed,
    areaKeys,
    areaLabels: data.areas?.labels ?? [],
    ...(model.areas?.min !== undefined && { areaMin: model.areas.min }),
    ...(model.areas?.max !== undefined && { areaMax: model.areas.max }),
    priorities,
    options,
    rounds,
    fundLimits,
    rules: model.rules ?? [],
    ...(model.stability !== undefined && { stability: model.stability }),
    model,
  };
}

function prepareApplications(
  round: GrantRound,
  applications: readonly (Application & { where?: string })[],
  keyPath: KeyPath,
  problem: (path: KeyPath, message: string) => void,
  areaOf: (key: string, path: KeyPath) => number,
): PreparedApplication[] {
  const criteria = Object.keys(round.score_weights);
  const seen = new Set<string>();
  return applications.map((application, i) => {
    // Inline applications are named by key path; those from a file by file and line.
    const path: KeyPath = application.where === undefined ? [...keyPath, 'applications', i] : [...keyPath, 'applications_file'];
    const at = application.where === undefined ? '' : `${application.where}: `;
    if (seen.has(application.id)) problem(path, `${at}application id '${application.id}' is used twice`);
    seen.add(application.id);
    let score = 0;
    for (const criterion of criteria) {
      const value = application.scores[criterion];
      if (value === undefined) problem(application.where === undefined ? [...path, 'scores'] : path, `${at}no score for '${criterion}'`);
      else if (!(value >= 0 && value <= round.score_scale)) problem(application.where === undefined ? [...path, 'scores', criterion] : path, `${at}score '${criterion}' must be from 0 to ${round.score_scale}, got ${value}`);
      else score += (round.score_weights[criterion]! * value) / round.score_scale;
    }
    for (const criterion of Object.keys(application.scores)) {
      if (!criteria.includes(criterion)) problem(application.where === undefined ? [...path, 'scores', criterion] : path, `${at}'${criterion}' is not one of the round's score criteria (${criteria.join(', ')})`);
    }
    const area = application.area === undefined ? -1 : areaOf(application.area, application.where === undefined ? [...path, 'area'] : path);
    const most = round.partial ? Math.min(application.request, round.award.max) : application.request;
    const ineligible =
      application.request < round.award.min
        ? `asks for ${formatPounds(poundsToPence(application.request))}, below the smallest award of ${formatPounds(poundsToPence(round.award.min))}`
        : !round.partial && application.request > round.award.max
          ? `asks for ${formatPounds(poundsToPence(application.request))}, above the largest award of ${formatPounds(poundsToPence(round.award.max))} (partial awards are not allowed)`
          : round.min_score !== undefined && score * round.score_scale < round.min_score - 1e-9
            ? `scored ${+(score * round.score_scale).toFixed(3)} of ${round.score_scale}, below the threshold of ${round.min_score}`
            : undefined;
    return {
      id: application.id,
      name: application.name ?? application.id,
      request: application.request,
      score,
      area,
      most,
      ...(ineligible && { ineligible }),
    };
  });
}
