import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { AuthorOption } from '@/components/studio/ConversionReport';
import type { CatalogueState } from '@/components/studio/StudioSection';
import { loadResidentCatalogue } from '@/utils/catalogue/loaded';
import { db } from '@/utils/db';
import { authorIds, countForAuthor, eventsOfAuthor } from '@/utils/db/event-log';
import { type AuthorReport, authorReport } from '@/utils/metrics/conversion';

/**
 * The catalogue the studio previews drafts against, indexed in this page: the resident part (the mock, items.json
 * imports) with its keys, so a large imported list is never loaded into the dashboard.
 */
export function useCatalogue(): CatalogueState {
  const [state, setState] = useState<CatalogueState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadResidentCatalogue().then(
      ({ index }) => live && setState({ kind: 'ready', index }),
      (e: unknown) => live && setState({ kind: 'failed', reason: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** A `storage.defineItem` value, kept live. */
export function useStorageItem<T>(item: {
  getValue(): Promise<T>;
  watch(cb: (v: T) => void): () => void;
  fallback: T;
}): T {
  const [value, setValue] = useState<T>(item.fallback);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}

/**
 * Authors seen in the local logs (events and orders), busiest first. Index-only reads (`uniqueKeys`) for ids; names
 * come from order and save rows and from `authors` (the feed's name for an author whose card was clicked through),
 * the latter first.
 */
export function useAuthors(): AuthorOption[] {
  return (
    useLiveQuery(async () => {
      const [fromEvents, fromOrders, orders, saves, named] = await Promise.all([
        authorIds(db),
        db.orders.orderBy('author_id').uniqueKeys(),
        db.orders.toArray(),
        db.saves.toArray(),
        db.authors.toArray(),
      ]);
      const names = new Map<string, string>();
      for (const r of [...saves, ...orders]) if (r.author_id && r.author_name) names.set(r.author_id, r.author_name);
      for (const a of named) names.set(a.author_id, a.name);
      const ids = new Set<string>([...fromEvents, ...fromOrders].map(String));
      const counts = await Promise.all(
        [...ids].map(async (id) => ({
          id,
          n: await countForAuthor(db, id),
        })),
      );
      return counts
        .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1))
        .map(({ id }) => ({ id, name: names.get(id) ?? null }));
    }, []) ?? []
  );
}

export function useAuthorReport(authorId: string | null): AuthorReport | null {
  return (
    useLiveQuery(async () => {
      if (!authorId) return null;
      const [events, orders] = await Promise.all([
        eventsOfAuthor(db, authorId),
        db.orders.where('author_id').equals(authorId).toArray(),
      ]);
      return authorReport(authorId, events, orders);
    }, [authorId]) ?? null
  );
}
