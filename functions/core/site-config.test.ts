import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from './site-config.js';

const FILE = { title: 'From the file', description: 'File description', baseUrl: 'https://news.example/', language: 'en' };

describe('parseSiteConfig overrides', () => {
  it('lets the title, description and language given beside the file win over the file', () => {
    const config = parseSiteConfig(FILE, { title: 'From the environment', language: 'sv' });
    expect([config.title, config.description, config.language]).toEqual(['From the environment', 'File description', 'sv']);
    expect(FILE.title).toBe('From the file');
  });

  it('checks an override as it checks the file, naming the setting', () => {
    expect(() => parseSiteConfig(FILE, { title: '\u200b' }, 's3://content/site.json')).toThrow('s3://content/site.json: /title: expected a non-empty string');
  });
});
