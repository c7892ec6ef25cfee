import { UserError } from '../errors.js';
import { nearestKey } from '../model/schema-keys.js';
/** An area by key, or by name (case-insensitive); a clear error naming the nearest otherwise. */
export function findArea<A extends { key: string; label: string }>(result: { readonly areas: readonly A[] }, query: string): A {
  const wanted = query.trim().toLowerCase();
  const byKey = result.areas.find((area) => area.key === query.trim());
  if (byKey) return byKey;
  const byName = result.areas.filter((area) => area.label.toLowerCase() === wanted || area.key.toLowerCase() === wanted);
  if (byName.length === 1) return byName[0]!;
  const partial = result.areas.filter((area) => area.label.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    throw new UserError(`area '${query}' matches ${partial.length} areas: ${partial.slice(0, 10).map((a) => `${a.label} (${a.key})`).join(', ')}`);
  }
  const labels = result.areas.map((area) => area.label);
  const near = nearestKey(query, labels) ?? nearestKey(query, labels.map((label) => label.split(/[ ,]/)[0]!));
  const suggestion = near ? `did you mean '${labels.find((label) => label.startsWith(near)) ?? near}'?` : `the areas are ${labels.slice(0, 12).join('; ')}`;
  throw new UserError(`no area '${query}' in the data; ${suggestion}`);
}
