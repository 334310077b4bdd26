/**
 * Escaping of untrusted strings (task names from a TMC file) for each place output goes: one helper
 * per target, so a name can neither drive a terminal, add a DOT node, break an SVG, nor shift a CSV
 * column.
 */

/** Control characters other than tab and newline (C0, DEL, C1): escape codes on a terminal, invalid in XML. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function visible(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** Text for a terminal: control characters shown as `\xNN`; tab and newline kept. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, visible);
}

/** A DOT double-quoted string, quotes included: `\` and `"` escaped, line breaks as `\n`. */
export function dotString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\r?\n|\r/g, '\\n').replace(CONTROL, visible)}"`;
}

/** Text for XML/SVG content or attribute values: markup characters as entities, controls as `\xNN`. */
export function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, visible);
}

/** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
