import { describe, expect, it } from 'vitest';
import { formatRfc3339, formatRfc822 } from './dates.js';

describe('feed dates', () => {
  const date = new Date('2015-10-31T05:51:07.250+08:00');

  it('formats RFC 822 with a four-digit year and a numeric UTC zone', () => {
    expect(formatRfc822(date)).toBe('Fri, 30 Oct 2015 21:51:07 +0000');
  });

  it('formats RFC 3339 in UTC to the second', () => {
    expect(formatRfc3339(date)).toBe('2015-10-30T21:51:07Z');
  });

  it('pads single-digit days and hours', () => {
    expect(formatRfc822(new Date('2024-03-05T04:03:02Z'))).toBe('Tue, 05 Mar 2024 04:03:02 +0000');
  });
});
