import { describe, expect, it } from 'vitest';
import { readPublishEnv } from './publish-context.js';

const BUCKETS = { CONTENT_BUCKET: 'content', SITE_BUCKET: 'site' };

describe('readPublishEnv', () => {
  it('reads the buckets, and each optional setting only when it is set and not blank', () => {
    expect(readPublishEnv({ ...BUCKETS })).toEqual({ contentBucket: 'content', contentPrefix: '', siteBucket: 'site', sitePrefix: '' });
    const env = { ...BUCKETS, CONTENT_PREFIX: 'in/', SITE_PREFIX: 'out/', SITE_URL: ' https://news.example/ ', DISTRIBUTION_ID: 'E123', SITE_TITLE: 'News', SITE_DESCRIPTION: '  ', SITE_LANGUAGE: 'sv', ITEM_LIMIT: '50' };
    expect(readPublishEnv(env)).toEqual({ contentBucket: 'content', contentPrefix: 'in/', siteBucket: 'site', sitePrefix: 'out/', siteUrl: 'https://news.example/', distributionId: 'E123', title: 'News', language: 'sv', itemLimit: 50 });
  });

  it('refuses a missing bucket or an item limit that is not a positive whole number, naming the variable', () => {
    expect(() => readPublishEnv({ SITE_BUCKET: 'site' })).toThrow('environment variable CONTENT_BUCKET is required');
    expect(() => readPublishEnv({ CONTENT_BUCKET: 'content', SITE_BUCKET: ' ' })).toThrow('environment variable SITE_BUCKET is required');
    for (const limit of ['0', '-1', '2.5', 'ten']) expect(() => readPublishEnv({ ...BUCKETS, ITEM_LIMIT: limit })).toThrow(`ITEM_LIMIT must be a positive integer, got ${limit}`);
    expect(readPublishEnv({ ...BUCKETS, ITEM_LIMIT: ' ' })).not.toHaveProperty('itemLimit');
  });
});
