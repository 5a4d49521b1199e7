import { html, parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { SaxesParser } from 'saxes';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * What feed HTML (content:encoded, Atom content, JSON Feed content_html) may hold: the brief's
 * allow-list, written here independently of the sanitizer's own list so a widened sanitizer fails
 * this audit instead of passing by construction.
 */
const FEED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], hr: [], em: [], strong: [], b: [], i: [], u: [], s: [], cite: [], sub: [], sup: [], small: [], code: [], pre: [],
  a: ['href', 'title'], q: ['cite'], abbr: ['title'], blockquote: ['cite'],
  ul: [], ol: ['start'], li: [], dl: [], dt: [], dd: [],
  h2: [], h3: [], h4: [], h5: [], h6: [],
  figure: [], figcaption: [], img: ['src', 'alt', 'width', 'height'],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'],
};

/** Elements a page served under `script-src 'self'; style-src 'self'` (and no framing) must never hold. */
const PAGE_FORBIDDEN = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'input', 'button', 'textarea', 'select', 'template', 'noscript']);

/** Attributes whose value is a URL and is therefore checked for its scheme. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href']);

/** One finding: where it is and what is wrong. */
export type Finding = string;

/** How feed HTML is judged: its base decides whether plain-http same-site images are acceptable. */
export interface FeedAuditOptions {
  baseUrl: string;
}

/**
 * Audits an HTML fragment as a feed reader's browser engine would read it (parse5 follows the
 * WHATWG parsing algorithm; the sanitizer uses htmlparser2, so differentials show up here):
 * only allow-listed elements and attributes, no foreign (SVG/MathML) content, no comments,
 * and every URL absolute with an allowed scheme (links http/https/mailto, images https).
 */
export function auditFeedHtml(fragment: string, options: FeedAuditOptions): Finding[] {
  const findings: Finding[] = [];
  const base = new URL(options.baseUrl);
  walk(parseFragment(fragment), (node, path) => {
    if (node.nodeName === '#comment') findings.push(`${path}: comment survived`);
    if (!isElement(node)) return;
    if (node.namespaceURI !== html.NS.HTML) findings.push(`${path}: foreign (${node.namespaceURI}) element <${node.tagName}>`);
    const allowed = FEED_ELEMENTS[node.tagName];
    if (allowed === undefined) findings.push(`${path}: element <${node.tagName}> is not allow-listed`);
    for (const attr of node.attrs) {
      const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
      if (!allowed?.includes(name)) findings.push(`${path}: attribute ${name}="${attr.value}" is not allow-listed`);
      if (URL_ATTRIBUTES.has(name)) findings.push(...auditUrl(attr.value, `${path}@${name}`, node.tagName === 'img' ? imageSchemes(base) : ['http:', 'https:', 'mailto:']));
    }
  });
  return findings;
}

/**
 * Audits a whole page for a strict Content-Security-Policy (`default-src 'self'`, no
 * `unsafe-inline`): no script or style elements, no `style` or event-handler attributes, no
 * embedding or form elements, no refresh, and no script-capable URL scheme anywhere.
 */
export function auditPage(document: string): Finding[] {
  const findings: Finding[] = [];
  walk(parse(document), (node, path) => {
    if (!isElement(node)) return;
    if (PAGE_FORBIDDEN.has(node.tagName)) findings.push(`${path}: <${node.tagName}> on a CSP page`);
    if (node.namespaceURI !== html.NS.HTML) findings.push(`${path}: foreign (${node.namespaceURI}) element <${node.tagName}>`);
    if (node.tagName === 'meta' && node.attrs.some((a) => a.name === 'http-equiv')) findings.push(`${path}: <meta http-equiv>`);
    for (const attr of node.attrs) {
      if (attr.name === 'style') findings.push(`${path}: inline style="${attr.value}"`);
      if (/^on/i.test(attr.name)) findings.push(`${path}: event handler ${attr.name}`);
      if (attr.name === 'srcdoc') findings.push(`${path}: srcdoc`);
      if (URL_ATTRIBUTES.has(attr.name) && /^[a-z][a-z0-9+.-]*:/i.test(attr.value.trim())) {
        findings.push(...auditUrl(attr.value, `${path}@${attr.name}`, ['http:', 'https:', 'mailto:']));
      }
    }
  });
  return findings;
}

/**
 * Audits an XSLT stylesheet that turns a feed into a page: the same CSP rules as {@link auditPage}
 * for the literal result elements, and no `disable-output-escaping`, which would let feed text
 * (titles, summaries) through as markup.
 */
export function auditXsl(xsl: string): Finding[] {
  const findings: Finding[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => findings.push(`not well-formed: ${error.message}`));
  parser.on('opentag', (tag) => {
    if (PAGE_FORBIDDEN.has(tag.local) && tag.uri !== 'http://www.w3.org/1999/XSL/Transform') findings.push(`<${tag.name}> in the result`);
    if (tag.uri === 'http://www.w3.org/1999/XSL/Transform' && tag.local === 'element') findings.push(`xsl:element builds elements at run time`);
    for (const attr of Object.values(tag.attributes)) {
      if (attr.local === 'disable-output-escaping' && attr.value === 'yes') findings.push(`<${tag.name}> disable-output-escaping`);
      if (attr.local === 'style' || /^on/i.test(attr.local)) findings.push(`<${tag.name}> attribute ${attr.name}`);
    }
    if (tag.uri === 'http://www.w3.org/1999/XSL/Transform' && tag.local === 'attribute') {
      const name = (tag.attributes.name as { value: string } | undefined)?.value ?? '';
      if (name === 'style' || /^on/i.test(name)) findings.push(`xsl:attribute ${name}`);
    }
  });
  parser.write(xsl).close();
  return findings;
}

/** The text a browser would show for the elements matching `tagName`, in document order. */
export function textsOf(fragment: string, tagName: string): string[] {
  const texts: string[] = [];
  walk(parseFragment(fragment), (node) => {
    if (isElement(node) && node.tagName === tagName) texts.push(textContent(node));
  });
  return texts;
}

/** The values of one attribute on the elements matching `tagName`, in document order. */
export function attributesOf(fragment: string, tagName: string, name: string): string[] {
  const values: string[] = [];
  walk(parseFragment(fragment), (node) => {
    if (isElement(node) && node.tagName === tagName) {
      const attr = node.attrs.find((a) => a.name === name);
      if (attr) values.push(attr.value);
    }
  });
  return values;
}

/** All text of a fragment as a browser would show it (no markup). */
export function visibleText(fragment: string): string {
  return textContent(parseFragment(fragment));
}

function imageSchemes(base: URL): string[] {
  return base.protocol === 'http:' ? ['https:', 'http:'] : ['https:'];
}

function auditUrl(value: string, at: string, schemes: readonly string[]): Finding[] {
  let url: URL;
  try {
    // No base: a relative URL throws, and feed URLs must be absolute (readers resolve against unknown bases).
    url = new URL(value);
  } catch {
    return [`${at}: not an absolute URL: ${JSON.stringify(value)}`];
  }
  return schemes.includes(url.protocol) ? [] : [`${at}: scheme ${url.protocol} in ${JSON.stringify(value)}`];
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  const children = 'childNodes' in node ? node.childNodes : [];
  const own = children.map(textContent).join('');
  // <template> keeps its children in a separate fragment.
  return 'content' in node && node.nodeName === 'template' ? own + textContent(node.content) : own;
}

function walk(node: Node, visit: (node: Node, path: string) => void, path = ''): void {
  const here = isElement(node) ? `${path}/${node.tagName}` : path;
  visit(node, here || '/');
  if ('childNodes' in node) node.childNodes.forEach((child) => walk(child, visit, here));
  if (isElement(node) && node.tagName === 'template' && 'content' in node) walk(node.content as Node, visit, `${here}#content`);
}
