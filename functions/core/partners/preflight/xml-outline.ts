import { SaxesParser } from 'saxes';
import { CHECK_MAX_DEPTH, FeedLimitError } from './feed-limits.js';

/** What feedsmith does not keep: namespaces, encoding, SmartNews logo and each item's byte size. */
export interface XmlOutline {
  /** Local name of the root element (`rss`, `feed`). */
  root: string;
  rootNamespace: string;
  /** Namespace URIs declared on the root element. */
  namespaces: string[];
  encoding: string;
  /** `xml:lang` of the root element (Atom's feed language). */
  language?: string;
  /** `snf:logo` > `url` in the channel. */
  logo?: string;
  /** UTF-8 byte size of each `item`/`entry`, in document order. */
  itemBytes: number[];
}

/** A file that is not well-formed XML; `line` and `column` come from the parser. */
export class FeedSyntaxError extends Error {
  override readonly name = 'FeedSyntaxError';
}

const SNF = 'http://www.smartnews.be/snf';
const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * Reads a feed with saxes, a strict XML parser: rejects what is not well-formed (a raw `&` in an
 * attribute, an undeclared prefix) and collects the facts the rules need beyond feedsmith's result.
 */
export function outlineXml(xml: string): XmlOutline {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const outline: XmlOutline = { root: '', rootNamespace: '', namespaces: [], encoding: 'UTF-8', itemBytes: [] };
  const path: string[] = [];
  let itemStart = -1;
  let inLogo = false;
  let logoText = '';
  parser.on('xmldecl', (decl) => {
    if (decl.encoding) outline.encoding = decl.encoding;
  });
  parser.on('opentagstart', (tag) => {
    if (path.length >= CHECK_MAX_DEPTH) throw tooDeep(tag.name, path, parser.line, parser.column);
    // Items are direct children of rss/channel or of the Atom feed.
    if ((tag.name === 'item' && path.length === 2) || (tag.name === 'entry' && path.length === 1)) itemStart = xml.lastIndexOf('<', parser.position);
  });
  parser.on('opentag', (tag) => {
    if (path.length === 0) {
      outline.root = tag.local;
      outline.rootNamespace = tag.uri;
      outline.namespaces = Object.values(tag.ns);
      const lang = tag.attributes['xml:lang'];
      if (lang?.value) outline.language = lang.value;
    }
    path.push(tag.local);
    if (tag.uri === SNF && tag.local === 'logo') inLogo = true;
  });
  parser.on('text', (text) => {
    if (inLogo && path.at(-1) === 'url') logoText += text;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    if (tag.uri === SNF && tag.local === 'logo') {
      inLogo = false;
      if (logoText.trim()) outline.logo = logoText.trim();
    }
    const isItem = (tag.local === 'item' && path.length === 2) || (tag.local === 'entry' && tag.uri === ATOM && path.length === 1);
    if (isItem && itemStart >= 0) {
      outline.itemBytes.push(Buffer.byteLength(xml.slice(itemStart, parser.position)));
      itemStart = -1;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof FeedLimitError) throw error;
    throw new FeedSyntaxError((error as Error).message, { cause: error });
  }
  return outline;
}

/**
 * Names the limit and the place: the element past it, by line and column of its `<` (one-based),
 * and the outermost elements it sits in. saxes reports the tag start having read the character
 * after the name, zero-based.
 */
function tooDeep(name: string, path: string[], line: number, column: number): FeedLimitError {
  const outer = path.slice(0, 4).join(' > ');
  return new FeedLimitError(`elements nest deeper than ${CHECK_MAX_DEPTH} levels: <${name}> at line ${line}, column ${column - name.length - 1}, inside ${outer} > …`);
}
