import { describe, expect, it } from 'vitest';
import { countHeld } from './held-stories.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('countHeld', () => {
  it('counts embargoed and withheld apart, and names the first release as the later of embargo and publication', () => {
    const held = countHeld(
      [
        { status: 'usable', published: at('2024-01-01T00:00:00Z') },
        { status: 'usable', published: at('2024-01-01T00:00:00Z'), embargoedUntil: at('2030-01-01T00:00:00Z') },
        { status: 'usable', published: at('2029-06-01T12:00:00Z'), embargoedUntil: at('2029-06-01T00:00:00Z') },
        { status: 'withheld', published: at('2024-01-01T00:00:00Z') },
        { status: 'canceled', published: at('2024-01-01T00:00:00Z'), embargoedUntil: at('2026-01-01T00:00:00Z') },
      ],
      NOW,
    );
    expect(held).toEqual({ embargoed: 2, withheld: 2, nextRelease: at('2029-06-01T12:00:00Z') });
  });

  it('has no next release when nothing is embargoed', () => {
    expect(countHeld([{ status: 'usable', published: at('2024-01-01T00:00:00Z'), embargoedUntil: at('2024-06-01T00:00:00Z') }], NOW)).toEqual({ embargoed: 0, withheld: 0 });
  });
});
