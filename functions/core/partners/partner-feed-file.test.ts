import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../feed-item.js';
import { parseSiteConfig } from '../site-config.js';
import type { Story } from '../story.js';
import { renderPartnerItem } from './partner-item.js';
import { partnerFeedFile, type CheckedPartnerItem } from './partner-feed-file.js';
import type { Violation } from './preflight/rule.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const site = parseSiteConfig({ title: 'Wire', description: 'd', language: 'en', partners: { msn: { profile: 'msn', itemLimit: 5 } } }, { baseUrl: 'https://wire.example.org' });
const partner = site.partners![0]!;

function story(n: number): Story {
  const published = new Date(NOW.getTime() - n * 3_600_000);
  return {
    id: `urn:test:${n}`, version: '1', title: `Story number ${n} of the wire`, summary: `Summary ${n}`, bodyHtml: `<p>Body of story ${n}.</p>`,
    authors: ['Ana'], categories: [], status: 'usable', language: 'en', published, updated: published, source: `stories/${n}.json`, photos: [],
  };
}

const violation = (severity: Violation['severity'], rule: string): Violation => ({ rule, severity, message: rule, source: 'https://rules.example' });
const checked = (n: number, violations: Violation[] = [], killedAt?: Date): CheckedPartnerItem => ({
  item: renderPartnerItem(buildFeedItem(story(n), { photos: [], copies: [] }, site.baseUrl), partner, site, killedAt),
  violations,
});

describe('partnerFeedFile', () => {
  it('writes the passing stories and the kills without an error, and reports what it left out before what it holds', () => {
    // Given two passing stories (one with a warning), one left out by an error, and two kills, one with an error
    const passing = [checked(1), checked(3, [violation('warning', 'w')])];
    const failing = [checked(2, [violation('error', 'e')])];
    const kills = [checked(4, [], new Date(NOW.getTime() - 60_000)), checked(5, [violation('error', 'k')], new Date(NOW.getTime() - 60_000))];
    // When
    const file = partnerFeedFile(site, partner, NOW, { passing, failing, kills });
    // Then
    expect(file.path).toBe('partners/msn/rss.xml');
    expect([...file.body.matchAll(/<guid isPermaLink="false">([^<]+)</g)].map((match) => match[1])).toEqual(['urn:test:1', 'urn:test:3', 'urn:test:4']);
    expect(file.carried).toEqual(['urn:test:1', 'urn:test:3', 'urn:test:4']);
    expect(file.items).toBe(2);
    const itemReports = file.reports.filter((report) => report.subject !== file.path);
    expect(itemReports.map((report) => [report.subject, report.violation.rule, report.excluded])).toEqual([
      ['stories/2.json', 'e', true],
      ['stories/5.json', 'k', true],
      ['stories/3.json', 'w', false],
    ]);
  });
});
