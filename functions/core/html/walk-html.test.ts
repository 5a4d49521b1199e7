import { describe, expect, it } from 'vitest';
import { MAX_OPEN_ELEMENTS, walkHtml, type HtmlVisitor } from './walk-html.js';

/** Records the walk as `<name>`, `</name>` and text, to read the element structure off one string. */
function structureOf(html: string): string {
  let out = '';
  walkHtml(html, recorder((piece) => (out += piece)));
  return out;
}

function recorder(write: (piece: string) => void): HtmlVisitor<void> {
  return {
    open: (name, attributes) => write(`<${name}${[...attributes].map(([key, value]) => ` ${key}=${value}`).join('')}>`),
    close: (name) => write(`</${name}>`),
    text: (text) => write(text),
  };
}

/** Walks without writing anything: what is left is the walk's own work. */
const silent: HtmlVisitor<void> = { open: () => undefined, close: () => undefined, text: () => undefined };

describe('walkHtml', () => {
  it('builds elements by the rules sanitize-html read them with', () => {
    // Implied ends, stray </p> and </br>, void elements, <image>, the first of two attributes.
    expect(structureOf('<p>a<p>b<ul><li>c<li>d</ul></br></p><image src=x SRC=y><b>e')).toBe(
      '<p>a</p><p>b</p><ul><li>c</li><li>d</li></ul><br></br><p></p><img src=x></img><b>e</b>',
    );
  });

  it('closes an element on its end tag, and every element opened inside it', () => {
    expect(structureOf('<div><b><i>x</div>y</i>')).toBe('<div><b><i>x</i></b></div>y');
  });

  it('reads <x/> as closed only in SVG and MathML', () => {
    expect(structureOf('<b/>x<svg><g/>y</svg>')).toBe('<b>x<svg><g></g>y</svg></b>');
  });

  it(`never holds more than ${MAX_OPEN_ELEMENTS} open elements: deeper start tags close the innermost first`, () => {
    const html = '<b>'.repeat(MAX_OPEN_ELEMENTS + 3) + 'x';
    expect(structureOf(html)).toBe(`${'<b>'.repeat(MAX_OPEN_ELEMENTS)}${'</b><b>'.repeat(3)}x${'</b>'.repeat(MAX_OPEN_ELEMENTS)}`);
  });

  it('takes a bounded number of stack steps per tag, however deep the input nests', () => {
    // 600,000 unclosed <b> (1.8 MB) took 421 s in sanitize-html: its parser unshifts onto the stack
    // and scans it for every end tag. Here each tag pushes once and pops once.
    for (const count of [20_000, 40_000, 80_000, 600_000]) {
      const stats = walkHtml(`${'<b>'.repeat(count)}x${'</i>'.repeat(count)}`, silent);
      expect(stats.startTags).toBe(count);
      expect(stats.stackSteps).toBe(2 * count);
      expect(stats.deepest).toBe(MAX_OPEN_ELEMENTS);
    }
  });

  it('closes end tags that match nothing without a step', () => {
    const stats = walkHtml(`<b>${'</i>'.repeat(100_000)}`, silent);
    expect(stats.stackSteps).toBe(2);
  });
});
