/**
 * ISO 15924 scripts written right to left that a news language may use (Arabic, Hebrew, Syriac,
 * Thaana, N'Ko, Adlam, Hanifi Rohingya, Mandaic, Mende Kikakui, Samaritan, Yezidi).
 */
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Aran', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Syre', 'Syrj', 'Syrn', 'Thaa', 'Yezi']);

/**
 * `rtl` when a BCP 47 language tag is written right to left, judged by its script: the one it
 * names (`pa-Arab`, `az-Arab`) or the one CLDR's likely-subtags data gives the language (`ar`,
 * `he`, `fa`, `ur`, `ckb`, `dv`). V8's `Locale#textInfo` is not used: it answers `ltr` for `dv` and
 * `az-Arab`. A tag Intl cannot read (a private-use `x-…` one) has no direction.
 */
export function textDirection(language: string | undefined): 'rtl' | undefined {
  if (!language) return undefined;
  try {
    const script = new Intl.Locale(language).maximize().script;
    return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : undefined;
  } catch {
    return undefined;
  }
}
