import { STATE_ROOT } from '../../core/incremental/state-keys.js';

/**
 * Scratch objects of rebuild state machine runs (docs/decisions/005-distributed-rebuild.md), one
 * folder per run. Under the state root, so the edge never serves them; never stale to a rebuild,
 * so one run does not delete another's (a lifecycle rule expires what a failed run left).
 */
export const REBUILD_RUNS_ROOT = `${STATE_ROOT}rebuild/`;
