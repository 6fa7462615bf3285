import { useLiveQuery, useObservable } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { QuickBuySheet } from '@/components/card/quick-buy-sheet';
import { OrdersView } from '@/components/popup/OrdersView';
import { OverviewView } from '@/components/popup/OverviewView';
import { PlantedView } from '@/components/popup/PlantedView';
import { SettingsPanel } from '@/components/popup/SettingsPanel';
import { ShadowSheet } from '@/components/popup/ShadowSheet';
import { pictureUrl } from '@/utils/catalogue/picture';
import { db } from '@/utils/db';
import { sendMessage } from '@/utils/messaging';
import { topN } from '@/utils/metrics/funnel';
import { useCatalogueItems, useSafeLiveQuery, useSettings, useTitleSearch, writeSetting } from '@/utils/popup/hooks';
import { popupMessages as t } from '@/utils/popup/messages';
import {
  authorNamesFor,
  loadOrders,
  loadOverview,
  loadPlanted,
  OPENING_PLANTED,
  type PlantedPage,
} from '@/utils/popup/queries';
import type { StartedLiveQuery } from '@/utils/popup/started-live-query';
import { type PopupTab, usePopupStore } from '@/utils/popup/store';

const TABS: Array<[PopupTab, 'tabPlanted' | 'tabBought' | 'tabOverview']> = [
  ['planted', 'tabPlanted'],
  ['bought', 'tabBought'],
  ['overview', 'tabOverview'],
];

export function App({ firstPlanted }: { firstPlanted: StartedLiveQuery<PlantedPage> }) {
  const s = usePopupStore();
  const settingsValues = useSettings();
  const lang = settingsValues?.lang ?? 'zh-CN';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  // popup.html#settings (the welcome page's link) opens on the settings.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening
  useEffect(() => {
    if (location.hash === '#settings') s.setSettingsOpen(true);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t(lang, 'appName')} Zhongcao`;
  }, [lang]);

  const search = useTitleSearch(s.search);
  const searching = s.search.trim() !== '';
  // The opening view (all, first page, no search) comes from the query started before mount; other views from here.
  const opening = s.filter === OPENING_PLANTED.filter && s.plantedLimit === OPENING_PLANTED.limit && !searching;
  const plantedOpening = useObservable(firstPlanted);
  const plantedOther = useSafeLiveQuery(
    () =>
      s.tab === 'planted' && !opening
        ? loadPlanted(db, {
            filter: s.filter,
            limit: s.plantedLimit,
            itemIds: searching ? (search.ids ?? new Set()) : null,
            titleQuery: s.search,
          })
        : Promise.resolve(undefined),
    [s.tab, opening, s.filter, s.plantedLimit, searching, search.ids, s.search],
  );
  const planted = opening ? plantedOpening : plantedOther;
  const orders = useSafeLiveQuery(
    () => (s.tab === 'bought' ? loadOrders(db, { limit: s.ordersLimit }) : Promise.resolve(undefined)),
    [s.tab, s.ordersLimit],
  );
  const overview = useSafeLiveQuery(
    () => (s.tab === 'overview' ? loadOverview(db, { days: s.days, now: Date.now() }) : Promise.resolve(undefined)),
    [s.tab, s.days],
  );
  // Only the settings panel lists them; no read competes with the first screen for it.
  const knownAuthors =
    useLiveQuery(async () => {
      if (!s.settingsOpen) return [];
      const seen = new Map<string, string>();
      for (const r of await db.saves.orderBy('saved_at').reverse().limit(200).toArray())
        if (r.author_id && r.author_name && !seen.has(r.author_id)) seen.set(r.author_id, r.author_name);
      return [...seen].map(([id, name]) => ({ id, name }));
    }, [s.settingsOpen]) ?? [];
  const counts = useLiveQuery(async () => ({ saves: await db.saves.count(), orders: await db.orders.count() }), []);

  const plantedPage = s.tab === 'planted' ? planted?.data : undefined;
  const wantedIds = useMemo(() => {
    const ids = new Set<string>();
    for (const e of plantedPage?.entries ?? []) ids.add(e.item_id);
    for (const w of overview?.data?.itemWeights ?? []) ids.add(w.key);
    return [...ids];
  }, [plantedPage, overview?.data]);
  const catalogue = useCatalogueItems(wantedIds);

  // Names for authors that only appear in click events / attributions (events carry uids, not names).
  const authorIds = useMemo(() => {
    const ids = new Set<string>();
    for (const e of plantedPage?.entries ?? []) if (e.click?.author_id) ids.add(e.click.author_id);
    for (const o of orders?.data?.entries ?? [])
      if (o.attribution.kind === 'post' && o.attribution.author_id) ids.add(o.attribution.author_id);
    for (const a of settingsValues?.mutedAuthors ?? []) ids.add(a);
    for (const a of overview?.data?.topAuthors ?? []) ids.add(a.key);
    return [...ids].sort();
  }, [plantedPage, orders?.data, settingsValues?.mutedAuthors, overview?.data]);
  const names = useLiveQuery(() => authorNamesFor(db, authorIds), [authorIds.join(',')]) ?? {};
  // The feed's latest name for an author (authorNamesFor) before the one a save or an order kept.
  const authorNames = useMemo(() => ({ ...overview?.data?.authorNames, ...names }), [names, overview?.data]);

  const categories = useMemo(() => {
    const weights = overview?.data?.itemWeights ?? [];
    return topN(
      weights,
      (w) => catalogue.items.get(w.key)?.cat_name ?? null,
      5,
      (w) => w.value,
    );
  }, [overview?.data, catalogue.items]);

  const [actionError, setActionError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) =>
    p.then(
      () => setActionError(null),
      (e: unknown) => setActionError(t(lang, 'errorAction', { message: e instanceof Error ? e.message : String(e) })),
    );

  const loadError = (q: { error: string | null } | undefined) =>
    q?.error ? t(lang, 'errorLoad', { message: q.error }) : null;
  const buyingItem = s.buying ? catalogue.items.get(s.buying.itemId) : undefined;

  return (
    <>
      <header className="zc-top">
        <div className="zc-brand">
          {/* The toolbar icon, so the popup is recognisably the button that opened it. */}
          <img className="zc-logo" src="/icon/32.png" alt="" width={26} height={26} />
          <h1>{t(lang, 'appName')}</h1>
          <p className="zc-tagline">{t(lang, 'tagline')}</p>
          <button
            type="button"
            className="zc-icon-btn"
            aria-label={t(lang, 'settings')}
            aria-pressed={s.settingsOpen}
            title={t(lang, 'settings')}
            onClick={() => s.setSettingsOpen(!s.settingsOpen)}
          >
            ⚙
          </button>
        </div>
        <div className="zc-tabs" role="tablist" aria-label={t(lang, 'tabsLabel')}>
          {TABS.map(([tab, key]) => (
            <button
              key={tab}
              id={`zc-tab-${tab}`}
              type="button"
              role="tab"
              aria-selected={!s.settingsOpen && s.tab === tab}
              aria-controls="zc-panel"
              tabIndex={s.tab === tab ? 0 : -1}
              className="zc-tab"
              onClick={() => s.setTab(tab)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                const i = TABS.findIndex(([x]) => x === s.tab);
                const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0];
                s.setTab(next);
                document.getElementById(`zc-tab-${next}`)?.focus();
              }}
            >
              {t(lang, key)}
              {tab === 'planted' && counts && counts.saves > 0 && <span className="zc-tab-count">{counts.saves}</span>}
              {tab === 'bought' && counts && counts.orders > 0 && <span className="zc-tab-count">{counts.orders}</span>}
            </button>
          ))}
        </div>
      </header>

      {/* The panel inside the page's one main landmark: a tabpanel role is not allowed on <main> itself. */}
      <main>
        <div id="zc-panel" role="tabpanel" aria-labelledby={s.settingsOpen ? undefined : `zc-tab-${s.tab}`}>
          {actionError && (
            <p className="zc-error-note" role="alert" style={{ margin: '10px 12px 0' }}>
              {actionError}
            </p>
          )}
          {s.settingsOpen ? (
            settingsValues && (
              <SettingsPanel
                values={settingsValues}
                authorNames={authorNames}
                knownAuthors={knownAuthors}
                onChange={(k, v) => void act(writeSetting(k, v))}
                onDeleteAll={async () => {
                  await sendMessage('deleteAllData', undefined);
                }}
              />
            )
          ) : s.tab === 'planted' ? (
            <PlantedView
              lang={lang}
              now={now}
              page={plantedPage}
              items={catalogue.items}
              authorNames={authorNames}
              filter={s.filter}
              search={s.search}
              error={loadError(planted) ?? (catalogue.failed || search.failed ? t(lang, 'errorCatalogue') : null)}
              imageSrc={pictureUrl}
              onFilter={s.setFilter}
              onSearch={s.setSearch}
              onUnsave={(itemId) => void act(sendMessage('unsaveItem', { itemId }))}
              onBuy={(e) =>
                s.setBuying({
                  itemId: e.item_id,
                  postId: e.saved?.post_id ?? e.click?.post_id ?? null,
                  authorId: e.saved?.author_id ?? e.click?.author_id ?? null,
                  authorName: e.saved?.author_name ?? null,
                })
              }
              onMore={s.morePlanted}
            />
          ) : s.tab === 'bought' ? (
            <OrdersView
              lang={lang}
              data={orders?.data}
              authorNames={authorNames}
              error={loadError(orders)}
              imageSrc={pictureUrl}
              onMore={s.moreOrders}
            />
          ) : (
            <OverviewView
              lang={lang}
              days={s.days}
              data={overview?.data}
              categories={categories}
              authorNames={authorNames}
              error={loadError(overview)}
              onDays={s.setDays}
            />
          )}
        </div>
      </main>

      {s.buying && buyingItem && (
        // biome-ignore lint/a11y/noStaticElementInteractions: backdrop click closes; the sheet itself handles Escape
        <div
          className="zc-sheet-layer"
          role="presentation"
          onMouseDown={(e) => {
            if (e.target === e.currentTarget) s.setBuying(null);
          }}
        >
          <ShadowSheet>
            <QuickBuySheet
              item={buyingItem}
              lang={lang}
              now={now}
              imageSrc={pictureUrl}
              onClose={() => s.setBuying(null)}
              onPlaceOrder={(draft) =>
                sendMessage('placeOrder', {
                  ...draft,
                  postId: s.buying?.postId ?? null,
                  authorId: s.buying?.authorId ?? null,
                  authorName: s.buying?.authorName ?? null,
                })
              }
            />
          </ShadowSheet>
        </div>
      )}
    </>
  );
}
