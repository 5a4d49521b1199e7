// Stands in for postcss in the Lambda bundle. sanitize-html requires postcss at load time but calls
// it only to parse allowed `style` attributes; wirefeed allows none and sets
// `parseStyleAttributes: false` (functions/core/html/sanitize-body.ts), so this is never called.
// Leaving postcss out saves ~90 KB of the bundle. Reaching this is a bug: fail loudly.
exports.parse = function parse() {
  throw new Error('postcss is not bundled: wirefeed never parses style attributes');
};
