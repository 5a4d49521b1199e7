/**
 * Where `text` first stops being JSON (RFC 8259): the offset of the first character that cannot
 * continue it (the start of the token, for a string, number or literal), `text.length` if it ends
 * too soon, or undefined if it is JSON. Only the place is found: JSON.parse says what is wrong.
 */
export function firstJsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const space = () => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at++;
  };
  const expect = (char: string) => {
    space();
    if (text[at] !== char) throw new Stop(at);
    at++;
  };
  const token = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Stop(at);
    at = pattern.lastIndex;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      do {
        space();
        if (text[at] !== '"') throw new Stop(at);
        token(STRING);
        expect(':');
        value();
        space();
      } while (text[at] === ',' && ++at);
      expect('}');
    } else if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      do value();
      while ((space(), text[at] === ',') && ++at);
      expect(']');
    } else if (char === '"') token(STRING);
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) token(NUMBER);
    else token(LITERAL);
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}

/** A string token: no raw control characters, only JSON's escapes. */
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![0-9.eE+-])/y;
const LITERAL = /(?:true|false|null)(?![A-Za-z0-9_$])/y;

class Stop {
  constructor(readonly offset: number) {}
}
