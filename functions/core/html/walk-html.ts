import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { FOREIGN_ROOTS, HTML_INTEGRATION_POINTS, IMPLIED_CLOSES, VOID_ELEMENTS } from './html-elements.js';

/**
 * Open elements kept at most. Blink stops nesting at the same depth (its parser's
 * kMaximumHTMLParserDOMTreeDepth): deeper start tags become siblings of the deepest element. Here
 * the innermost element is closed before a new one opens, so `<b>` x 600,000 costs one push and one
 * pop per tag instead of a scan of an ever longer stack.
 */
export const MAX_OPEN_ELEMENTS = 512;

/** Receives a document as balanced elements and text; `T` is what `open` wants back at `close`. */
export interface HtmlVisitor<T> {
  /** A start tag and its attributes (first of each name, in source order); `start`/`end` are its offsets. */
  open(name: string, attributes: ReadonlyMap<string, string>, start: number, end: number): T;
  /** Text with entities decoded; `start` is its offset. */
  text(text: string, start: number): void;
  /** The end of an element, written or implied (void elements end right after `open`). */
  close(name: string, state: T): void;
}

/** The work one walk did: each count is bounded by a small multiple of the input length. */
export interface WalkStats {
  /** Start tags read. */
  startTags: number;
  /** Pushes and pops of the open-element stack. */
  stackSteps: number;
  /** The most elements open at once. */
  deepest: number;
}

/**
 * Reads HTML with htmlparser2's tokenizer (the one sanitize-html used) and builds elements by
 * htmlparser2's rules, with a bounded stack and a count per open tag name, so that every tag costs
 * O(1) steps: htmlparser2's own `Parser` keeps its stack with `unshift` and finds end tags with
 * `indexOf`, which is quadratic on deeply nested input (600,000 unclosed `<b>` took 421 s).
 */
export function walkHtml<T>(html: string, visitor: HtmlVisitor<T>): WalkStats {
  // The open elements, innermost last, in three columns: no object is made per element.
  const names: string[] = [];
  const states: T[] = [];
  /** True where an element's content is SVG or MathML. */
  const foreign: boolean[] = [];
  let depth = 0;
  const openCounts = new Map<string, number>();
  const stats: WalkStats = { startTags: 0, stackSteps: 0, deepest: 0 };
  let tagName: string | undefined;
  let tagStart = 0;
  /** Most tags have no attributes: they share one empty map. */
  const noAttributes: ReadonlyMap<string, string> = new Map();
  let attributes: Map<string, string> | undefined;
  let attributeName = '';
  let attributeValue = '';
  let position = 0;

  const inForeign = (): boolean => depth > 0 && foreign[depth - 1]!;
  const readName = (start: number, end: number): string => {
    const name = html.slice(start, end).toLowerCase();
    // The HTML tree builder reads <image> as <img> outside SVG.
    return name === 'image' && !inForeign() ? 'img' : name;
  };
  const top = (): string | undefined => (depth > 0 ? names[depth - 1] : undefined);
  const pop = (): void => {
    depth--;
    const name = names[depth]!;
    openCounts.set(name, openCounts.get(name)! - 1);
    stats.stackSteps++;
    visitor.close(name, states[depth]!);
  };
  /** Whether an element opened here holds SVG or MathML. */
  const holdsForeign = (name: string): boolean => FOREIGN_ROOTS.has(name) || (!HTML_INTEGRATION_POINTS.has(name) && inForeign());
  const push = (name: string, state: T): void => {
    foreign[depth] = holdsForeign(name);
    names[depth] = name;
    states[depth] = state;
    depth++;
    openCounts.set(name, (openCounts.get(name) ?? 0) + 1);
    stats.stackSteps++;
    stats.deepest = Math.max(stats.deepest, depth);
  };
  const isOpen = (name: string): boolean => (openCounts.get(name) ?? 0) > 0;
  const startTag = (name: string): void => {
    stats.startTags++;
    tagStart = position;
    // A second <form> inside a form is ignored, tag and attributes (HTML's form element pointer).
    tagName = name === 'form' && isOpen('form') ? undefined : name;
    attributes = undefined;
    const closes = tagName === undefined ? undefined : IMPLIED_CLOSES.get(tagName);
    while (closes && depth > 0 && closes.has(top()!)) pop();
  };
  const endStartTag = (end: number): void => {
    const name = tagName;
    tagName = undefined;
    if (name === undefined) return;
    const isVoid = VOID_ELEMENTS.has(name);
    // At the cap the innermost element ends before the new one begins, so its end tag comes first.
    if (!isVoid && depth === MAX_OPEN_ELEMENTS) pop();
    const state = visitor.open(name, attributes ?? noAttributes, tagStart, end);
    if (isVoid) visitor.close(name, state);
    else push(name, state);
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      startTag(readName(start, end));
    },
    onattribname(start, end) {
      attributeName = html.slice(start, end).toLowerCase();
    },
    onattribdata(start, end) {
      attributeValue += html.slice(start, end);
    },
    onattribentity(codePoint) {
      attributeValue += String.fromCodePoint(codePoint);
    },
    onattribend() {
      if (tagName !== undefined && !attributes?.has(attributeName)) (attributes ??= new Map()).set(attributeName, attributeValue);
      attributeValue = '';
    },
    onopentagend(end) {
      endStartTag(end + 1);
      position = end + 1;
    },
    onselfclosingtag(end) {
      // `<x/>` closes itself only where its content would be SVG or MathML (`<svg/>` too); in HTML
      // the slash means nothing.
      const name = tagName;
      const selfClosing = name !== undefined && !VOID_ELEMENTS.has(name) && holdsForeign(name);
      endStartTag(end + 1);
      if (selfClosing) pop();
      position = end + 1;
    },
    onclosetag(start, end) {
      const name = readName(start, end);
      if (!VOID_ELEMENTS.has(name)) {
        if (isOpen(name)) {
          while (top() !== name) pop();
          pop();
        } else if (name === 'p') {
          // A stray </p> is an empty paragraph, in htmlparser2 as in the HTML tree builder.
          position = start - 2;
          startTag('p');
          endStartTag(end + 1);
          pop();
        }
      } else if (name === 'br') {
        // </br> is read as <br>.
        position = start - 2;
        startTag('br');
        endStartTag(end + 1);
      }
      position = end + 1;
    },
    ontext(start, end) {
      visitor.text(html.slice(start, end), start);
      position = end;
    },
    ontextentity(codePoint, end) {
      visitor.text(String.fromCodePoint(codePoint), position);
      position = end;
    },
    oncdata(start, end, offset) {
      // CDATA is text in SVG and MathML, a comment in HTML.
      if (inForeign()) visitor.text(html.slice(start, end - offset), start);
      position = end + 1;
    },
    oncomment(_start, end) {
      position = end + 1;
    },
    ondeclaration(_start, end) {
      position = end + 1;
    },
    onprocessinginstruction(_start, end) {
      position = end + 1;
    },
    onend() {
      while (depth > 0) pop();
    },
    isInForeignContext: inForeign,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return stats;
}
