import { describe, expect, it } from 'vitest';
import { jsonStringOfPieces } from './json-string.js';

describe('jsonStringOfPieces', () => {
  it('is the JSON string of the joined text, measured in UTF-8 bytes', () => {
    const pieces = ['<p class="lead">Caf\u00e9 & "more"</p>', '<figure>Caption \u2014 Agency \ud83d\ude00</figure>', 'tab\there'];
    const json = jsonStringOfPieces(pieces, '\n');
    expect(json.text).toBe(JSON.stringify(pieces.join('\n')));
    expect(json.bytes).toBe(Buffer.byteLength(JSON.stringify(pieces.join('\n'))));
  });

  it('serialises no pieces as the empty string', () => {
    expect(jsonStringOfPieces([], '\n')).toEqual({ text: '""', bytes: 2 });
  });
});
