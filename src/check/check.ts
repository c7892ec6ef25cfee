/**
 * A published table checked against the model's own figures: each area's published and
 * computed allocation and the difference, and whether the published column adds up to the
 * pot (published tables often do not: say by how much, and where). Pure.
 */
import { UserError } from '../errors.js';
import { formatPounds } from '../money/units.js';

export interface PublishedRow {
  key: string;
  pence: number;
  /** Where the row is, for messages: "published.csv:4". */
  where: string;
}

export interface CheckedArea {
  key: string;
  label: string;
  publishedPence: number;
  computedPence: number;
  differencePence: number;
  within: boolean;
}

export interface CheckResult {
  title: string;
  tolerancePence: number;
  potPence: number;
  publishedTotalPence: number;
  computedTotalPence: number;
  areas: CheckedArea[];
  /** The published column against the pot, and the areas outside the tolerance, in words. */
  findings: string[];
}

const signed = (pence: number) => `${pence < 0 ? '-' : '+'}${formatPounds(Math.abs(pence), Math.abs(pence) % 100 !== 0)}`;

export function checkAgainst(
  computed: readonly { key: string; label: string; allocationPence: number }[],
  published: readonly PublishedRow[],
  options: { title: string; tolerancePence: number; potPence: number; file: string },
): CheckResult {
  const byKey = new Map(computed.map((a) => [a.key, a]));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const row of published) {
    if (seen.has(row.key)) problems.push(`${row.where}: area '${row.key}' is already on ${seen.get(row.key)}`);
    seen.set(row.key, row.where);
    if (!byKey.has(row.key)) problems.push(`${row.where}: area '${row.key}' is not one of the model's areas (${computed.slice(0, 8).map((a) => a.key).join(', ')}${computed.length > 8 ? ', ...' : ''})`);
  }
  const missing = computed.filter((a) => !seen.has(a.key));
  if (missing.length > 0) problems.push(`${options.file}: no published figure for ${missing.length} of the model's areas: ${missing.slice(0, 10).map((a) => `${a.label} (${a.key})`).join(', ')}`);
  if (problems.length > 0) throw new UserError(problems.slice(0, 20));

  const publishedBy = new Map(published.map((r) => [r.key, r.pence]));
  const areas = computed.map((a): CheckedArea => {
    const publishedPence = publishedBy.get(a.key)!;
    const differencePence = publishedPence - a.allocationPence;
    return { key: a.key, label: a.label, publishedPence, computedPence: a.allocationPence, differencePence, within: Math.abs(differencePence) <= options.tolerancePence };
  });
  const publishedTotalPence = areas.reduce((s, a) => s + a.publishedPence, 0);
  const computedTotalPence = areas.reduce((s, a) => s + a.computedPence, 0);
  const findings: string[] = [];
  const over = publishedTotalPence - options.potPence;
  if (over === 0) findings.push(`The published figures add up to the pot of ${formatPounds(options.potPence)}.`);
  else {
    // Which areas carry the difference: those published above (or below) the computed figure.
    const carriers = areas.filter((a) => Math.sign(a.differencePence) === Math.sign(over)).sort((x, y) => Math.abs(y.differencePence) - Math.abs(x.differencePence));
    findings.push(
      `The published figures add up to ${formatPounds(publishedTotalPence)}, ${formatPounds(Math.abs(over))} ${over > 0 ? 'more' : 'less'} than the pot of ${formatPounds(options.potPence)}` +
        (carriers.length ? `; the difference is in ${carriers.slice(0, 5).map((a) => `${a.label} (${signed(a.differencePence)})`).join(', ')}${carriers.length > 5 ? ` and ${carriers.length - 5} more` : ''}.` : '.'),
    );
  }
  const outside = areas.filter((a) => !a.within);
  findings.push(
    outside.length === 0
      ? `Every area is within ${formatPounds(options.tolerancePence, options.tolerancePence % 100 !== 0)} of the published figure.`
      : `${outside.length} of ${areas.length} areas differ from the published figure by more than ${formatPounds(options.tolerancePence, options.tolerancePence % 100 !== 0)}: ${outside.slice(0, 5).map((a) => `${a.label} ${signed(a.differencePence)}`).join(', ')}${outside.length > 5 ? ` and ${outside.length - 5} more` : ''}.`,
  );
  return { title: options.title, tolerancePence: options.tolerancePence, potPence: options.potPence, publishedTotalPence, computedTotalPence, areas, findings };
}
