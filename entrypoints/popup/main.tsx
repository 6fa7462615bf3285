import { db } from '@/utils/db';
import { loadPlanted, OPENING_PLANTED } from '@/utils/popup/queries';
import { startLiveQuery } from '@/utils/popup/started-live-query';

// Open the database and start reading the first 种草 page before React is even evaluated: this module and its imports
// (Dexie, the queries) load first, React and the views in a second chunk while the read runs.
const firstPlanted = startLiveQuery(() => loadPlanted(db, OPENING_PLANTED));

void import('./mount').then(({ mount }) => mount(firstPlanted));
