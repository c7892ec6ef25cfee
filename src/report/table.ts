/** The readable terminal table of an allocation. */
import type { AllocationResult } from '../formula/allocate.js';
import { formatPounds as formatMoney } from '../money/units.js';
import { formatChange, formatPercent, formatShare } from './numbers.js';

type Align = 'left' | 'right';

/** Lay out rows as aligned columns; the first row is the header. */
export function layoutTable(rows: readonly string[][], align: readonly Align[]): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [header, ...body] = rows;
  return [line(header!), rule, ...body.map(line)];
}

export function formatAllocationTable(result: AllocationResult): string {
  const formatPounds = (pence: number) => formatMoney(pence, result.rounding === 'penny');
  const out: string[] = [];
  out.push(`${result.title}${result.period && !result.title.includes(result.period) ? ` (${result.period})` : ''}`);
  out.push('');
  out.push(`Pot total             ${formatPounds(result.pot.totalPence)}`);
  for (const slice of result.pot.topSlices) {
    out.push(`  less ${slice.name}${slice.share !== undefined ? ` (${formatPercent(slice.share)})` : ''}: ${formatPounds(slice.pence)}`);
  }
  out.push(`Distributable         ${formatPounds(result.pot.distributablePence)}`);
  const weights = result.indicators.map((indicator) => `${indicator.name} ${formatPercent(indicator.weight)}`).join(', ');
  out.push(`Formula               ${weights}`);
  if (result.minimum) {
    out.push(`Minimum               ${formatPounds(result.minimum.pence)} (${result.minimum.raised} area(s) raised; others scaled by ${result.minimum.scalingFactor.toFixed(6)})`);
  }
  const damping = result.damping;
  if (damping) {
    const bounds = [
      damping.floor !== undefined ? `floor ${formatChange(damping.floor)}` : '',
      damping.ceiling !== undefined ? `ceiling ${formatChange(damping.ceiling)}` : '',
      damping.years !== undefined ? `over ${damping.years} years` : '',
    ].filter(Boolean);
    out.push(`Damping               ${damping.method}${bounds.length ? `, ${bounds.join(', ')}` : ''}; factor ${damping.scalingFactor.toFixed(6)}`);
  }
  out.push(`Rounding              to the ${result.rounding === 'pound' ? 'whole pound' : 'penny'}, largest remainder`);
  out.push('');

  const header = ['Area', 'Code', 'Need share', 'Target', ...(damping ? ['Prior'] : []), 'Allocation', ...(damping ? ['Change'] : [])];
  const align: Align[] = ['left', 'left', 'right', 'right', ...(damping ? (['right'] as Align[]) : []), 'right', ...(damping ? (['right'] as Align[]) : [])];
  const rows = result.areas.map((area) => [
    area.label,
    area.key,
    formatShare(area.needShare),
    formatPounds(area.targetPence),
    ...(damping ? [formatPounds(area.damping!.priorPence)] : []),
    formatPounds(area.allocationPence),
    ...(damping ? [formatChange(area.change)] : []),
  ]);
  const total = result.areas.reduce((sum, area) => sum + area.allocationPence, 0);
  const priorTotal = damping?.priorTotalPence ?? 0;
  const totalRow = [
    'Total',
    '',
    formatShare(result.areas.reduce((sum, area) => sum + area.needShare, 0)),
    formatPounds(result.areas.reduce((sum, area) => sum + area.targetPence, 0)),
    ...(damping ? [formatPounds(priorTotal)] : []),
    formatPounds(total),
    ...(damping ? [formatChange(priorTotal > 0 ? total / priorTotal - 1 : null)] : []),
  ];
  const laidOut = layoutTable([header, ...rows, totalRow], align);
  out.push(...laidOut.slice(0, -1), laidOut[1]!, laidOut[laidOut.length - 1]!);
  out.push('');
  out.push(`Allocations add up to the distributable pot exactly (${formatPounds(total)}). 'fairshare explain MODEL AREA' shows the working for one area.`);
  return `${out.join('\n')}\n`;
}
