/**
 * The story of issue 20's fifth finding: 1.8 MB of unclosed `<b>` (under the 2 MB story limit),
 * which sanitize-html took 421 s to clean. Shared by the CLI and the Lambda tests.
 */

/** Unclosed tags in the body: 600,000 x `<b>` is 1.8 MB. */
export const DEEP_TAGS = 600_000;

/** A valid ninjs story whose HTML body opens `<b>` {@link DEEP_TAGS} times and never closes one. */
export function deepMarkupStory(uri: string): Record<string, unknown> {
  return {
    uri,
    type: 'text',
    version: '1',
    versionCreated: '2024-07-01T10:00:00Z',
    language: 'en',
    headlines: [{ role: 'main', value: 'A body of 600,000 unclosed bold tags' }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>BEGIN ${'<b>'.repeat(DEEP_TAGS)}END</p>` }],
  };
}
