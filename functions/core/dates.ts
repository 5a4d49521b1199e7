const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * RSS dates: RFC 822 as updated by RFC 1123 (four-digit year), always UTC with a numeric zone
 * (`+0000`): the RSS Best Practices Profile and partners' validators reject `GMT`-less or named
 * zones other than a few, and a numeric zone parses everywhere.
 */
export function formatRfc822(date: Date): string {
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Atom and JSON Feed dates: RFC 3339 in UTC, whole seconds (readers compare to the second). */
export function formatRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date for people, in UTC: `1 May 2024, 09:00 UTC`. Spelled out here, not by `Intl`, so a page's
 * bytes do not depend on the runtime's locale data (the CLI and the Lambda must write the same page).
 */
export function formatHumanDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
