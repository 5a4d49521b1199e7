import { describe, expect, it } from 'vitest';
import { nextCarried } from './carried-history.js';
import { claimHash } from '../incremental/uri-claim.js';

describe('the carried history', () => {
  it('keeps what was carried while its story is in the content, and adds what the file just written holds', () => {
    const inContent = new Set(['urn:1', 'urn:3']);
    expect(nextCarried(['urn:1', 'urn:2', 'urn:3'], (id) => inContent.has(id), ['urn:3', 'urn:4'])).toEqual(['urn:1', 'urn:3', 'urn:4']);
  });

  it('reads the same through a one-to-one stand-in for the ids, such as the claim hash the publisher names its markers by', () => {
    const markers = ['urn:1', 'urn:2'].map(claimHash);
    const inContent = new Set([claimHash('urn:2')]);
    expect(nextCarried(markers, (key) => inContent.has(key), [claimHash('urn:3')])).toEqual([claimHash('urn:2'), claimHash('urn:3')]);
  });
});
