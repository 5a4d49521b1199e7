import { describe, expect, it } from 'vitest';
import { chooseOwner, claimsOf, joinClaim, leaveClaim } from './uri-claim.js';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();

describe('uri claims', () => {
  it('give the uri to the newest version whatever order the files join in', () => {
    // Given
    const v3 = { version: '3', updated: at(3) };
    const v2 = { version: '2', updated: at(2) };
    // When
    const newerFirst = joinClaim(joinClaim(undefined, 'stories/a.json', v3), 'stories/b.json', v2);
    const olderFirst = joinClaim(joinClaim(undefined, 'stories/b.json', v2), 'stories/a.json', v3);
    // Then
    expect(newerFirst).toEqual(olderFirst);
    expect(newerFirst.owner).toBe('stories/a.json');
    expect(JSON.stringify(newerFirst)).toBe(JSON.stringify(olderFirst));
  });

  it('keep the current owner on equal versions, and compare numeric versions as numbers', () => {
    // Given
    const held = joinClaim(undefined, 'stories/z.json', { version: '2', updated: at(2) });
    // When / Then
    expect(joinClaim(held, 'stories/a.json', { version: '2', updated: at(9) }).owner).toBe('stories/z.json');
    expect(joinClaim(held, 'stories/a.json', { version: '10', updated: at(1) }).owner).toBe('stories/a.json');
    expect(chooseOwner({ 'stories/b.json': { version: 'x', updated: at(1) }, 'stories/a.json': { version: 'x', updated: at(1) } }, undefined)).toBe('stories/a.json');
  });

  it('hand the uri to the next newest file when the owner leaves', () => {
    // Given
    let claim = joinClaim(undefined, 'stories/a.json', { version: '3', updated: at(3) });
    claim = joinClaim(claim, 'stories/b.json', { version: '1', updated: at(1) });
    claim = joinClaim(claim, 'stories/c.json', { version: '2', updated: at(2) });
    // When
    const after = leaveClaim(claim, 'stories/a.json');
    // Then
    expect(after.owner).toBe('stories/c.json');
    expect(leaveClaim(leaveClaim(after, 'stories/c.json'), 'stories/b.json')).toEqual({ files: {} });
  });

  it('from a full read, store the same bytes as incremental joins', () => {
    // Given
    const stories = [
      { key: 'stories/b.json', story: { id: 'urn:x', version: '2', updated: new Date(at(2)) } },
      { key: 'stories/a.json', story: { id: 'urn:x', version: '3', updated: new Date(at(3)) } },
    ];
    // When
    const [claim] = [...claimsOf(stories, new Set(['stories/a.json'])).values()];
    // Then
    const joined = joinClaim(joinClaim(undefined, 'stories/b.json', { version: '2', updated: at(2) }), 'stories/a.json', { version: '3', updated: at(3) });
    expect(JSON.stringify(claim)).toBe(JSON.stringify(joined));
  });
});
