import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';
import { textDirection } from './text-direction.js';

/** Pieces of an HTML page that every page of the site shares. */
export interface PageParts {
  title: string;
  language?: string;
  /** Extra `<head>` markup, already escaped (autodiscovery links). */
  head?: string;
  /** Body markup, already escaped. */
  body: string;
  /** Path from this page back to the site root, e.g. `../`. */
  root: string;
}

/**
 * A complete HTML5 page. Styles live in `style.css` rather than inline, so the site can be served
 * with a strict Content-Security-Policy (no `unsafe-inline`). A page in a right-to-left language
 * is laid out right to left (`dir="rtl"`); user text inside sets its own direction (`dir="auto"`).
 */
export function renderPage(parts: PageParts): string {
  const dir = textDirection(parts.language) ? ' dir="rtl"' : '';
  const lang = parts.language ? ` lang="${attr(parts.language)}"${dir}` : '';
  return `<!DOCTYPE html>\n<html${lang}>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${text(parts.title)}</title>\n<link rel="stylesheet" href="${attr(parts.root)}style.css">\n${parts.head ?? ''}</head>\n<body>\n${parts.body}\n</body>\n</html>\n`;
}

/** The site's one stylesheet. */
export const SITE_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0645ad}h1{line-height:1.2}img{max-width:100%;height:auto}figure{margin:1.5rem 0}
figcaption{font-size:.875rem;color:#555}.meta{color:#555;font-size:.875rem}.feeds a{margin-right:1rem}
ul.stories{list-style:none;padding:0}ul.stories li{margin:1.25rem 0}ul.stories img{display:block;max-width:12rem;margin:.25rem 0}
`;
