/**
 * A worked example for one area, in the style of DCLG's annotated settlement tables:
 * each step, its inputs and its number. Every figure comes from the allocation result,
 * so the example always recomputes the allocation.
 */
import type { AllocationResult, AreaAllocation } from '../formula/allocate.js';
import type { StreamResult } from '../formula/streams.js';
import { formatExactPounds, formatPounds as formatMoney } from '../money/units.js';
import { floorInWords } from '../formula/damping/floor-scale.js';
import { formatChange, formatCount, formatPercent, formatShare } from './numbers.js';

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export function workedExample(result: AllocationResult, area: AreaAllocation): string[] {
  const lines: string[] = [];
  const unitName = result.rounding === 'pound' ? 'whole pound' : 'penny';
  // Rounding to the penny shows every amount with its pence, so £307,968.00 is not read as rounded.
  const formatPounds = (pence: number) => formatMoney(pence, result.rounding === 'penny');
  let step = 0;
  const heading = (text: string) => lines.push(`${++step}. ${text}`);
  const detail = (text: string) => lines.push(`   ${text}`);

  lines.push(`Worked example: ${area.label} (${area.key})`);
  lines.push(`${result.title}${result.period && !result.title.includes(result.period) ? `, ${result.period}` : ''}`);
  lines.push('');

  const slices = result.pot.topSlices.map(
    (slice) => ` - ${formatPounds(slice.pence)} ${slice.name}${slice.share !== undefined ? ` (${formatPercent(slice.share)} of the total)` : slice.shareOfRemaining !== undefined ? ` (${formatPercent(slice.shareOfRemaining)} of what was left)` : ''}`,
  );
  if (area.fixed) {
    heading('Distributable pot');
    detail(`${formatPounds(result.pot.totalPence)} total${slices.join('')} = ${formatPounds(result.pot.distributablePence)}`);
    heading(`Fixed outside the formula${area.fixed.reason ? ` (${area.fixed.reason})` : ''}: ${formatPounds(area.allocationPence)}`);
    if (result.fixed) detail(`${result.fixed.areas} area(s) fixed at ${formatPounds(result.fixed.totalPence)} in all; the others share the remaining ${formatPounds(result.pot.distributablePence - result.fixed.totalPence)} by the formula`);
    heading(`Allocation: ${formatPounds(area.allocationPence)}`);
    if (area.damping?.adjustment) detail(adjustmentLine(area.damping.priorPence, area.damping.adjustment));
    if (area.change !== null) detail(`change against the prior${area.damping?.adjustment ? ` (adjusted base ${formatExactPounds(area.damping.priorPence)})` : ''}: ${formatChange(area.change)}`);
    return lines;
  }

  // A model of streams: each stream's amount for the area, then the total is damped and rounded.
  const streams = result.streams && area.streams ? result.streams : undefined;
  if (streams) {
    heading('Streams');
    streams.forEach((stream, k) => detail(`${stream.name}: ${streamWorking(stream, area, k, formatPounds)}`));
    detail(`added up = ${formatPounds(area.targetPence)}`);
  } else if (result.indicators.length === 0) heading('No formula: every area changes by the same percentage against its prior');
  else heading('Indicator shares');
  for (const summary of streams ? [] : result.indicators) {
    const own = area.indicators[summary.name]!;
    const source = summary.column ?? summary.expression ?? summary.name;
    const amount =
      summary.scaleBy !== undefined
        ? `${formatCount(own.value)} (${source}) x ${formatCount(own.scaleBy ?? 0)} (${summary.scaleBy}) = ${formatCount(own.amount)}`
        : `${formatCount(own.amount)} (${source})`;
    detail(`${summary.name}: ${amount}`);
    detail(
      `   of ${formatCount(summary.total)} in all areas = share ${formatShare(own.share)} x weight ${summary.weight} = ${formatShare(own.weighted)}`,
    );
  }

  if (result.indicators.length > 0 && !streams) {
    heading('Need share');
    const parts = result.indicators.map((s) => formatShare(area.indicators[s.name]!.weighted));
    detail(`${parts.join(' + ')} = ${formatShare(area.needShare)}`);
  }

  heading('Distributable pot');
  const formulaPot = result.pot.distributablePence - (result.fixed?.totalPence ?? 0);
  detail(`${formatPounds(result.pot.totalPence)} total${slices.join('')} = ${formatPounds(result.pot.distributablePence)}`);
  if (result.fixed) detail(`less ${formatPounds(result.fixed.totalPence)} fixed outside the formula for ${result.fixed.areas} area(s) = ${formatPounds(formulaPot)} shared by the formula`);

  if (result.indicators.length > 0 && !streams) {
    heading('Formula target');
    detail(`need share ${formatShare(area.needShare)} x ${formatPounds(formulaPot)} = ${formatExactPounds(area.formulaPence)}`);
  }

  if (result.minimum && area.minimum) {
    heading(`Minimum of ${formatPounds(result.minimum.pence)}`);
    if (area.minimum.outcome === 'raised') detail(`below the minimum: raised to ${formatPounds(result.minimum.pence)}`);
    else {
      detail(
        `above the minimum: scaled by ${result.minimum.scalingFactor.toFixed(6)} to pay for the ${result.minimum.raised} area(s) raised to it` +
          ` = ${formatExactPounds(area.targetPence)}`,
      );
    }
  }

  const damping = result.damping;
  if (damping && area.damping) {
    const prior = area.damping.priorPence;
    const adjustment = area.damping.adjustment;
    heading(`Damping${streams ? " of the streams' total" : ''} (${damping.method.replace('_', ' ')}${damping.floor !== undefined ? `: ${floorInWords(damping.floor)}` : ''}) against the prior of ${formatExactPounds(prior)} (${damping.priorSource})`);
    if (adjustment) detail(adjustmentLine(prior, adjustment));
    const target = formatExactPounds(area.targetPence);
    const exact = formatExactPounds(area.exactPence);
    const targetChange = prior > 0 ? ` (a change of ${formatChange(area.targetPence / prior - 1)})` : '';
    if (damping.floor !== undefined && area.damping.floorPence !== undefined) {
      detail(`floor: prior x (1 ${damping.floor < 0 ? '-' : '+'} ${formatPercent(Math.abs(damping.floor))}) = ${formatPounds(area.damping.floorPence)} (rounded up to the ${unitName})`);
    }
    if (damping.ceiling !== undefined && area.damping.ceilingPence !== undefined) {
      detail(`ceiling: prior x (1 ${damping.ceiling < 0 ? '-' : '+'} ${formatPercent(Math.abs(damping.ceiling))}) = ${formatPounds(area.damping.ceilingPence)} (rounded down to the ${unitName})`);
    }
    const s = damping.scalingFactor.toFixed(6);
    switch (area.damping.outcome) {
      case 'held at floor':
        detail(
          damping.method === 'floor_scale'
            ? `target ${target}${targetChange} is at or below the floor: held at the floor = ${exact}`
            : `target ${target} scaled by k = ${s} falls at or below the floor: held at the floor = ${exact}`,
        );
        break;
      case 'capped at ceiling':
        detail(`target ${target} scaled by k = ${s} reaches the ceiling: capped = ${exact}`);
        break;
      case 'scaled':
        detail(
          damping.method === 'floor_scale'
            ? `target ${target}${targetChange} is above the floor: floor + s x (target - floor), s = ${s}${damping.imposed ? ' (imposed)' : ''} = ${exact}`
            : `target ${target} x k = ${s} (k balances the pot) = ${exact}`,
        );
        break;
      case 'equal change':
        detail(`prior x (distributable pot / sum of priors ${formatPounds(damping.priorTotalPence)}) = prior x ${s} = ${exact}`);
        break;
      case 'transition':
        detail(`prior + (target ${target} - prior) / ${damping.transitionYears ?? damping.years} year(s)${damping.transitionYears !== undefined && damping.transitionYears !== damping.years ? ` (year ${(damping.years ?? 0) - damping.transitionYears + 1} of ${damping.years}: the remaining distance over the years left)` : ''}, balanced to the pot x ${s} = ${exact}`);
        break;
    }
  }

  heading(`Rounding to the ${unitName} (largest remainder)`);
  const { floorPence, remainder, adjustment, rank } = area.rounding;
  const unit = result.unitPence;
  let rounding = `${formatExactPounds(area.exactPence)} -> ${formatPounds(floorPence)} with ${remainder.toFixed(4)} of a ${unitName === 'penny' ? 'penny' : 'pound'} left over`;
  if (adjustment > 0) {
    rounding += `; ${ordinal(rank)} largest remainder of ${result.areas.length}, so it receives one of the ${result.leftoverUnits} leftover unit(s): + ${formatPounds(adjustment * unit)}`;
  } else if (adjustment < 0) {
    rounding += `; ${formatPounds(-adjustment * unit)} taken back to make the total exact`;
  } else if (floorPence !== area.allocationPence) {
    rounding += '; held at its whole-unit bound';
  } else {
    rounding += `; not among the ${result.leftoverUnits} largest remainders, so no extra unit`;
  }
  detail(`${rounding} = ${formatPounds(area.allocationPence)}`);

  heading(`Allocation: ${formatPounds(area.allocationPence)}`);
  if (area.damping) detail(`change against the prior: ${formatChange(area.change)}`);
  return lines;
}

/** "prior £600.00 - £100.00 like-for-like adjustment (a transfer) from column adj = adjusted base £500.00" */
function adjustmentLine(prior: number, adjustment: NonNullable<NonNullable<AreaAllocation['damping']>['adjustment']>): string {
  return (
    `prior ${formatExactPounds(prior - adjustment.pence)} ${adjustment.pence < 0 ? '-' : '+'} ${formatExactPounds(Math.abs(adjustment.pence))} like-for-like adjustment` +
    `${adjustment.reason ? ` (${adjustment.reason})` : ''} from ${adjustment.source} = adjusted base ${formatExactPounds(prior)}`
  );
}

/** One stream's amount for an area, and where it comes from. */
function streamWorking(stream: StreamResult, area: AreaAllocation, k: number, formatPounds: (pence: number) => string): string {
  const pence = area.streams![k]!;
  if (stream.rule === 'fixed') return `${formatPounds(pence)} fixed (column ${stream.column})`;
  if (stream.rule === 'held_flat') return `${formatPounds(pence)} held flat at last year's amount (column ${stream.column})`;
  const own = areaByKey(stream.result!).get(area.key);
  const share = own ? `need share ${formatShare(own.needShare)} of ${formatPounds(stream.totalPence)}${stream.takesTheRest ? ' (what the other streams leave)' : ''}` : `of ${formatPounds(stream.totalPence)}`;
  const damped = own?.damping && stream.result!.damping ? `, ${stream.result!.damping.method.replace('_', ' ')} against ${formatExactPounds(own.damping.priorPence)} (${own.damping.outcome})` : '';
  return `${share}${damped} = ${formatPounds(pence)} (formula: ${stream.result!.indicators.map((i) => `${i.name} ${formatPercent(i.weight)}`).join(', ')})`;
}

const byKeyCache = new WeakMap<AllocationResult, Map<string, AreaAllocation>>();
/** A result's areas by key, built once per result (a worked example for every area stays linear). */
function areaByKey(result: AllocationResult): Map<string, AreaAllocation> {
  let index = byKeyCache.get(result);
  if (!index) byKeyCache.set(result, (index = new Map(result.areas.map((a) => [a.key, a]))));
  return index;
}
