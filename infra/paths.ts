import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, found from this file so synth works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The publisher Lambda's source entry (written by the pipeline). */
export const PUBLISHER_ENTRY = join(REPO_ROOT, 'functions', 'handlers', 'publish.ts');

/** The rebuilder Lambda's source entry: the steps of the rebuild state machine. */
export const REBUILDER_ENTRY = join(REPO_ROOT, 'functions', 'handlers', 'rebuild-step.ts');

/** Sample stories and photos shipped into the content bucket on deploy. */
export const SAMPLE_CONTENT_DIR = join(REPO_ROOT, 'content');

/** The viewer-response CloudFront Function: `Vary: Accept` on feed paths, the feed CSP (tested in functions/edge/). */
export const FEED_VIEW_FUNCTION = join(REPO_ROOT, 'functions', 'edge', 'feed-view.js');
/** The default behaviour's viewer-request function: stops encoded paths into protected keys, routes browsers to feed pages. */
export const VIEWER_REQUEST_FUNCTION = join(REPO_ROOT, 'functions', 'edge', 'viewer-request.js');
