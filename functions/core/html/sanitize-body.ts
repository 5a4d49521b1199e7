import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, allowedSchemes, DROPPED_WITH_TEXT, EMPTY_ALLOWED, RENAMED_TAGS, SELF_CLOSING, URL_ATTRIBUTES } from './allow-list.js';
import { absoluteUrl, hasAllowedScheme, resolveImage } from './body-urls.js';
import { walkHtml } from './walk-html.js';

/** Options for cleaning HTML from a story. */
export interface SanitizeOptions {
  /** Base that relative links and image sources are resolved against; feeds carry absolute URLs only. */
  baseUrl: string;
}

/**
 * Cleans untrusted story HTML for use inside feeds: allow-listed markup (see allow-list.ts),
 * absolute http(s) links, images only from https (or from the site itself), entities decoded to
 * characters so the result holds no named entity that XML would not know. Every byte of the result
 * is written here from tokens, never copied from the input, in time linear in its length.
 */
export function sanitizeBodyHtml(html: string, options: SanitizeOptions): string {
  // baseUrl has no trailing slash; without one, WHATWG resolution drops its last path segment
  // (`media/a.jpg` against `https://x.org/wire` is `https://x.org/media/a.jpg`).
  const base = new URL(`${options.baseUrl}/`);
  let out = '';
  readBody(html, {
    startTag(name, attributes) {
      const tag = startTagOf(name, attributes, base);
      if (tag === undefined) return undefined;
      out += tag.markup;
      return tag.name;
    },
    endTag(name) {
      out += END_TAGS.get(name)!;
    },
    text(text) {
      out += escapeText(text);
    },
  });
  return out.trim();
}

/**
 * Reduces HTML to its text for fields readers show as plain text (titles, summaries, captions):
 * every tag goes, entities are decoded, whitespace runs collapse to one space.
 */
export function htmlToPlainText(html: string): string {
  const out: string[] = [];
  readBody(html, {
    startTag: () => undefined,
    endTag: () => undefined,
    text(text) {
      out.push(text);
    },
  });
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** Where a body's pieces go: `startTag` writes an allowed tag and returns the name to close it with. */
interface BodyWriter {
  startTag(name: string, attributes: ReadonlyMap<string, string>): string | undefined;
  endTag(name: string): void;
  text(text: string): void;
}

/** What an open element needs at its end: the tag to close, if one was written, and whether it hid its text. */
interface ElementState {
  closeAs: string | undefined;
  dropsText: boolean;
}

const LEFT_OUT: ElementState = { closeAs: undefined, dropsText: false };
const DROPS_TEXT: ElementState = { closeAs: undefined, dropsText: true };
/** One state per allowed tag, shared by its elements: a million `<b>` make no garbage here. */
const WRITTEN = new Map<string, ElementState>([...ALLOWED_TAGS].map((tag) => [tag, { closeAs: tag, dropsText: false }]));

/**
 * Walks a body and hands the writer the tags and text a reader may see: the text of script,
 * style, title and the like vanishes with them. A browser (scripting on) reads `<noscript>` as
 * raw text up to the first `</noscript`; the tokenizer reads it as markup and may close it sooner
 * (`<b><noscript></b><img …></noscript>`), so everything up to that end tag is dropped as well.
 */
function readBody(html: string, writer: BodyWriter): void {
  let droppingText = 0;
  let rawTextEnd = -1;
  walkHtml<ElementState>(html, {
    open(name, attributes, start, end) {
      if (droppingText > 0 || start < rawTextEnd) return LEFT_OUT;
      if (DROPPED_WITH_TEXT.has(name)) {
        droppingText++;
        if (name === 'noscript') rawTextEnd = noscriptEnd(html, end);
        return DROPS_TEXT;
      }
      const closeAs = writer.startTag(name, attributes);
      return closeAs === undefined ? LEFT_OUT : WRITTEN.get(closeAs)!;
    },
    close(_name, state) {
      if (state.dropsText) droppingText--;
      if (state.closeAs !== undefined && !SELF_CLOSING.has(state.closeAs)) writer.endTag(state.closeAs);
    },
    text(text, start) {
      if (droppingText === 0 && start >= rawTextEnd) writer.text(text);
    },
  });
}

const NOSCRIPT_END = /<\/noscript[\t\n\f\r />]/gi;

/** Offset of the end tag where a browser ends a `<noscript>` opened at `from`; none means the end of input. */
function noscriptEnd(html: string, from: number): number {
  NOSCRIPT_END.lastIndex = from;
  return NOSCRIPT_END.exec(html)?.index ?? Infinity;
}

/** An allowed start tag as written, and the name to close it with. */
interface StartTag {
  name: string;
  markup: string;
}

/** Each allowed tag without attributes, and each end tag, written once. */
const BARE_TAGS = new Map<string, StartTag>([...ALLOWED_TAGS].map((tag) => [tag, { name: tag, markup: SELF_CLOSING.has(tag) ? `<${tag} />` : `<${tag}>` }]));
const END_TAGS = new Map<string, string>([...ALLOWED_TAGS].map((tag) => [tag, `</${tag}>`]));

/** An allowed start tag with its allowed attributes, or undefined when the tag is left out. */
function startTagOf(name: string, attributes: ReadonlyMap<string, string>, base: URL): StartTag | undefined {
  const tag = RENAMED_TAGS.get(name) ?? name;
  if (!ALLOWED_TAGS.has(tag)) return undefined;
  const allowed = ALLOWED_ATTRIBUTES.get(tag);
  if (allowed === undefined || attributes.size === 0) return tag === 'img' ? undefined : BARE_TAGS.get(tag);
  const values = new Map(attributes);
  if (tag === 'a') setOrDelete(values, 'href', absoluteUrl(values.get('href'), base));
  if (tag === 'img') setOrDelete(values, 'src', resolveImage(values.get('src'), base));
  let markup = `<${tag}`;
  let hasSource = false;
  for (const [attribute, value] of values) {
    if (!allowed.includes(attribute)) continue;
    if (value === '') {
      if (EMPTY_ALLOWED.has(attribute)) markup += ` ${attribute}=""`;
      continue;
    }
    if (URL_ATTRIBUTES.has(attribute) && !hasAllowedScheme(value, allowedSchemes(tag, base))) continue;
    if (attribute === 'src') hasSource = true;
    markup += ` ${attribute}="${escapeAttribute(value)}"`;
  }
  // An image without a usable source shows nothing but a broken frame: leave it out.
  if (tag === 'img' && !hasSource) return undefined;
  return { name: tag, markup: SELF_CLOSING.has(tag) ? `${markup} />` : `${markup}>` };
}

function setOrDelete(values: Map<string, string>, name: string, value: string | undefined): void {
  if (value === undefined) values.delete(name);
  else values.set(name, value);
}

const TEXT_SPECIALS = /[&<>]/g;
const ATTRIBUTE_SPECIALS = /[&<>"]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeOne = (char: string): string => ESCAPES[char]!;

/** Text is written with `&`, `<` and `>` escaped, so no character can start markup. */
function escapeText(text: string): string {
  return text.replace(TEXT_SPECIALS, escapeOne);
}

function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIALS, escapeOne);
}
