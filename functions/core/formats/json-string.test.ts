import { describe, expect, it } from 'vitest';
import { jsonStringContent, jsonStringOfParts } from './json-string.js';

const quoted = (text: string) => `"${jsonStringContent(text)}"`;

describe('jsonStringContent', () => {
  it('escapes every code unit as JSON.stringify does', () => {
    // Given: each code unit alone and inside text with quotes, so both the quick and the full path run.
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      expect(quoted(char)).toBe(JSON.stringify(char));
      expect(quoted(`<a href="x">${char}"</a>`)).toBe(JSON.stringify(`<a href="x">${char}"</a>`));
    }
  });

  it('keeps surrogate pairs and escapes lone surrogates', () => {
    for (const text of ['😀 "x"', '\ud83d "x"', '"x" \ude00', '\\"', 'a\\b"c', 'line\nbreak "q"', '']) {
      expect(quoted(text)).toBe(JSON.stringify(text));
    }
  });
});

describe('jsonStringOfParts', () => {
  it('is the JSON string of the joined text, measured in UTF-8 bytes', () => {
    const parts = ['<p class="lead">Caf\u00e9 & "more"</p>\n', '<figure>Caption', ' \u2014 ', 'Agency \ud83d\ude00</figure>', 'tab\there'];
    const json = jsonStringOfParts(parts);
    expect(json.text).toBe(JSON.stringify(parts.join('')));
    expect(json.bytes).toBe(Buffer.byteLength(JSON.stringify(parts.join(''))));
  });

  it('serialises no parts as the empty string', () => {
    expect(jsonStringOfParts([])).toEqual({ text: '""', bytes: 2 });
  });
});
