import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, found from this file so synth works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The publisher Lambda's source entry (written by the pipeline). */
export const PUBLISHER_ENTRY = join(REPO_ROOT, 'functions', 'handlers', 'publish.ts');

/** Sample stories and photos shipped into the content bucket on deploy. */
export const SAMPLE_CONTENT_DIR = join(REPO_ROOT, 'content');

/** The viewer-response CloudFront Function for RSS/Atom in browsers (tested in functions/edge/). */
export const FEED_VIEW_FUNCTION = join(REPO_ROOT, 'functions', 'edge', 'feed-view.js');
/** The viewer-request function that stops encoded paths from reaching protected keys through the default behaviour. */
export const GUARD_PATHS_FUNCTION = join(REPO_ROOT, 'functions', 'edge', 'guard-paths.js');
