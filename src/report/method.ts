/**
 * The method of an allocation in words, for a budget paper: what came off the pot, which
 * indicators with what weight and from where, the minimum, the damping and the rounding,
 * with the figures of this run. Pure: the model and its result in, paragraphs out.
 */
import type { AllocationResult } from '../formula/allocate.js';
import type { Model } from '../model/schema.js';
import { formatPounds } from '../money/units.js';
import { formatPercent } from './numbers.js';

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function methodInWords(model: Model, result: AllocationResult): string[] {
  const money = (pence: number) => formatPounds(pence, result.rounding === 'penny');
  const n = result.areas.length;
  const paragraphs: string[] = [];

  const slices = result.pot.topSlices.map((slice) => `${money(slice.pence)}${slice.share !== undefined ? ` (${formatPercent(slice.share)})` : ''} for ${slice.name}`);
  paragraphs.push(
    `The fund of ${money(result.pot.totalPence)} is shared between ${n} area${n === 1 ? '' : 's'} by a needs formula.` +
      (slices.length ? ` First ${list(slices)} ${slices.length === 1 ? 'is' : 'are'} taken off the top, leaving ${money(result.pot.distributablePence)} to distribute.` : ''),
  );

  const indicators = result.indicators.map((summary) => {
    const spec = model.indicators[summary.name]!;
    const what = spec.column !== undefined ? `the column ${spec.column}` : `${spec.expression}`;
    const scaled = summary.scaleBy !== undefined ? `, multiplied by ${summary.scaleBy} so that an intensity counts people` : '';
    const source = spec.source ? ` (${spec.source})` : '';
    return `${summary.name} at ${formatPercent(summary.weight)}: ${what}${scaled}${source}`;
  });
  paragraphs.push(
    `Each area's need share is the weighted sum of its shares of ${result.indicators.length === 1 ? 'one indicator' : `${result.indicators.length} indicators`}, an area's share being its value over the total of all areas: ${list(indicators)}. ` +
      'The need share times the distributable pot is the area\'s formula target.',
  );

  if (result.minimum) {
    paragraphs.push(
      `No area receives less than ${money(result.minimum.pence)}: ${result.minimum.raised} area${result.minimum.raised === 1 ? ' is' : 's are'} raised to it, and the cost is taken from the others in proportion to their targets (each kept ${(result.minimum.scalingFactor * 100).toFixed(2)}% of its target).`,
    );
  }

  const damping = result.damping;
  if (damping) {
    const priorText = `last year's allocation (the column ${damping.prior}, ${money(damping.priorTotalPence)} in all)`;
    const words: Record<string, string> = {
      floor_scale: `No area's allocation falls by more than ${formatPercent(-(damping.floor ?? 0))} against ${priorText}; the areas above that floor keep ${(damping.scalingFactor * 100).toFixed(2)}% of their gain over it, one common factor solved so that the pot balances exactly (the method of the DCLG and Home Office police grant floor).`,
      floor_ceiling: `Each area's change against ${priorText} is kept between ${formatPercent(damping.floor ?? 0)} and ${formatPercent(damping.ceiling ?? 0)}; the others' targets are scaled by ${damping.scalingFactor.toFixed(6)} so that the pot balances.`,
      equal_change: `Every area's allocation changes by the same percentage against ${priorText}.`,
      transition: `Each area moves 1/${damping.years} of the way from ${priorText} towards its target, then all are scaled by ${damping.scalingFactor.toFixed(6)} so that the pot balances.`,
    };
    paragraphs.push(words[damping.method]!);
  }

  paragraphs.push(
    `Allocations are rounded to the ${result.rounding === 'pound' ? 'whole pound' : 'penny'} by the largest-remainder method: every amount is rounded down, and the ${result.leftoverUnits} unit${result.leftoverUnits === 1 ? '' : 's'} left over go${result.leftoverUnits === 1 ? 'es' : ''} to the largest fractions (ties to the lower area code), so the allocations add up to ${money(result.pot.distributablePence)} exactly. The worked example for each area below shows every step and figure.`,
  );
  return paragraphs;
}
