/** What the result documents share: titles that say what was overridden, money columns. */
import type { Manifest } from '../../results/common.js';
import type { Column, PenceShown } from '../form.js';

/** "Title (2025/26)", and what a run changed on the command line: "(what-if: pot.total=2900000)". */
export function documentTitle(title: string, period: string | null | undefined, manifest: Manifest | undefined, prefix = ''): string {
  const dated = `${prefix}${title}${period && !title.includes(period) ? ` (${period})` : ''}`;
  const overrides = manifest?.overrides ?? [];
  return overrides.length > 0 ? `${dated} [what-if: ${overrides.join(', ')}]` : dated;
}

/** A money column: pounds in people's outputs, `id` in CSV. */
export const money = (id: string, header: string, pence: PenceShown = 'always', extra: Partial<Column> = {}): Column => ({ id, header, kind: 'pence', pence, width: 16, ...extra });

/** The financial year 2025 as 2025/26. */
export { financialYear as yearLabel } from '../../model/financial-year.js';

/** The area's name and code: the first columns of every table by area. */
export const AREA_NAME: Column = { id: 'area_name', header: 'Area', kind: 'text', width: 32 };
export const AREA_CODE: Column = { id: 'area_key', header: 'Code', kind: 'code', width: 12 };

/** An area's cells for those columns. */
export const areaCells = (area: { label: string; key: string }) => ({ area_name: area.label, area_key: area.key });
