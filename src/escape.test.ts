import { describe, expect, test } from 'vitest';
import { csvField, dotString, terminalText, xmlText } from './escape.ts';

const HOSTILE = 'a"b\\c,d\ne\u001b[31mf<g>&\u0007h\'';

describe('one escaping helper per output target', () => {
  test('terminal: no control character survives; newline and tab do', () => {
    expect(terminalText(HOSTILE)).toBe('a"b\\c,d\ne\\x1b[31mf<g>&\\x07h\'');
    expect(terminalText('\u009b2J\t')).toBe('\\x9b2J\t');
  });

  test('DOT: the string stays one quoted token', () => {
    const quoted = dotString(HOSTILE);
    expect(quoted).toBe('"a\\"b\\\\c,d\\ne\\x1b[31mf<g>&\\x07h\'"');
    // Every quote inside is escaped: removing escaped pairs leaves exactly the two delimiters.
    expect(quoted.replace(/\\./g, '').match(/"/g)).toHaveLength(2);
  });

  test('SVG/XML: no markup character and no character XML 1.0 forbids', () => {
    const x = xmlText(HOSTILE);
    expect(x).toBe('a&quot;b\\c,d\ne\\x1b[31mf&lt;g&gt;&amp;\\x07h&#39;');
    expect(x).not.toMatch(/[<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  test('CSV (RFC 4180): quoted only when needed, quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
  });
});
