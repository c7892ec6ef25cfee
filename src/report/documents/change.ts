/** A change receipt as tables: each area's change split by factor, and the receipt in words. */
import { formatPounds } from '../../money/units.js';
import { factorName } from '../../receipts/receipt.js';
import type { ChangeJson } from '../../results/change.js';
import { rowOf, type Column, type ResultDocument, type Table } from '../form.js';
import { AREA_CODE, AREA_NAME, areaCells, money } from './common.js';


const signed = (pence: number) => `${pence < 0 ? '-' : '+'}${formatPounds(Math.abs(pence))}`;

/** "Bristol: -£94,278 = pot -£60,110, crime data +£12,004, rounding -£604". */
export function receiptLine(area: ChangeJson['areas'][number]): string {
  const change = area.to_pence - area.from_pence;
  const parts = area.parts.filter((p) => p.pence !== 0).map((p) => `${factorName(p.factor)} ${signed(p.pence)}`);
  return `${area.label}: ${signed(change)} = ${parts.length ? parts.join(', ') : 'no change'}`;
}

export function changeDocument(json: ChangeJson): ResultDocument {
  const columns: Column[] = [
    AREA_NAME,
    AREA_CODE,
    money('from_gbp', 'From', 'auto'),
    money('to_gbp', 'To', 'auto'),
    money('change_gbp', 'Change', 'auto'),
    ...json.factors.map((factor): Column => money(`${factor.replace(/[^A-Za-z0-9]+/g, '_')}_gbp`, factorName(factor), 'auto')),
  ];
  const id = (factor: string) => `${factor.replace(/[^A-Za-z0-9]+/g, '_')}_gbp`;
  const total = (pick: (a: ChangeJson['areas'][number]) => number) => json.areas.reduce((s, a) => s + pick(a), 0);
  const table: Table = {
    name: 'Receipts',
    caption: `Why each allocation changed: ${json.from} to ${json.to}`,
    intro: ['Each change split into the factors that caused it (Shapley values: every order of switching the factors counted equally), in whole pence that add up to the change.'],
    columns,
    rows: [
      ...json.areas.map((a) =>
        rowOf(columns, {
          ...areaCells(a),
          from_gbp: a.from_pence,
          to_gbp: a.to_pence,
          change_gbp: a.to_pence - a.from_pence,
          ...Object.fromEntries(a.parts.map((p) => [id(p.factor), p.pence])),
        }),
      ),
      rowOf(
        columns,
        {
          area_name: 'Total',
          area_key: '',
          from_gbp: total((a) => a.from_pence),
          to_gbp: total((a) => a.to_pence),
          change_gbp: total((a) => a.to_pence - a.from_pence),
          ...Object.fromEntries(json.factors.map((f) => [id(f), total((a) => a.parts.find((p) => p.factor === f)?.pence ?? 0)])),
        },
        { total: true },
      ),
    ],
  };
  return { title: `Why the allocations changed: ${json.from} to ${json.to}`, facts: [], tables: [table], notes: json.areas.map(receiptLine), csvTable: 'Receipts' };
}
