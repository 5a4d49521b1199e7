import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText } from './escape.js';

/** Parses `<r a="…">…</r>` with a strict XML parser and returns what it read back. */
function roundTrip(value: string): { text: string; attr: string } {
  const parser = new SaxesParser({ xmlns: true });
  let text = '';
  let attr = '';
  parser.on('opentag', (tag) => (attr = String(tag.attributes.a?.value ?? '')));
  parser.on('text', (t) => (text += t));
  parser.write(`<r a="${escapeXmlAttr(value)}">${escapeXmlText(value)}</r>`).close();
  return { text, attr };
}

describe('XML escaping', () => {
  it('returns plain text unchanged (fast path)', () => {
    const plain = 'Vienna talks, Oct. 30 — 2015';
    expect(escapeXmlText(plain)).toBe(plain);
  });

  it('escapes the XML specials and keeps ]]> harmless', () => {
    expect(escapeXmlText('a & b < c > d "e" ]]>')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; ]]&gt;');
  });

  it('drops characters XML 1.0 cannot carry: controls, lone surrogates, U+FFFE', () => {
    expect(escapeXmlText('a\u0000b\u0008c\u001fd\u007fe\u0085f\ud800g\udfffh\ufffei')).toBe('abcdefghi');
  });

  it('keeps astral characters (emoji), RTL text and combining marks', () => {
    const text = 'emoji 😀 RTL שלום مرحبا e\u0301';
    expect(roundTrip(text)).toEqual({ text, attr: text });
  });

  it('round-trips tabs, newlines and carriage returns through a strict parser', () => {
    const value = 'line one\r\nline\ttwo\n';
    expect(roundTrip(value)).toEqual({ text: value, attr: value });
  });
});
