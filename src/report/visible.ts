/**
 * Text from data shown safely: control characters (a terminal's escape sequences among them)
 * are written as \xNN, so a name in a data file can neither hide itself nor drive the
 * terminal that shows it.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The same, keeping line breaks and tabs: for whole messages and documents. */
export function visibleLines(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
