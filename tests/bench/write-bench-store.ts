/**
 * Runs in an extension page (injected by write-bench.ts): the storage ceiling, i.e. the same synthetic events put
 * straight into a scratch copy of the extension's database (same Dexie schema and indexes, same origin and disk),
 * with no messaging, validation or acknowledgements in the way.
 */
import Dexie from 'dexie';
import { ZhongcaoDB } from '@/utils/db';
import { synthetic } from './lib/synthetic-events';

export async function runStoreCeiling(o: { events: number; batch: number }): Promise<{ ms: number }> {
  const name = `zc-write-ceiling-${crypto.randomUUID()}`;
  const db = new ZhongcaoDB(name);
  await db.open();
  const events = synthetic(o.events);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += o.batch) {
    const batch = events.slice(i, i + o.batch);
    await db.transaction('rw', db.events, () => db.events.bulkPut(batch));
  }
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(name);
  return { ms };
}

(globalThis as unknown as { zcStoreCeiling: typeof runStoreCeiling }).zcStoreCeiling = runStoreCeiling;
