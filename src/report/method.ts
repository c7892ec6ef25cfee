/**
 * The method of an allocation in words, for a budget paper: what came off the pot, which
 * indicators with what weight and from where, the minimum, the damping and the rounding,
 * with the figures of this run. Pure: the model and its result in, paragraphs out.
 */
import type { AllocationResult } from '../formula/allocate.js';
import type { Model } from '../model/schema.js';
import { formatPounds } from '../money/units.js';
import { floorInWords } from '../formula/damping/floor-scale.js';
import { formatPercent } from './numbers.js';

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function methodInWords(model: Model, result: AllocationResult): string[] {
  const money = (pence: number) => formatPounds(pence, result.rounding === 'penny');
  const n = result.areas.length;
  const paragraphs: string[] = [];

  const slices = result.pot.topSlices.map((slice) => `${money(slice.pence)}${slice.share !== undefined ? ` (${formatPercent(slice.share)})` : slice.shareOfRemaining !== undefined ? ` (${formatPercent(slice.shareOfRemaining)} of what the slices before it left)` : ''} for ${slice.name}`);
  paragraphs.push(
    `The fund of ${money(result.pot.totalPence)} is shared between ${n} area${n === 1 ? '' : 's'} by a needs formula.` +
      (slices.length ? ` First ${list(slices)} ${slices.length === 1 ? 'is' : 'are'} taken off the top, leaving ${money(result.pot.distributablePence)} to distribute.` : ''),
  );

  /** An indicator in words, from the part of the model that holds it (the model or a stream). */
  const indicatorWords = (indicators: Model['indicators'], summaries: AllocationResult['indicators']) =>
    summaries.map((summary) => {
      const spec = indicators[summary.name]!;
      const what = spec.column !== undefined ? `the column ${spec.column}` : `${spec.expression}`;
      const scaled = summary.scaleBy !== undefined ? `, multiplied by ${summary.scaleBy} so that an intensity counts people` : '';
      const source = spec.source ? ` (${spec.source})` : '';
      return `${summary.name} at ${formatPercent(summary.weight)}: ${what}${scaled}${source}`;
    });
  const shares = (count: number) => (count === 1 ? 'one indicator' : `${count} indicators`);

  if (result.streams && model.streams) {
    const streams = result.streams.map((stream) => {
      const spec = model.streams![stream.key]!;
      if (spec.rule === 'fixed') return `${stream.name}, ${money(stream.totalPence)}: each area's fixed amount from the column ${stream.column}`;
      if (spec.rule === 'held_flat') return `${stream.name}, ${money(stream.totalPence)}: each area's amount last year (the column ${stream.column}), held flat`;
      const own = stream.result!;
      const damped = own.damping ? `, damped on its own against ${own.damping.priorSource}${own.damping.floor !== undefined ? ` (${floorInWords(own.damping.floor)})` : ''}` : '';
      return `${stream.name}, ${money(stream.totalPence)}${stream.takesTheRest ? ' (what the other streams leave)' : ''}: shared by ${shares(own.indicators.length)}, ${list(indicatorWords(spec.indicators, own.indicators))}${own.minimum ? `, with a minimum of ${money(own.minimum.pence)}` : ''}${damped}`;
    });
    paragraphs.push(`Each area's allocation is made of ${result.streams.length} stream${result.streams.length === 1 ? '' : 's'}, added up: ${list(streams)}.`);
  } else if (result.indicators.length === 0) {
    paragraphs.push('There is no formula: every area changes by the same percentage against its prior.');
  } else {
    paragraphs.push(
      `Each area's need share is the weighted sum of its shares of ${shares(result.indicators.length)}, an area's share being its value over the total of all areas: ${list(indicatorWords(model.indicators, result.indicators))}. ` +
        "The need share times the distributable pot is the area's formula target.",
    );
  }
  if (result.fixed) {
    const fixed = result.areas.filter((area) => area.fixed).map((area) => `${area.label} ${money(area.allocationPence)}${area.fixed!.reason ? ` (${area.fixed!.reason})` : ''}`);
    paragraphs.push(`${list(fixed)} ${fixed.length === 1 ? 'is' : 'are'} kept outside the formula with a fixed sum; the other areas share the remaining ${money(result.pot.distributablePence - result.fixed.totalPence)} by it.`);
  }

  if (result.minimum) {
    paragraphs.push(
      `No area receives less than ${money(result.minimum.pence)}: ${result.minimum.raised} area${result.minimum.raised === 1 ? ' is' : 's are'} raised to it, and the cost is taken from the others in proportion to their targets (each kept ${(result.minimum.scalingFactor * 100).toFixed(2)}% of its target).`,
    );
  }

  const damping = result.damping;
  if (damping) {
    const adjusted = result.areas.filter((area) => area.damping?.adjustment);
    const adjustments = adjusted.length ? `, after like-for-like adjustments for ${adjusted.length} area${adjusted.length === 1 ? '' : 's'} (${money(adjusted.reduce((sum, area) => sum + area.damping!.adjustment!.pence, 0))} in all)` : '';
    const priorText = `${damping.priorSource.startsWith('column') ? `last year's allocation (the ${damping.priorSource}` : `${damping.priorSource} (`}, ${money(damping.priorTotalPence)} in all${adjustments})`;
    const factor = damping.imposed
      ? `the areas above that floor keep ${(damping.scalingFactor * 100).toFixed(2)}% of their gain over it, the published scale-back factor, which leaves ${money(result.residualPence)} of the pot unallocated`
      : `the areas above that floor keep ${(damping.scalingFactor * 100).toFixed(2)}% of their gain over it, one common factor solved so that the pot balances exactly`;
    const words: Record<string, string> = {
      floor_scale: `${result.streams ? "Each area's streams added up are" : 'Allocations are'} measured against ${priorText}: ${floorInWords(damping.floor ?? 0)}; ${factor} (the method of the DCLG and Home Office police grant floor).`,
      floor_ceiling: `Each area's change against ${priorText} is kept between ${formatPercent(damping.floor ?? 0)} and ${formatPercent(damping.ceiling ?? 0)}; the others' targets are scaled by ${damping.scalingFactor.toFixed(6)} so that the pot balances.`,
      equal_change: `Every area's allocation changes by the same percentage against ${priorText}.`,
      transition: `Each area moves 1/${damping.years} of the way from ${priorText} towards its target, then all are scaled by ${damping.scalingFactor.toFixed(6)} so that the pot balances.`,
    };
    paragraphs.push(words[damping.method]!);
  }

  paragraphs.push(
    `Allocations are rounded to the ${result.rounding === 'pound' ? 'whole pound' : 'penny'} by the largest-remainder method: every amount is rounded down, and the ${result.leftoverUnits} unit${result.leftoverUnits === 1 ? '' : 's'} left over go${result.leftoverUnits === 1 ? 'es' : ''} to the largest fractions (ties to the lower area code), so the allocations add up to ${money(result.pot.distributablePence - result.residualPence)} exactly. The worked example for each area below shows every step and figure.`,
  );
  return paragraphs;
}
