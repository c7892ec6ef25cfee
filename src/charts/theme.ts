/**
 * One look for every chart: a colour-blind-safe palette (Okabe and Ito), the bundled DejaVu
 * Sans at sizes readable in a printed paper, pounds with thousands separators, and a title
 * with the source under it. Pure data: Vega-Lite config and helpers.
 */
import type { Config } from 'vega-lite/types_unstable/config.js';

/** The font bundled with fairshare (dejavu-fonts-ttf), so output is the same on every machine. */
export const FONT = 'DejaVu Sans';

/** Okabe and Ito's palette, distinguishable with every common form of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
/** Gains and losses: blue and vermilion (a pair that stays distinct in colour blindness). */
export const GAIN = '#0072B2';
export const LOSS = '#D55E00';
export const MUTED = '#8c8c8c';

export const WIDTH = 640;
/** Height of one bar's band, for charts with a bar per area. */
export const BAND = 22;

/** Axis labels in pounds: £1,234,567 (and -£12,345). */
export const POUNDS_LABEL = "(datum.value < 0 ? '-£' : '£') + format(abs(datum.value), ',.0f')";
/** The same for text marks and tooltips, over a field. */
export const pounds = (field: string): string => `(datum['${field}'] < 0 ? '-£' : '£') + format(abs(datum['${field}']), ',.0f')`;

export function config(): Config {
  return {
    font: FONT,
    background: 'white',
    padding: 12,
    title: { fontSize: 16, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#444444', subtitlePadding: 4, offset: 12 },
    axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 280, gridColor: '#e6e6e6', domainColor: '#888888', tickColor: '#888888' },
    legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 280 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    range: { category: PALETTE },
    view: { stroke: null },
    text: { fontSize: 11 },
  };
}

/** Title and source (the subtitle), for every chart; a long source wraps at its '; ' parts. */
export function title(text: string, source: string): { text: string; subtitle: string[] } {
  const lines: string[] = [];
  for (const part of source.split('; ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + part.length + 2 <= 110) lines[lines.length - 1] = `${last}; ${part}`;
    else lines.push(part);
  }
  return { text, subtitle: lines };
}

/** £1.2m or £345,678 for alt text: short enough to read aloud. */
export function spoken(pence: number): string {
  const pounds = pence / 100;
  const sign = pounds < 0 ? '-' : '';
  const abs = Math.abs(pounds);
  if (abs >= 1e6) return `${sign}£${(abs / 1e6).toFixed(abs >= 1e7 ? 1 : 2)}m`;
  return `${sign}£${Math.round(abs).toLocaleString('en-GB')}`;
}

/** A list in words, the first few named: "A, B and C" or "A, B, C and 4 more". */
export function listed(items: readonly string[], most = 5): string {
  if (items.length <= 1) return items.join('');
  const shown = items.slice(0, Math.min(most, items.length));
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
