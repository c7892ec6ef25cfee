/** Number formats shared by the text outputs. */
const SHARE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 6, maximumFractionDigits: 6 });
const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });

/** A share or weight, to six decimals: 0.123457. */
export function formatShare(share: number): string {
  return SHARE.format(share);
}

/** An indicator value with thousands separators: 195,618 or 24.1234. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A fraction as a signed percentage: +2.02%, -5%. */
export function formatChange(change: number | null, decimals = 2): string {
  if (change === null) return 'n/a';
  const pct = change * 100;
  const text = Math.abs(pct).toFixed(decimals);
  return `${pct > 0 ? '+' : pct < 0 ? '-' : ''}${text}%`;
}

/** A fraction as a percentage without a forced sign: 10%, 2.5%. */
export function formatPercent(fraction: number): string {
  return `${+(fraction * 100).toFixed(6)}%`;
}
