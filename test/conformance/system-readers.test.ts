import { describe, expect, it } from 'vitest';
import { requireTool } from './system-readers.js';

describe('requireTool', () => {
  it('fails a run whose reader is not installed, naming the Debian package to install', () => {
    expect(() => requireTool({ path: '/nonexistent/bin/reader', debianPackage: 'python3-feedparser' })).toThrow(
      '/nonexistent/bin/reader is missing: install the Debian package python3-feedparser',
    );
  });

  it('returns the path of an installed tool', () => {
    expect(requireTool({ path: '/usr/bin/xmllint', debianPackage: 'libxml2-utils' })).toBe('/usr/bin/xmllint');
  });
});
