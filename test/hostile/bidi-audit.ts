import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Characters that open a bidi embedding, override or isolate (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI). */
const BIDI_OPENERS = /[\u202a-\u202e\u2066-\u2068]/u;
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const PDI = '\u2069';

/**
 * Audits a page, parsed by parse5 as a browser would, for bidi text that can run past its element:
 * every text node in the body holding an embedding, override or isolate opener must sit inside an
 * isolating element (`<bdi>`, or any element with `dir`), and that element must not also hold a
 * `<time>` (the story's date), which the text would otherwise reorder. No text node may hold a PDI
 * that closes no isolate of its own: Chromium isolates an element by wrapping its text in isolate
 * controls, and such a PDI ends the element's isolate early. Findings name the text.
 */
export function auditBidi(document: string): string[] {
  const findings: string[] = [];
  const visit = (node: Node, isolating: Element | undefined): void => {
    if (node.nodeName === '#text' && 'value' in node) {
      const text = JSON.stringify(node.value);
      if (BIDI_OPENERS.test(node.value)) {
        if (isolating === undefined) findings.push(`${text} is not isolated`);
        else if (holds(isolating, 'time')) findings.push(`${text} shares its isolating <${isolating.tagName}> with a <time>`);
      }
      if (hasStrayPdi(node.value)) findings.push(`${text} closes an isolate it did not open`);
    }
    if (!('childNodes' in node)) return;
    const element = 'tagName' in node ? node : undefined;
    const isolates = element !== undefined && (element.tagName === 'bdi' || element.attrs.some((attr) => attr.name === 'dir'));
    // <html dir="rtl"> sets the page's direction; it isolates nothing from the rest of the page.
    const next = isolates && element.tagName !== 'html' ? element : isolating;
    for (const child of node.childNodes) visit(child, next);
  };
  const body = findElement(parse(document), 'body');
  if (body) visit(body, undefined);
  return findings;
}

/** The `dir` attribute of the page's `<html>`, if any. */
export function pageDirection(document: string): string | undefined {
  return findElement(parse(document), 'html')?.attrs.find((attr) => attr.name === 'dir')?.value;
}

function hasStrayPdi(value: string): boolean {
  let open = 0;
  for (const char of value) {
    if (ISOLATE_OPENERS.has(char)) open += 1;
    else if (char === PDI && open-- === 0) return true;
  }
  return false;
}

function holds(element: Element, tagName: string): boolean {
  return element.childNodes.some((child) => 'tagName' in child && (child.tagName === tagName || holds(child, tagName)));
}

function findElement(node: Node, tagName: string): Element | undefined {
  if ('tagName' in node && node.tagName === tagName) return node;
  if (!('childNodes' in node)) return undefined;
  for (const child of node.childNodes) {
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}
