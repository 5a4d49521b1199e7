/**
 * What the partner feeds that announce kills (MSN) have carried: by partner name, the ids of the
 * stories its feed carried. A kill notice goes only to a feed that carried the story
 * (`getsKillNotice`). The CLI keeps it in one file beside its cache (`adapters/partner-ledger.ts`),
 * the publisher as one marker object per id (`StateKeys.carried`); both follow {@link nextCarried}.
 */
export type CarriedIds = Record<string, string[]>;

/**
 * The one rule of the carried history, for one feed: an id enters once a file a partner could fetch
 * holds it (`shown`, saved only after that file is written) and stays while its story is in the
 * content (`inContent`: published or taken down, since a kill may still be due); it goes with the
 * story's file, since a deleted file gets no notice. Keys are ids, or any one-to-one stand-in for
 * them (the publisher's markers are named by `claimHash(id)`). Limit: a taken-down story whose file
 * stays keeps its key for as long as the file does.
 */
export function nextCarried<K>(before: Iterable<K>, inContent: (key: K) => boolean, shown: Iterable<K>): K[] {
  return [...new Set([...[...before].filter(inContent), ...shown])];
}
