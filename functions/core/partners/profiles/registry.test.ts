import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARTNER_PROFILES } from './registry.js';

describe('the partner profile registry', () => {
  it('names each profile once, with a name fit for site.json and the command line', () => {
    const names = PARTNER_PROFILES.map((profile) => profile.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('has, for each profile, its file and its test beside it, named after it', () => {
    for (const { name } of PARTNER_PROFILES) {
      expect(existsSync(fileURLToPath(new URL(`./${name}.ts`, import.meta.url))), name).toBe(true);
      expect(existsSync(fileURLToPath(new URL(`./${name}.test.ts`, import.meta.url))), name).toBe(true);
    }
  });
});
