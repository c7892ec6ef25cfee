/** The JSON form of an allocation, as `model-format.md` fixes it. Money is integer pence. */
import type { AllocationResult } from '../formula/allocate.js';
import type { RunManifest } from './manifest.js';
import { workedExample } from './worked-example.js';

export function allocationJson(result: AllocationResult, manifest: RunManifest): unknown {
  const pence = (value: number) => Math.round(value);
  return {
    result: 'allocation',
    title: result.title,
    period: result.period ?? null,
    rounding: result.rounding,
    pot: {
      total_pence: result.pot.totalPence,
      top_slices: result.pot.topSlices.map((slice) => ({
        name: slice.name,
        ...(slice.share !== undefined && { share: slice.share }),
        pence: slice.pence,
      })),
      distributable_pence: result.pot.distributablePence,
    },
    indicators: result.indicators.map((indicator) => ({
      name: indicator.name,
      ...(indicator.column !== undefined && { column: indicator.column }),
      ...(indicator.expression !== undefined && { expression: indicator.expression }),
      ...(indicator.scaleBy !== undefined && { scale_by: indicator.scaleBy }),
      weight: indicator.weight,
      total: indicator.total,
    })),
    minimum: result.minimum
      ? { pence: result.minimum.pence, areas_raised: result.minimum.raised, scaling_factor: result.minimum.scalingFactor }
      : null,
    areas: result.areas.map((area) => ({
      key: area.key,
      label: area.label,
      need_share: area.needShare,
      indicators: Object.fromEntries(
        Object.entries(area.indicators).map(([name, own]) => [
          name,
          {
            value: own.value,
            ...(own.scaleBy !== undefined && { scale_by: own.scaleBy, amount: own.amount }),
            share: own.share,
            weighted: own.weighted,
          },
        ]),
      ),
      formula_pence: pence(area.formulaPence),
      target_pence: pence(area.targetPence),
      ...(area.damping && {
        prior_pence: pence(area.damping.priorPence),
        damping_outcome: area.damping.outcome,
        ...(area.damping.floorPence !== undefined && { floor_pence: area.damping.floorPence }),
        ...(area.damping.ceilingPence !== undefined && { ceiling_pence: area.damping.ceilingPence }),
      }),
      allocation_pence: area.allocationPence,
      change: area.change,
      worked_example: workedExample(result, area),
    })),
    damping: result.damping
      ? {
          method: result.damping.method,
          prior: result.damping.prior,
          ...(result.damping.floor !== undefined && { floor: result.damping.floor }),
          ...(result.damping.ceiling !== undefined && { ceiling: result.damping.ceiling }),
          ...(result.damping.years !== undefined && { years: result.damping.years }),
          scaling_factor: result.damping.scalingFactor,
          prior_total_pence: pence(result.damping.priorTotalPence),
        }
      : null,
    totals: {
      allocation_pence: result.areas.reduce((sum, area) => sum + area.allocationPence, 0),
      areas: result.areas.length,
    },
    manifest,
  };
}

export function formatAllocationJson(result: AllocationResult, manifest: RunManifest): string {
  return `${JSON.stringify(allocationJson(result, manifest), null, 2)}\n`;
}
