/**
 * The ring-fence split of a commissioning budget. Pure: the budget and each fund's amount
 * (in pence) in, the split out.
 *
 * 1. Every fund is split into pots: each ring-fence gets its share (or fixed amount) of its
 *    parent, in whole pence by largest remainder, and whatever a fund or fence does not fence
 *    further is a pot of its own (its "unfenced" money). The pots of a fund add up to it.
 * 2. Commitments (existing contracts running in the budget year) are charged first, each to
 *    the pot it names. A pot that cannot cover them is an error naming the pot and the gap.
 * 3. Requests are then funded from what is left, in this order: services by plan priority
 *    (the order of `priorities`), then in file order; each service draws on the pots it is
 *    eligible for in the order it lists them, taking as much as it can from each.
 */
import { ModelProblems, type KeyPath } from '../errors.js';
import { largestRemainder } from '../money/largest-remainder.js';
import { formatPounds, poundsToPence } from '../money/units.js';
import { priorityKeys, type Budget, type Fence } from './schema.js';


export interface Pot {
  /** fund, or fund.fence.subfence */
  path: string;
  fund: string;
  body: string;
  /** Money in the pot itself (its parent's share, less what it fences further). */
  pence: number;
  /** The pot's whole amount including its own ring-fences. */
  totalPence: number;
  /** Whether the pot is ring-fenced (a fence, or inside one) rather than a fund's unfenced money. */
  ringFenced: boolean;
  committedPence: number;
  allocatedPence: number;
  unallocatedPence: number;
}

export interface Draw {
  pot: string;
  committedPence: number;
  allocatedPence: number;
}

export interface ServiceResult {
  name: string;
  priority: string;
  body: string;
  requestedPence: number;
  committedPence: number;
  allocatedPence: number;
  shortfallPence: number;
  draws: Draw[];
  /** The contracts running in the budget year; index is the commitment's place in the file. */
  commitments: { name: string; index: number; pot: string; pence: number; start: number; end: number }[];
}

export interface SplitResult {
  title: string;
  period?: string;
  year: number;
  pots: Pot[];
  services: ServiceResult[];
  /** Services whose request could not be met in full, in funding order. */
  shortfalls: { service: string; priority: string; shortfallPence: number }[];
  /** The order requests were funded in. */
  fundingOrder: string[];
}

/** Amounts resolved at the edge: fund paths and fence paths with amount_from, in pence. */
export type ResolvedAmounts = ReadonlyMap<string, number>;


function splitNode(
  path: string,
  keyPath: KeyPath,
  pence: number,
  fences: Record<string, Fence> | undefined,
  context: { fund: string; body: string; ringFenced: boolean; resolved: ResolvedAmounts; pots: Pot[]; problems: { path: KeyPath; message: string }[] },
): void {
  const entries = Object.entries(fences ?? {});
  const quotas = entries.map(([key, fence]) => {
    if (fence.share !== undefined) return fence.share * pence;
    if (fence.amount !== undefined) return poundsToPence(fence.amount);
    return context.resolved.get(`${path}.${key}`) ?? 0;
  });
  const fenced = quotas.reduce((a, b) => a + b, 0);
  if (fenced > pence + 1e-6) {
    context.problems.push({
      path: [...keyPath, 'ring_fences'],
      message: `the ring-fences take ${formatPounds(Math.round(fenced), true)}, more than the ${formatPounds(pence, true)} they are fenced from`,
    });
    return;
  }
  // Largest remainder over the fences and the unfenced rest, so the parts add up exactly.
  const parts = largestRemainder([...quotas, Math.max(0, pence - fenced)], pence).units;
  const own = parts[entries.length]!;
  context.pots.push({
    path,
    fund: context.fund,
    body: context.body,
    pence: own,
    totalPence: pence,
    ringFenced: context.ringFenced,
    committedPence: 0,
    allocatedPence: 0,
    unallocatedPence: own,
  });
  entries.forEach(([key, fence], i) =>
    splitNode(`${path}.${key}`, [...keyPath, 'ring_fences', key], parts[i]!, fence.ring_fences, { ...context, ringFenced: true }),
  );
}

/** Split every fund into its pots (see the module comment). */
export function splitFunds(budget: Pick<Budget, 'funds'>, resolved: ResolvedAmounts): Pot[] {
  const pots: Pot[] = [];
  const problems: { path: KeyPath; message: string }[] = [];
  for (const [name, fund] of Object.entries(budget.funds)) {
    const pence = fund.amount !== undefined ? poundsToPence(fund.amount) : resolved.get(name) ?? 0;
    splitNode(name, ['funds', name], pence, fund.ring_fences, { fund: name, body: fund.body, ringFenced: false, resolved, pots, problems });
  }
  if (problems.length > 0) throw new ModelProblems(problems);
  return pots;
}

export function splitBudget(budget: Budget, resolved: ResolvedAmounts = new Map()): SplitResult {
  const pots = splitFunds(budget, resolved);
  const byPath = new Map(pots.map((pot) => [pot.path, pot]));
  const problems: { path: KeyPath; message: string }[] = [];
  const paths = [...byPath.keys()];
  const priorities = priorityKeys(budget);
  const unknownPot = (path: KeyPath, name: string) => {
    const near = paths.find((p) => p.toLowerCase() === name.toLowerCase()) ?? paths.find((p) => p.endsWith(`.${name}`));
    problems.push({ path, message: `no fund or ring-fence '${name}'${near ? `; did you mean '${near}'?` : `; they are ${paths.join(', ')}`}` });
  };

  // Check eligibility, bodies and commitments before moving any money.
  const services = Object.entries(budget.services).map(([name, service]): ServiceResult => {
    const bodies = new Set<string>();
    service.eligible.forEach((potName, i) => {
      const pot = byPath.get(potName);
      if (!pot) unknownPot(['services', name, 'eligible', i], potName);
      else bodies.add(pot.body);
    });
    if (budget.separate_bodies && bodies.size > 1) {
      problems.push({ path: ['services', name, 'eligible'], message: `draws on ${[...bodies].join(' and ')} money; bodies' money never mixes (a service is paid by one body)` });
    }
    if (!priorities.includes(service.priority)) {
      problems.push({ path: ['services', name, 'priority'], message: `'${service.priority}' is not one of the priorities (${priorities.join(', ')})` });
    }
    const commitments = (service.commitments ?? []).flatMap((commitment, i) => {
      if (!byPath.has(commitment.fund)) unknownPot(['services', name, 'commitments', i, 'fund'], commitment.fund);
      else if (!service.eligible.includes(commitment.fund)) {
        problems.push({ path: ['services', name, 'commitments', i, 'fund'], message: `the service is not eligible for '${commitment.fund}' (add it to eligible, if it may pay for this service)` });
      }
      return commitment.start <= budget.year && budget.year <= commitment.end
        ? [{ name: commitment.name, index: i, pot: commitment.fund, pence: poundsToPence(commitment.annual), start: commitment.start, end: commitment.end }]
        : [];
    });
    return {
      name,
      priority: service.priority,
      body: [...bodies][0] ?? '',
      requestedPence: poundsToPence(service.request),
      committedPence: 0,
      allocatedPence: 0,
      shortfallPence: 0,
      draws: [],
      commitments,
    };
  });
  if (problems.length > 0) throw new ModelProblems(problems);

  // 1. Commitments first.
  const draw = (service: ServiceResult, pot: string): Draw => {
    let found = service.draws.find((d) => d.pot === pot);
    if (!found) service.draws.push((found = { pot, committedPence: 0, allocatedPence: 0 }));
    return found;
  };
  for (const service of services) {
    for (const commitment of service.commitments) {
      byPath.get(commitment.pot)!.committedPence += commitment.pence;
      draw(service, commitment.pot).committedPence += commitment.pence;
      service.committedPence += commitment.pence;
    }
  }
  const gaps = pots.filter((pot) => pot.committedPence > pot.pence);
  if (gaps.length > 0) {
    throw new ModelProblems(
      gaps.map((pot) => ({
        path: ['funds', ...pot.path.split('.').flatMap((part, i) => (i === 0 ? [part] : ['ring_fences', part]))],
        message: `cannot honour its commitments: they need ${formatPounds(pot.committedPence, true)} in ${budget.year}, the ${pot.ringFenced ? 'ring-fence' : 'fund'} holds ${formatPounds(pot.pence, true)}: a gap of ${formatPounds(pot.committedPence - pot.pence, true)}`,
      })),
    );
  }

  // 2. Requests, by priority then file order, each from its eligible pots in the order listed.
  const rank = new Map(priorities.map((p, i) => [p, i]));
  const order = services.map((s, i) => ({ s, i })).sort((a, b) => rank.get(a.s.priority)! - rank.get(b.s.priority)! || a.i - b.i).map(({ s }) => s);
  for (const service of order) {
    let wanted = service.requestedPence;
    for (const potName of budget.services[service.name]!.eligible) {
      if (wanted === 0) break;
      const pot = byPath.get(potName)!;
      const free = pot.pence - pot.committedPence - pot.allocatedPence;
      const take = Math.min(wanted, free);
      if (take <= 0) continue;
      pot.allocatedPence += take;
      draw(service, potName).allocatedPence += take;
      service.allocatedPence += take;
      wanted -= take;
    }
    service.shortfallPence = wanted;
  }
  for (const pot of pots) pot.unallocatedPence = pot.pence - pot.committedPence - pot.allocatedPence;

  return {
    title: budget.title,
    ...(budget.period !== undefined && { period: budget.period }),
    year: budget.year,
    pots,
    services,
    shortfalls: order.filter((s) => s.shortfallPence > 0).map((s) => ({ service: s.name, priority: s.priority, shortfallPence: s.shortfallPence })),
    fundingOrder: order.map((s) => s.name),
  };
}
