/**
 * An item's markup split around its escaped content: `before + escapeXmlText(contentHtml) + after`
 * in RSS and Atom, `before + JSON.stringify(contentHtml) + after` in JSON Feed. The content is most
 * of every item and the same escaped text in RSS and Atom, so the item renderer escapes and
 * measures it once, and both fragments share that one string instead of a copy each.
 */
export interface ContentFrame {
  before: string;
  after: string;
}

/** The whole fragment: the frame around the escaped content. */
export function fillFrame(frame: ContentFrame, escapedContent: string): string {
  return frame.before + escapedContent + frame.after;
}
