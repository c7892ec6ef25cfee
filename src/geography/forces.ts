/**
 * Police force areas by the names people type: "Thames Valley Police", "thames valley",
 * "Devon & Cornwall", "City of London", "Metropolitan Police Service", or the ONS code.
 * And the name police.uk gives each force in its file names ("devon-and-cornwall").
 */
import { UserError } from '../errors.js';
import { nearestKey } from '../model/schema-keys.js';
import type { Place } from './lookup.js';

/** Words that name the body rather than the area. */
const BODY_WORDS = /\b(police and crime commissioner|police fire and crime commissioner|office of the|opcc|pcc|police force area|force area|police area|police service|police force|constabulary|police)\b/g;

/** A force's name as compared: lower case, "&" as "and", no punctuation, "London, City of" as "city of london". */
export function forceKey(name: string): string {
  const uninverted = name.trim().replace(/^(.*), (.*)$/, '$2 $1');
  const plain = uninverted.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ');
  const core = plain.replace(BODY_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return core === '' ? plain.trim() : core;
}

/** The force's name in police.uk file names: "Devon & Cornwall" -> "devon-and-cornwall", "Metropolitan Police" -> "metropolitan". */
export function policeUkSlug(name: string): string {
  return forceKey(name).replace(/ /g, '-');
}

/** The force a user means, by code or name as typed; an unknown name gets the nearest one as a hint. */
export function findForce(query: string, forces: readonly Place[], where = '--pfa'): Place {
  const wanted = forceKey(query);
  const match = forces.find((force) => force.code.toLowerCase() === query.trim().toLowerCase() || forceKey(force.name) === wanted);
  if (match) return match;
  const near = nearestKey(wanted, forces.map((force) => forceKey(force.name)));
  const hint = near ? forces.find((force) => forceKey(force.name) === near) : undefined;
  throw new UserError(`${where}: no police force area '${query}' in England and Wales${hint ? `; did you mean '${hint.name}'?` : ''} (the 43 are listed by 'fairshare data forces')`);
}
