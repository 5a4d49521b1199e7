/**
 * How the body reader builds elements from tags, following htmlparser2's `Parser` (the tree rules
 * sanitize-html applied, so ordinary bodies keep their bytes): which elements are void, which
 * start tags close an open element first, and where SVG/MathML content begins and ends.
 */

/** Elements that never have content: their start tag is the whole element. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]);

const FORM_CONTROLS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const PARAGRAPH = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DEFINITIONS = new Set(['dd', 'dt']);
const RUBY_TEXT = new Set(['rt', 'rp']);

/**
 * A start tag of the key closes the innermost open elements while they are in its set:
 * `<p>a<p>b` is two paragraphs, `<li>a<li>b` two items.
 */
export const IMPLIED_CLOSES: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', PARAGRAPH],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag): [string, ReadonlySet<string>] => [tag, HEADINGS]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((tag): [string, ReadonlySet<string>] => [tag, FORM_CONTROLS]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DEFINITIONS],
  ['dt', DEFINITIONS],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
    'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((tag): [string, ReadonlySet<string>] => [tag, PARAGRAPH]),
  ['rt', RUBY_TEXT],
  ['rp', RUBY_TEXT],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);

/** Elements whose content is SVG or MathML: there `<x/>` closes itself and `<style>` is not raw text. */
export const FOREIGN_ROOTS: ReadonlySet<string> = new Set(['svg', 'math']);

/** Elements inside SVG or MathML whose content is HTML again (names lower-cased, as the reader keeps them). */
export const HTML_INTEGRATION_POINTS: ReadonlySet<string> = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
