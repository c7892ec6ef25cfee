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
export const yearLabel = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
