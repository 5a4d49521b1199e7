// Stands in for dayjs in bundles that carry sanitize-html. sanitize-html requires launder for its
// `naughtyHref` alone; launder requires dayjs at load time but calls it only in its date and time
// helpers, which sanitize-html never uses. Leaving dayjs out saves ~7 KB of the Lambda bundle.
// Reaching this is a bug: fail loudly.
module.exports = function dayjs() {
  throw new Error('dayjs is not bundled: only launder date helpers call it, and wirefeed uses none');
};
