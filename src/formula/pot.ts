import type { Model } from '../model/schema.js';
import { poundsToPence, unitPence } from '../money/units.js';

export interface TopSliceResult {
  name: string;
  /** Fraction of the pot total, for share-based slices. */
  share?: number;
  /** Fraction of what the slices before it left, for such slices. */
  shareOfRemaining?: number;
  /** Unrounded amount in pence (share x total); equals `pence` for fixed amounts. */
  exactPence: number;
  pence: number;
}

export interface PotResult {
  totalPence: number;
  topSlices: TopSliceResult[];
  distributablePence: number;
}

/**
 * Top-slices come off the total first, in order. A share-based slice (of the total, or of
 * what the slices before it left) is rounded to the nearest rounding unit (halves up), so
 * the distributable pot is a whole number of units.
 */
export function splitPot(model: Model): PotResult {
  const unit = unitPence(model.rounding);
  const totalPence = poundsToPence(model.pot.total);
  let remaining = totalPence;
  const topSlices = (model.pot.top_slices ?? []).map((slice): TopSliceResult => {
    let result: TopSliceResult;
    if (slice.share !== undefined) {
      const exactPence = totalPence * slice.share;
      result = { name: slice.name, share: slice.share, exactPence, pence: Math.round(exactPence / unit) * unit };
    } else if (slice.share_of_remaining !== undefined) {
      const exactPence = Math.max(0, remaining) * slice.share_of_remaining;
      result = { name: slice.name, shareOfRemaining: slice.share_of_remaining, exactPence, pence: Math.round(exactPence / unit) * unit };
    } else {
      const pence = poundsToPence(slice.amount ?? 0);
      result = { name: slice.name, exactPence: pence, pence };
    }
    remaining -= result.pence;
    return result;
  });
  const distributablePence = topSlices.reduce((rest, slice) => rest - slice.pence, totalPence);
  return { totalPence, topSlices, distributablePence };
}
