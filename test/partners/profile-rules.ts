import { describe, expect, it } from 'vitest';
import type { PartnerProfile } from '../../functions/core/partners/partner-profile.js';
import { readFeed } from '../../functions/core/partners/preflight/read-feed.js';
import { runPreflight } from '../../functions/core/partners/preflight/run-preflight.js';
import { fixtureFeed, NOW, type FixtureFeed } from './feed-fixture.js';

/** A rule id and a fixture that breaks it (or, for bounds, just passes it). */
export type RuleFixture = [ruleId: string, options: Partial<FixtureFeed>];

/** Preflights a fixture feed against one profile's rules, read back as `wirefeed check` reads a file. */
export function checkFixture(profile: PartnerProfile, options: Partial<FixtureFeed> = {}) {
  return runPreflight(profile.rules, readFeed(fixtureFeed(options)), { now: NOW });
}

/**
 * The tests every profile's rules get, from its own test file: the base fixture passes them all,
 * each failing fixture breaks its rule at the rule's severity, each fixture on a bound passes, and
 * no rule goes without a failing fixture.
 */
export function describeProfileRules(profile: PartnerProfile, failing: readonly RuleFixture[], onBound: readonly RuleFixture[] = []): void {
  describe(`${profile.name} preflight rules`, () => {
    it('the base fixture passes every rule', () => {
      expect(checkFixture(profile)).toEqual([]);
    });

    it.each(failing)('%s: the failing fixture breaks it', (ruleId, options) => {
      const violations = checkFixture(profile, options);
      const hit = violations.find((violation) => violation.rule === ruleId);
      expect(hit, JSON.stringify(violations)).toBeDefined();
      const rule = profile.rules.find((r) => r.id === ruleId)!;
      expect(hit!.severity).toBe(rule.severity);
      expect(hit!.source).toBe(rule.source);
    });

    it.each(onBound)('%s: a fixture on the bound passes', (ruleId, options) => {
      expect(checkFixture(profile, options).filter((violation) => violation.rule === ruleId)).toEqual([]);
    });

    it('has a failing fixture for every rule', () => {
      const tested = new Set(failing.map(([id]) => id));
      expect(profile.rules.map((rule) => rule.id).filter((id) => !tested.has(id))).toEqual([]);
    });
  });
}
