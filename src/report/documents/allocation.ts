/** An allocation as tables: the facts of the formula, each area's figures, the worked examples. */
import type { AllocationJson } from '../../results/allocation.js';
import { formatChange, formatPercent } from '../numbers.js';
import { formatPounds } from '../../money/units.js';
import { floorInWords } from '../../formula/damping/floor-scale.js';
import { rowOf, type Column, type Fact, type ResultDocument, type Row, type Table } from '../form.js';
import { AREA_CODE, AREA_NAME, areaCells, documentTitle, money } from './common.js';

export function allocationDocument(json: AllocationJson): ResultDocument {
  const pence = json.rounding === 'penny' ? 'always' : 'auto';
  const facts: Fact[] = [
    { label: 'Pot total', value: json.pot.total_pence, kind: 'pence', pence },
    ...json.pot.top_slices.map((slice): Fact => ({ label: `less ${slice.name}${slice.share !== undefined ? ` (${formatPercent(slice.share)})` : slice.share_of_remaining !== undefined ? ` (${formatPercent(slice.share_of_remaining)} of what was left)` : ''}`, value: slice.pence, kind: 'pence', pence, depth: 1 })),
    { label: 'Distributable', value: json.pot.distributable_pence, kind: 'pence', pence },
    ...(json.streams
      ? json.streams.map((stream): Fact => ({ label: `Stream: ${stream.name}`, value: `${formatPounds(stream.total_pence, pence === 'always')}, ${streamRule(stream)}`, kind: 'text' }))
      : [{ label: 'Formula', value: json.indicators.length ? json.indicators.map((i) => `${i.name} ${formatPercent(i.weight)}`).join(', ') : 'none: every area changes by the same percentage', kind: 'text' } as Fact]),
    ...(json.totals?.fixed_pence !== undefined
      ? [{ label: 'Fixed outside the formula', value: `${formatPounds(json.totals.fixed_pence, pence === 'always')} for ${json.areas.filter((a) => a.fixed).map((a) => `${a.label}${a.fixed!.reason ? ` (${a.fixed!.reason})` : ''}`).join(', ')}`, kind: 'text' } as Fact]
      : []),
  ];
  if (json.minimum) {
    facts.push({ label: 'Minimum', value: `${formatPounds(json.minimum.pence, pence === 'always')} (${json.minimum.areas_raised} area(s) raised; others scaled by ${json.minimum.scaling_factor.toFixed(6)})`, kind: 'text' });
  }
  const damping = json.damping;
  if (damping) {
    const bounds = [
      damping.floor !== undefined ? `floor ${formatChange(damping.floor)}` : '',
      damping.ceiling !== undefined ? `ceiling ${formatChange(damping.ceiling)}` : '',
      damping.years !== undefined ? `over ${damping.years} years` : '',
    ].filter(Boolean);
    const words = damping.floor !== undefined ? ` (${floorInWords(damping.floor)})` : '';
    facts.push({ label: 'Damping', value: `${damping.method}${bounds.length ? `, ${bounds.join(', ')}` : ''}${words}; factor ${damping.scaling_factor.toFixed(6)}${damping.imposed ? ' (imposed)' : ''}; prior: ${damping.prior_source ?? `column ${damping.prior}`}`, kind: 'text' });
  }
  facts.push({ label: 'Rounding', value: `to the ${json.rounding === 'penny' ? 'penny' : 'whole pound'}, largest remainder`, kind: 'text' });
  const residual = json.totals?.residual_pence ?? 0;
  if (residual !== 0) facts.push({ label: 'Residual (not allocated)', value: residual, kind: 'pence', pence });

  const damped = damping !== null && damping !== undefined;
  // A model of streams shows each stream's amount, then their total (damped, if damping).
  const streams = json.streams ?? [];
  const names = streams.length ? [] : json.indicators.map((i) => i.name);
  // Like-for-like adjustments get their own column, so the base each change is measured from can be traced.
  const adjusted = json.areas.some((a) => a.prior_adjustment_pence !== undefined);
  const columns: Column[] = [
    AREA_NAME,
    AREA_CODE,
    ...names.map((name): Column => ({ id: `${name}_share`, header: `${name} share`, kind: 'share', wide: true, width: 14 })),
    // A model without a formula (an equal change) has no need share or target to show.
    ...(names.length > 0 ? [{ id: 'need_share', header: 'Need share', kind: 'share', width: 12 } as Column, money('target_gbp', 'Target', 'auto')] : []),
    ...streams.map((stream) => money(`stream_${stream.key}_gbp`, stream.name, pence)),
    ...(streams.length && damped ? [money('target_gbp', 'Streams total', pence)] : []),
    ...(adjusted ? [money('prior_adjustment_gbp', 'Adjustment', pence)] : []),
    ...(damped ? [money('prior_gbp', adjusted ? 'Adjusted prior' : 'Prior', pence)] : []),
    money('allocation_gbp', 'Allocation', pence),
    ...(damped ? [{ id: 'change_percent', header: 'Change', kind: 'change', width: 10 } as Column] : []),
  ];
  const total = json.areas.reduce((s, a) => s + a.allocation_pence, 0);
  // The priors of every row, fixed areas' included, so the total reads like-for-like.
  const priorTotal = json.areas.reduce((s, a) => s + (a.prior_pence ?? 0), 0);
  const allocations: Table = {
    name: 'Allocations',
    caption: 'Allocations by area',
    columns,
    rows: [
      ...json.areas.map((a) =>
        rowOf(columns, {
          ...areaCells(a),
          ...Object.fromEntries(names.map((name) => [`${name}_share`, a.indicators[name]?.share ?? null])),
          ...Object.fromEntries(streams.map((stream) => [`stream_${stream.key}_gbp`, a.streams?.[stream.key] ?? null])),
          need_share: a.need_share,
          target_gbp: a.target_pence,
          prior_adjustment_gbp: a.prior_adjustment_pence ?? null,
          prior_gbp: a.prior_pence ?? null,
          allocation_gbp: a.allocation_pence,
          change_percent: a.change,
        }),
      ),
      rowOf(
        columns,
        {
          area_name: 'Total',
          area_key: '',
          need_share: json.areas.reduce((s, a) => s + a.need_share, 0),
          target_gbp: json.areas.reduce((s, a) => s + a.target_pence, 0),
          prior_adjustment_gbp: json.areas.reduce((s, a) => s + (a.prior_adjustment_pence ?? 0), 0),
          prior_gbp: priorTotal,
          allocation_gbp: total,
          change_percent: priorTotal > 0 ? total / priorTotal - 1 : null,
          ...Object.fromEntries(names.map((name) => [`${name}_share`, json.areas.reduce((s, a) => s + (a.indicators[name]?.share ?? 0), 0)])),
          ...Object.fromEntries(streams.map((stream) => [`stream_${stream.key}_gbp`, stream.total_pence])),
        },
        { total: true },
      ),
    ],
    csv: { columns: ['area_key', 'area_name', ...names.map((name) => `${name}_share`), ...(names.length > 0 ? ['need_share', 'target_gbp'] : []), ...streams.map((stream) => `stream_${stream.key}_gbp`), ...(streams.length && damped ? ['target_gbp'] : []), ...(adjusted ? ['prior_adjustment_gbp'] : []), ...(damped ? ['prior_gbp'] : []), 'allocation_gbp', ...(damped ? ['change_percent'] : [])] },
  };
  const indicatorColumns: Column[] = [
    { id: 'indicator', header: 'Indicator', kind: 'code', width: 16 },
    { id: 'source', header: 'Column or expression', kind: 'text', width: 40 },
    { id: 'scale_by', header: 'Scaled by', kind: 'code', width: 14 },
    { id: 'weight', header: 'Weight', kind: 'percent', width: 10 },
    { id: 'total', header: 'Total over all areas', kind: 'count', width: 20 },
  ];
  const indicators: Table = {
    name: 'Indicators',
    caption: 'Indicators and weights',
    columns: indicatorColumns,
    rows: streams.length
      ? streams.flatMap((stream) => (stream.indicators ?? []).map((i) => rowOf(indicatorColumns, { indicator: `${stream.key}: ${i.name}`, source: i.column ?? i.expression ?? '', scale_by: i.scale_by ?? null, weight: i.weight, total: null })))
      : json.indicators.map((i) => rowOf(indicatorColumns, { indicator: i.name, source: i.column ?? i.expression ?? '', scale_by: i.scale_by ?? null, weight: i.weight, total: i.total ?? null })),
    only: 'files',
  };
  const exampleColumns: Column[] = [
    AREA_CODE,
    AREA_NAME,
    { id: 'step', header: 'Step', kind: 'text', width: 120 },
  ];
  let exampleRows: Row[] | undefined;
  const examples: Table = {
    name: 'Worked examples',
    caption: 'Worked examples',
    intro: ['For each area, every step of its allocation with its inputs and its number.'],
    columns: exampleColumns,
    // Made when a writer reads them: a CSV of the allocations never does.
    get rows() {
      return (exampleRows ??= json.areas.flatMap((a) => (a.worked_example ?? []).map((step) => rowOf(exampleColumns, { ...areaCells(a), step }))));
    },
    only: 'files',
  };
  return { title: documentTitle(json.title, json.period, json.manifest), facts, tables: [allocations, indicators, examples],
    notes: [
      residual !== 0
        ? `Under the imposed scale-back factor the allocations add up to ${formatPounds(total, pence === 'always')}, leaving ${formatPounds(residual, pence === 'always')} of the distributable pot of ${formatPounds(json.pot.distributable_pence, pence === 'always')} unallocated (the residual). 'fairshare explain MODEL AREA' shows the working for one area.`
        : `Allocations add up to the distributable pot exactly (${formatPounds(total, pence === 'always')}). 'fairshare explain MODEL AREA' shows the working for one area.`,
    ], csvTable: 'Allocations' };
}

/** A stream's rule in words: "formula (crime 50%, population 50%), what the others leave". */
function streamRule(stream: NonNullable<AllocationJson['streams']>[number]): string {
  if (stream.rule === 'fixed') return `fixed amounts from column ${stream.column}`;
  if (stream.rule === 'held_flat') return `held flat at last year's amounts (column ${stream.column})`;
  const damping = stream.damping ? `; damped ${stream.damping.method}${stream.damping.floor !== undefined ? ` (${floorInWords(stream.damping.floor)})` : ''} against ${stream.damping.prior_source}` : '';
  const minimum = stream.minimum_pence !== undefined ? `; minimum ${formatPounds(stream.minimum_pence)}` : '';
  return `formula (${(stream.indicators ?? []).map((i) => `${i.name} ${formatPercent(i.weight)}`).join(', ')})${stream.takes_the_rest ? ', what the other streams leave' : ''}${minimum}${damping}`;
}
