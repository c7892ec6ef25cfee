/** A check against a published table, as a table: published, computed, the difference, within tolerance. */
import type { CheckJson } from '../../results/check.js';
import { rowOf, type Column, type ResultDocument } from '../form.js';
import { AREA_CODE, AREA_NAME, areaCells, money } from './common.js';

export function checkDocument(json: CheckJson): ResultDocument {
  const columns: Column[] = [
    AREA_NAME,
    AREA_CODE,
    money('published_gbp', 'Published', 'auto'),
    money('computed_gbp', 'Computed', 'auto'),
    money('difference_gbp', 'Difference', 'auto'),
    { id: 'within_tolerance', header: 'Within tolerance', kind: 'text', width: 10 },
  ];
  return {
    title: `Check of ${json.title} against ${json.published_file}`,
    facts: [
      { label: 'Published total', value: json.published_total_pence, kind: 'pence', pence: 'auto' },
      { label: 'Pot', value: json.pot_pence, kind: 'pence', pence: 'auto' },
      { label: 'Tolerance', value: json.tolerance_pence, kind: 'pence', pence: 'auto' },
    ],
    tables: [
      {
        name: 'Check',
        caption: 'Published and computed, area by area',
        columns,
        rows: [
          ...json.areas.map((a) => rowOf(columns, { ...areaCells(a), published_gbp: a.published_pence, computed_gbp: a.computed_pence, difference_gbp: a.difference_pence, within_tolerance: a.within ? 'yes' : 'NO' })),
          rowOf(columns, { area_name: 'Total', area_key: '', published_gbp: json.published_total_pence, computed_gbp: json.computed_total_pence, difference_gbp: json.published_total_pence - json.computed_total_pence, within_tolerance: '' }, { total: true }),
        ],
        csv: { columns: ['area_key', 'area_name', 'published_gbp', 'computed_gbp', 'difference_gbp', 'within_tolerance'] },
      },
    ],
    notes: json.findings,
    csvTable: 'Check',
  };
}
