import { describe, expect, it } from 'vitest';
import { escapeFileName } from './escape-file-name.js';

describe('escapeFileName', () => {
  it('leaves ordinary names as they are, byte for byte', () => {
    for (const name of ['content/stories/a.json', '/tmp/x y/Nyheter – Göteborg.json', 'stories/日本語.json', 'C:\\content\\stories\\a.json', 'it\'s "quoted".json']) {
      expect(escapeFileName(name)).toBe(name);
    }
  });

  it('quotes a name with a newline or a carriage return, so it cannot start a forged line', () => {
    expect(escapeFileName('stories/a.json: /: fine\nerror: stories/b.json')).toBe('"stories/a.json: /: fine\\nerror: stories/b.json"');
    expect(escapeFileName('a\rerror: x.json')).toBe('"a\\rerror: x.json"');
  });

  it('escapes terminal escapes, C1 controls, line separators, bidi controls and lone surrogates', () => {
    expect(escapeFileName('a\u001b[2Kb.json')).toBe('"a\\u001b[2Kb.json"');
    expect(escapeFileName('a\u0085b\u2028c\u2029d.json')).toBe('"a\\u0085b\\u2028c\\u2029d.json"');
    expect(escapeFileName('invoice\u202egpj.json')).toBe('"invoice\\u202egpj.json"');
    expect(escapeFileName('a\ud800.json')).toBe('"a\\ud800.json"');
    for (const name of ['a\u0000b', 'x\u007f', 'y\u2066z']) expect(escapeFileName(name)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u2066]/);
  });

  it('escapes the quote and backslash inside a quoted name, so it reads back as the name', () => {
    const name = 'a"\\\nb.json';
    expect(JSON.parse(escapeFileName(name))).toBe(name);
  });
});
