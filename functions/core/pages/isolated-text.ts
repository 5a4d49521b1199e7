import { escapeXmlText } from '../xml/escape.js';

/** Bidi embedding, override and isolate controls (LRE…RLO, LRI…PDI). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * User text made safe to isolate: a PDI (U+2069) that closes no isolate of the text's own is
 * dropped, and isolates the text leaves open are closed. Chromium isolates `<bdi>` and `dir`
 * elements by wrapping their text in isolate controls, so a stray PDI in a byline closes the
 * element's isolate early and lets an override after it reverse the date beside it.
 */
export function balanceIsolates(value: string): string {
  if (!BIDI_CONTROLS.test(value)) return value;
  let open = 0;
  let balanced = '';
  for (const char of value) {
    if (ISOLATE_OPENERS.has(char)) open += 1;
    else if (char === PDI) {
      if (open === 0) continue;
      open -= 1;
    }
    balanced += char;
  }
  return balanced + PDI.repeat(open);
}

/**
 * Plain text for a place markup cannot isolate, such as `<title>`: wrapped in FSI…PDI when it holds
 * bidi controls, so an override left open in a headline cannot reverse the site name after it in
 * the tab. The closing PDI ends every embedding and override still open (UAX #9, X6a), and is ours
 * because the text is balanced first. Text without controls is left as it is.
 */
export function isolatedText(value: string): string {
  return BIDI_CONTROLS.test(value) ? `${FSI}${balanceIsolates(value)}${PDI}` : value;
}

/** User text for an HTML element that isolates it (`<bdi>`, `dir`): balanced, then escaped. */
export function escapeUserText(value: string): string {
  return escapeXmlText(balanceIsolates(value));
}
