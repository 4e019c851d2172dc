// Cold figures: each run starts with the repository's files dropped from the page cache, and the git CLI
// and the app take turns, so both see the same disk and the same load from whatever else the machine runs.

import { join } from 'node:path';
import { dropPageCache } from './page-cache.mjs';
import { once, summarize } from './timing.mjs';

/** Alternates cold runs of `reference` and `app` (which may be null); returns {reference, app} summaries. */
export async function measureColdPair(repo, reference, app, { runs = 5 } = {}) {
  const gitdir = join(repo, '.git');
  const samples = { reference: [], app: [] };
  for (let i = 0; i < runs; i++) {
    dropPageCache(gitdir);
    samples.reference.push((await once(reference)).ms);
    if (!app) continue;
    dropPageCache(gitdir);
    samples.app.push((await once(app)).ms);
  }
  return { reference: summarize(samples.reference), app: app ? summarize(samples.app) : null };
}
