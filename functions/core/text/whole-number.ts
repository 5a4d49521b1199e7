/**
 * A whole number of at least `min` written in digits, or null: the one reading of a count or a
 * port given as text (a CLI flag, an environment variable), so `1e3`, `0x10`, ` 5` or `2.0` are
 * refused everywhere rather than read as numbers by some settings and not others.
 */
export function wholeNumber(text: string, min: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min ? value : null;
}
