import { describe, expect, it } from 'vitest';
import { parsePartners, PartnerConfigError } from './parse-partners.js';
import { parseSiteConfig, SiteConfigError } from '../site-config.js';

describe('parsePartners', () => {
  it('fills each profile defaults and sorts partners by name', () => {
    const partners = parsePartners({ msn: { profile: 'msn' }, flip: { profile: 'flipboard', sections: ['sport'], itemLimit: 40, content: 'summary', imageMinWidth: 600 } });
    expect(partners).toEqual([
      { name: 'flip', profile: 'flipboard', sections: ['sport'], itemLimit: 40, content: 'summary', imageMinWidth: 600 },
      { name: 'msn', profile: 'msn', itemLimit: 20, content: 'full', imageMinWidth: 720 },
    ]);
  });

  it.each([
    [{ x: { profile: 'yahoo' } }, '/partners/x/profile: expected one of google-news, msn, flipboard, smartnews'],
    [{ 'Bad Name': { profile: 'msn' } }, '/partners/Bad Name: partner name must be lowercase'],
    [{ x: { profile: 'msn', itemLimit: 0 } }, '/partners/x/itemLimit: expected a positive integer'],
    [{ x: { profile: 'msn', content: 'teaser' } }, '/partners/x/content: expected "full" or "summary"'],
    [{ x: { profile: 'smartnews', logo: 'http://x.org/l.png' } }, '/partners/x/logo: expected an absolute https URL'],
    [{ x: { profile: 'msn', section: ['a'] } }, '/partners/x/section: unknown setting'],
    [[], '/partners: expected an object'],
  ])('refuses %j naming the field', (json, message) => {
    expect(() => parsePartners(json, 'content/site.json')).toThrow(PartnerConfigError);
    expect(() => parsePartners(json, 'content/site.json')).toThrow(`content/site.json: ${message}`);
  });

  it('is read by parseSiteConfig, whose errors stay configuration errors', () => {
    expect(parseSiteConfig({ baseUrl: 'https://a.example', partners: { msn: { profile: 'msn' } } }).partners?.[0]?.name).toBe('msn');
    expect(parseSiteConfig({ baseUrl: 'https://a.example' }).partners).toBeUndefined();
    expect(() => parseSiteConfig({ baseUrl: 'https://a.example', partners: { msn: {} } })).toThrow(SiteConfigError);
  });
});
