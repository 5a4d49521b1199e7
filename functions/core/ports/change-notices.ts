/** The CDN in front of the site (adapters/cloudfront-invalidate.ts). */
export interface Cdn {
  /** Asks the CDN to drop exactly these URL paths (encoded, leading `/`); returns the requests' ids. */
  invalidate(paths: string[], reference: string): Promise<string[]>;
}

/** What happened when one hub was told about one topic. */
export interface HubNotice {
  hub: string;
  topic: string;
  /** HTTP status, or 0 when the hub could not be reached. */
  status: number;
  error?: string;
}

/** WebSub hubs told that feeds changed (adapters/websub.ts). A hub that fails is reported, never thrown. */
export interface FeedHubs {
  notify(hubs: readonly string[], topics: readonly string[]): Promise<HubNotice[]>;
}
