import type { Model } from '../model/schema.js';
import { poundsToPence, unitPence } from '../money/units.js';

export interface TopSliceResult {
  name: string;
  /** Fraction of the pot total, for share-based slices. */
  share?: number;
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
 * Top-slices come off the total first, in order. A share-based slice is rounded to the
 * nearest rounding unit (halves up), so the distributable pot is a whole number of units.
 */
export function splitPot(model: Model): PotResult {
  const unit = unitPence(model.rounding);
  const totalPence = poundsToPence(model.pot.total);
  const topSlices = (model.pot.top_slices ?? []).map((slice): TopSliceResult => {
    if (slice.share !== undefined) {
      const exactPence = totalPence * slice.share;
      return { name: slice.name, share: slice.share, exactPence, pence: Math.round(exactPence / unit) * unit };
    }
    const pence = poundsToPence(slice.amount ?? 0);
    return { name: slice.name, exactPence: pence, pence };
  });
  const distributablePence = topSlices.reduce((rest, slice) => rest - slice.pence, totalPence);
  return { totalPence, topSlices, distributablePence };
}
