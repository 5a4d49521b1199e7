/**
 * XML escaping in one pass. Besides `&`, `<`, `>` and `"` it drops what XML 1.0 cannot carry or what
 * readers mangle: C0/C1 control characters, lone surrogates, U+FFFE/U+FFFF (XML 1.0 §2.2 `Char`).
 * `>` is always escaped so `]]>` can never close a CDATA section or trip a strict parser.
 * A carriage return is written as a character reference: a literal CR would be normalised to LF by
 * every parser (§2.11), and the text would not round-trip.
 */
const TEXT_SPECIALS = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u;
const TEXT_SPECIALS_GLOBAL = new RegExp(TEXT_SPECIALS.source, 'gu');

/** Attribute values also lose tabs and newlines to normalisation (§3.3.3) unless written as references. */
const ATTR_SPECIALS = /[&<>"\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u;
const ATTR_SPECIALS_GLOBAL = new RegExp(ATTR_SPECIALS.source, 'gu');

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function replace(char: string): string {
  return REPLACEMENTS[char] ?? '';
}

/** Texts at least this long are remembered: a story body is escaped for RSS and again for Atom. */
const REMEMBER_FROM = 1024;
let lastLong = '';
let lastLongEscaped = '';

/** Escapes text content for an XML element. */
export function escapeXmlText(value: string): string {
  if (value.length >= REMEMBER_FROM) {
    if (value === lastLong) return lastLongEscaped;
    lastLong = value;
    return (lastLongEscaped = TEXT_SPECIALS.test(value) ? value.replace(TEXT_SPECIALS_GLOBAL, replace) : value);
  }
  return TEXT_SPECIALS.test(value) ? value.replace(TEXT_SPECIALS_GLOBAL, replace) : value;
}

/** Escapes a value for a double-quoted XML attribute. */
export function escapeXmlAttr(value: string): string {
  return ATTR_SPECIALS.test(value) ? value.replace(ATTR_SPECIALS_GLOBAL, replace) : value;
}
