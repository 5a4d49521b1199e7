import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-syntax.js';

function errorOf(text: string): string {
  try {
    parseJsonText(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
}

describe('parseJsonText', () => {
  it('parses JSON as JSON.parse does', () => {
    expect(parseJsonText('{"a": [1, "x"]}')).toEqual({ a: [1, 'x'] });
  });

  it('names line and column of an unexpected token, which V8 does not place', () => {
    expect(errorOf('{\n  "a": 1,\n  "b": }\n')).toMatch(/^line 3, column 8: Unexpected token/);
  });

  it('names line and column of a trailing comma and of text after the value', () => {
    expect(errorOf('{\n  "a": 1,\n}')).toMatch(/^line 3, column 1: /);
    expect(errorOf('{"a": 1}\nx')).toMatch(/^line 2, column 1: /);
  });

  it('names the end of a cut-off file', () => {
    expect(errorOf('{"a": [1,\n2')).toMatch(/^line 2, column 2: /);
  });

  it('does not quote the file back', () => {
    expect(errorOf('{"secret": nope}')).not.toContain('secret');
  });
});
