import { db } from '@/utils/db';
import { drainStagedOnOpen } from '@/utils/db/staging';
import { loadPlanted, OPENING_PLANTED } from '@/utils/popup/queries';
import { startLiveQuery } from '@/utils/popup/started-live-query';

// Open the database and start reading the first 种草 page before React is even evaluated: this module and its imports
// (Dexie, the queries) load first, React and the views in a second chunk while the read runs.
const firstPlanted = startLiveQuery(() => loadPlanted(db, OPENING_PLANTED));

void import('./mount').then(({ mount }) => {
  mount(firstPlanted);
  // Batches the background acknowledged but had not moved into the log yet (a worker stopped inside its quiet
  // window) would be missing from 拔草 and 概览: move them now, after the first paint. Live queries then update.
  setTimeout(() => drainStagedOnOpen(db), 0);
});
