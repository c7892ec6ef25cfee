/** A settlement as tables: each area's prior and allocation year by year, and each year's own table. */
import { floorInWords } from '../../formula/damping/floor-scale.js';
import { formatPounds } from '../../money/units.js';
import type { SettlementJson } from '../../results/settlement.js';
import { rowOf, type Column, type Fact, type ResultDocument, type Table } from '../form.js';
import { allocationDocument } from './allocation.js';
import { AREA_CODE, AREA_NAME, areaCells, documentTitle, money } from './common.js';

export function settlementDocument(json: SettlementJson): ResultDocument {
  const firstYear = json.years[0]!.allocation;
  const pence = firstYear.rounding === 'penny' ? 'always' : 'auto';
  const damped = json.areas.some((a) => a.prior_pence !== null);
  const columns: Column[] = [
    AREA_NAME,
    AREA_CODE,
    ...(damped ? [money('prior_gbp', 'Prior', pence)] : []),
    ...json.years.map((y): Column => money(`allocation_${y.year}_gbp`, `${y.label}${y.indicative ? ' (indicative)' : ''}`, pence)),
    ...(damped ? [{ id: 'change_over_settlement_percent', header: 'Change over the settlement', kind: 'change', width: 14 } as Column] : []),
  ];
  const sum = (pick: (a: SettlementJson['areas'][number]) => number | null) => json.areas.reduce((s, a) => s + (pick(a) ?? 0), 0);
  const priorTotal = sum((a) => a.prior_pence);
  const lastTotal = sum((a) => a.allocations_pence.at(-1)!);
  const paths: Table = {
    name: 'Settlement',
    caption: 'Allocations by area, year by year',
    columns,
    rows: [
      ...json.areas.map((a) =>
        rowOf(columns, {
          ...areaCells(a),
          prior_gbp: a.prior_pence,
          ...Object.fromEntries(json.years.map((y, k) => [`allocation_${y.year}_gbp`, a.allocations_pence[k]!])),
          change_over_settlement_percent: a.change_over_settlement,
        }),
      ),
      rowOf(
        columns,
        {
          area_name: 'Total',
          area_key: '',
          prior_gbp: priorTotal,
          ...Object.fromEntries(json.years.map((y, k) => [`allocation_${y.year}_gbp`, sum((a) => a.allocations_pence[k]!)])),
          change_over_settlement_percent: priorTotal > 0 ? lastTotal / priorTotal - 1 : null,
        },
        { total: true },
      ),
    ],
    csv: { columns: ['area_key', 'area_name', ...(damped ? ['prior_gbp'] : []), ...json.years.map((y) => `allocation_${y.year}_gbp`), ...(damped ? ['change_over_settlement_percent'] : [])] },
  };
  const facts: Fact[] = json.years.map((y) => {
    const a = y.allocation;
    const damping = a.damping ? `; ${a.damping.method}${a.damping.floor !== undefined ? ` (${floorInWords(a.damping.floor)})` : ''} against ${a.damping.prior_source ?? `column ${a.damping.prior}`}` : '';
    return { label: `${y.label}${y.indicative ? ' (indicative)' : ' (firm)'}`, value: `pot ${formatPounds(a.pot.distributable_pence, pence === 'always')} to distribute${damping}`, kind: 'text' };
  });
  // Each year's own tables, for the workbook and the page: its allocations and worked examples.
  const yearTables = json.years.flatMap((y) =>
    allocationDocument(y.allocation)
      .tables.filter((t) => t.name === 'Allocations' || t.name === 'Worked examples')
      .map((t): Table => ({ ...t, name: `${t.name === 'Allocations' ? '' : 'Examples '}${y.label}`.replace('/', '-').trim(), caption: `${y.label}${y.indicative ? ' (indicative)' : ''}: ${t.caption.toLowerCase()}`, only: 'files' })),
  );
  return {
    title: documentTitle(json.title, json.period, json.manifest),
    facts,
    tables: [paths, ...yearTables],
    notes: [`Every year adds up exactly to its own pot; each later year is damped against the year before it, area by area. 'fairshare explain SETTLEMENT AREA' shows an area's working year by year.`],
    csvTable: 'Settlement',
  };
}
