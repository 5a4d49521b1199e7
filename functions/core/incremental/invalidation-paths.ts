import { encodePath } from '../media/plan-media.js';

/**
 * CloudFront paths for changed public site paths (the site writer records no publisher state):
 * percent-encoded, with a leading `/`, sorted. A changed `index.html` also invalidates `/`, which is
 * how the default root object is cached.
 */
export function invalidationPaths(changed: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const path of changed) {
    paths.add(`/${encodePath(path)}`);
    if (path === 'index.html') paths.add('/');
  }
  return [...paths].sort();
}
