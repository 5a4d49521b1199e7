import { describe, expect, it } from 'vitest';
import { PARTNER_PROFILES } from '../../functions/core/partners/profiles/registry.js';
import { msn } from '../../functions/core/partners/profiles/msn.js';
import { checkFixture } from './profile-rules.js';

/** Each profile's own rules are tested in its file (`functions/core/partners/profiles/<name>.test.ts`). */
describe('partner preflight rules', () => {
  it('cite a source page on every rule of every profile', () => {
    for (const profile of PARTNER_PROFILES) for (const rule of profile.rules) expect(rule.source, `${profile.name} ${rule.id}`).toMatch(/^https:\/\/[a-z.]+\//);
  });

  it('name the item of an item violation by its guid', () => {
    const [violation] = checkFixture(msn, { count: 1, item: { title: 'Too short' } });
    expect(violation).toMatchObject({ rule: 'title-length', itemId: 'urn:example:harbour', severity: 'error' });
  });
});
