import { basename, dirname, join, resolve } from 'node:path';
import type { BuildCache } from '../core/ports/build-cache.js';
import { readManifest, writeManifest } from './cache-manifest.js';
import { openPackReader, openPackWriter, prunePacks } from './fragment-cache.js';
import { finishWritingOutputs, startWritingOutputs } from './unfinished-build.js';
import { lockBuild } from './build-lock.js';
import { loadCheckpoint, pruneCheckpoints, saveCheckpoint } from './checkpoint-files.js';
import { partnerLedgerPath, readPartnerLedger, writePartnerLedger } from './partner-ledger.js';
import { makeFolder } from './make-folder.js';

/** A CLI build's cache in a folder: manifest, packs, checkpoints, the unfinished marker and the lock inside; the partner ledger beside it. */
export function fsBuildCache(cacheDir: string): BuildCache {
  const ledger = partnerLedgerPath(cacheDir);
  return {
    make: () => makeFolder(cacheDir, 'cache folder'),
    lock: () => lockBuild(cacheDir),
    readManifest: (key) => readManifest(cacheDir, key),
    writeManifest: (manifest) => writeManifest(cacheDir, manifest),
    openPackWriter: (pack) => openPackWriter(cacheDir, pack),
    openPackReader: () => openPackReader(cacheDir),
    prunePacks: (live) => prunePacks(cacheDir, live),
    startWritingOutputs: () => startWritingOutputs(cacheDir),
    finishWritingOutputs: () => finishWritingOutputs(cacheDir),
    saveCheckpoint: (name, text) => saveCheckpoint(cacheDir, name, text),
    loadCheckpoint: (file) => loadCheckpoint(cacheDir, file),
    pruneCheckpoints: (kept) => pruneCheckpoints(cacheDir, kept),
    readPartnerLedger: () => readPartnerLedger(ledger),
    writePartnerLedger: (carried) => writePartnerLedger(ledger, carried),
  };
}

/**
 * Where the output folder's adapter keeps the stamps of the folders it found complete (adapters/fs-site.ts
 * `outputPresence`): in the cache folder, so a cache deleted or dropped for another renderer takes them too.
 */
export function outputStampsPath(cacheDir: string): string {
  return join(cacheDir, 'output-folders.json');
}

/**
 * Where a build keeps its fragment cache by default: beside the output folder, never inside it, so
 * neither the preview server nor a sync of the output folder to a server ever sees it
 * (`out/` → `.wirefeed-cache/out/` in the same parent folder).
 */
export function defaultCacheDir(outDir: string): string {
  const resolved = resolve(outDir);
  return join(dirname(resolved), '.wirefeed-cache', basename(resolved));
}
