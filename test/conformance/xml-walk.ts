import { SaxesParser } from 'saxes';

/** One element of an XML document, with its namespace, attributes and direct text. */
export interface XmlElement {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  text: string;
  /** Names of the ancestors, root first, as `{uri}local`. */
  path: string[];
}

/** Namespace URIs the feed rules look at. */
export const XML_NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/**
 * Reads an XML document with saxes, a strict, namespace-aware parser (it rejects a raw `&`, an
 * undeclared prefix or entity), into a flat list of elements. Throws on the first error.
 */
export function walkXml(text: string): XmlElement[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      const { uri, local, value } = attribute as { uri: string; local: string; value: string };
      attributes[uri ? `{${uri}}${local}` : local] = value;
    }
    const element: XmlElement = { uri: tag.uri ?? '', local: tag.local ?? tag.name, attributes, text: '', path: open.map((e) => `{${e.uri}}${e.local}`) };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (value) => {
    const current = open[open.length - 1];
    if (current) current.text += value;
  });
  parser.on('cdata', (value) => {
    const current = open[open.length - 1];
    if (current) current.text += value;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(text).close();
  return elements;
}
