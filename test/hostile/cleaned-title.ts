/**
 * The documented cleaning of titles (docs/reliability.md, "Text"), written out here rather than imported
 * so the hostile tests do not pass by construction: C0/C1 controls, lone surrogates and
 * U+FFFE/U+FFFF removed, NFC, whitespace runs folded to one space, trimmed.
 */
export function cleanedTitle(raw: string): string {
  return raw
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/gu, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}
