import { encodePath } from '../media/plan-media.js';

/**
 * CloudFront paths for changed site paths: percent-encoded, with a leading `/`, sorted. A changed
 * `index.html` also invalidates `/`, which is how the default root object is cached.
 */
export function invalidationPaths(changed: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const path of changed) {
    if (path.startsWith('_wirefeed/')) continue;
    paths.add(`/${encodePath(path)}`);
    if (path === 'index.html') paths.add('/');
  }
  return [...paths].sort();
}
