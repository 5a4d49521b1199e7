import { describe, expect, it } from 'vitest';
import { decodeStoryBytes } from './decode-bytes.js';

const json = '{\n  "uri": "urn:x"\n}\n';

describe('decodeStoryBytes', () => {
  it('decodes UTF-8, keeping a U+FFFD the file really holds', () => {
    expect(decodeStoryBytes(Buffer.from('{"a":"\ufffd é"}'))).toEqual({ text: '{"a":"\ufffd é"}' });
  });

  it.each([
    ['little-endian with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), 'little-endian byte order mark'],
    ['big-endian with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]), 'big-endian byte order mark'],
    ['little-endian without a mark', Buffer.from(json, 'utf16le'), 'little-endian, NUL bytes between characters'],
    ['big-endian without a mark', Buffer.from(json, 'utf16le').swap16(), 'big-endian, NUL bytes between characters'],
  ])('names UTF-16 %s', (_, bytes, how) => {
    expect(decodeStoryBytes(bytes)).toEqual({ problem: `not UTF-8 but UTF-16 (${how}); save the file as UTF-8` });
  });

  it('locates a Latin-1 byte by line and offset, past a genuine U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{\n"a": "\ufffd",\n"b": "Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect(decodeStoryBytes(bytes)).toEqual({ problem: 'not valid UTF-8: byte 0xE9 on line 3 (byte offset 23); save the file as UTF-8' });
  });

  it('reports a character cut off at the end', () => {
    expect(decodeStoryBytes(Buffer.from([0x7b, 0xe2, 0x82]))).toEqual({ problem: 'not valid UTF-8: byte 0xE2 on line 1 (byte offset 1); save the file as UTF-8' });
  });
});
