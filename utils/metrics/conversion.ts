import { isClickThrough } from './clicks';
/**
 * An author's conversion report from the local logs, the way Taobao Union's effect report and creator insights read:
 * exposures → clicks → saves → purchases, GMV and estimated commission, per post, in total and per day, plus the
 * interaction-depth view (did people who liked / reposted / commented on the guide post buy more than those who only
 * saw it?). Pure arithmetic: rows in, numbers out. Money is integer fen, rates are integer basis points
 * (10000 = 100 %), and a rate whose denominator is 0 is `null` (shown as "—"), never 0 or NaN.
 */

/** The event fields the report reads (a subset of `ZcEvent`, so tests and the dashboard share one shape). */
export interface ReportEvent {
  type: string;
  ts: number;
  post_id: string | null;
  author_id: string | null;
  item_id: string | null;
  /** Only on `interaction` events. */
  action?: string;
  /** Only on `click` events. */
  target?: string;
  /** The page view; clicks are counted once per page view, post and item. */
  page_id?: string;
}

/**
 * Clicks that go toward the item (open the card, the link, the item view, or buy), as Taobao Union counts a click.
 * Clicks on 收起, 不感兴趣, the reasons or inside the order sheet are interface clicks, not interest in the product.
 */
export { CLICK_THROUGH_TARGETS } from './clicks';

/** The order fields the report reads (a subset of `OrderRow`). */
export interface ReportOrder {
  order_id: string;
  created_at: number;
  post_id: string | null;
  author_id: string | null;
  paid_fen: number;
  commission_rate_bp: number;
}

export interface Stats {
  exposures: number;
  /** Distinct posts with at least one exposure. */
  exposedPosts: number;
  /** Distinct click-throughs (see `CLICK_THROUGH_TARGETS`), once per page view, post and item. */
  clicks: number;
  saves: number;
  purchases: number;
  gmvFen: number;
  commissionFen: number;
  /** clicks / exposures. */
  ctrBp: number | null;
  /** purchases / clicks, the share of clicks that became an order. */
  conversionBp: number | null;
}

export interface PostStats extends Stats {
  postId: string;
  firstSeen: number;
}

export interface DayStats {
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  exposures: number;
  clicks: number;
  saves: number;
  purchases: number;
  gmvFen: number;
  commissionFen: number;
}

export type DepthGroupKey = 'like' | 'repost' | 'comment' | 'any' | 'seen-only';

export interface DepthGroup {
  key: DepthGroupKey;
  /** Posts in the group (the unit: one guide post as seen by this browser's user). */
  n: number;
  /** Of those, posts that led to at least one order. */
  converted: number;
  rateBp: number | null;
  /** n below `SMALL_SAMPLE`: the rate is shown but flagged (样本较少). */
  small: boolean;
}

export interface AuthorReport {
  authorId: string;
  total: Stats;
  /** Busiest first (exposures, then GMV), ties by post id. */
  posts: PostStats[];
  /** Oldest first, one row per day in [first activity, last activity], empty days included. */
  daily: DayStats[];
  depth: DepthGroup[];
}

/** Below this many posts a rate says more about chance than about the audience. */
export const SMALL_SAMPLE = 30;
const BP = 10_000;

function assertInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be a safe integer, got ${n}`);
}

/** n / d in basis points, rounded half-up; null when d is 0 (no denominator, no rate). */
export function rateBp(n: number, d: number): number | null {
  assertInt(n, 'rateBp numerator');
  assertInt(d, 'rateBp denominator');
  if (d <= 0 || n < 0) return null;
  return Math.floor((n * BP * 2 + d) / (2 * d));
}

/**
 * Estimated commission of one order, `paid × rate`, in integer fen rounded half-up (Taobao Union estimates to the
 * fen). Integer arithmetic only: 1999 fen at 1550 bp = 309.845 fen → 310, never a float that lands on 309.84999.
 */
export function commissionFen(paidFen: number, commissionRateBp: number): number {
  assertInt(paidFen, 'paidFen');
  assertInt(commissionRateBp, 'commissionRateBp');
  if (paidFen < 0 || commissionRateBp < 0) throw new Error('commissionFen: amounts must not be negative');
  return Math.floor((paidFen * commissionRateBp + BP / 2) / BP);
}

/** Basis points as a percentage for display: 1234 → "12.34%", null → "—". */
export function formatBp(bp: number | null): string {
  if (bp === null) return '—';
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Local calendar day of an epoch-ms time, `YYYY-MM-DD`. */
export function localDay(ts: number): string {
  const d = new Date(ts);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

interface Counter {
  exposures: number;
  exposedPosts: Set<string>;
  clicks: number;
  saves: number;
  purchases: number;
  gmvFen: number;
  commissionFen: number;
}

const newCounter = (): Counter => ({
  exposures: 0,
  exposedPosts: new Set(),
  clicks: 0,
  saves: 0,
  purchases: 0,
  gmvFen: 0,
  commissionFen: 0,
});

function finish(c: Counter): Stats {
  return {
    exposures: c.exposures,
    exposedPosts: c.exposedPosts.size,
    clicks: c.clicks,
    saves: c.saves,
    purchases: c.purchases,
    gmvFen: c.gmvFen,
    commissionFen: c.commissionFen,
    ctrBp: rateBp(c.clicks, c.exposures),
    conversionBp: rateBp(c.purchases, c.clicks),
  };
}

function addEvent(c: Counter, e: ReportEvent): void {
  if (e.type === 'exposure') {
    c.exposures++;
    if (e.post_id) c.exposedPosts.add(e.post_id);
  } else if (e.type === 'click') c.clicks++;
  else if (e.type === 'save') c.saves++;
}

function addOrder(c: Counter, o: ReportOrder): void {
  c.purchases++;
  c.gmvFen += o.paid_fen;
  c.commissionFen += commissionFen(o.paid_fen, o.commission_rate_bp);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Noon avoids a DST shift landing on the previous or the same day.
  return localDay(new Date(y, m - 1, d + 1, 12).getTime());
}

function ensure<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/**
 * The report for one author. Rows of other authors are ignored, so callers may pass a superset. Purchases, GMV and
 * commission come from `orders` (the order row holds the amount and rate); `purchase` events are not counted again.
 * An order counts for the post it was placed from; orders without a post count in the total only.
 */
export function authorReport(
  authorId: string,
  events: Iterable<ReportEvent>,
  orders: Iterable<ReportOrder>,
): AuthorReport {
  const total = newCounter();
  const perPost = new Map<string, Counter & { firstSeen: number }>();
  const perDay = new Map<string, DayStats>();
  const interactions = new Map<string, Set<string>>();
  const exposed = new Set<string>();
  const bought = new Set<string>();
  const day = (ts: number) =>
    ensure(perDay, localDay(ts), () => ({
      day: localDay(ts),
      exposures: 0,
      clicks: 0,
      saves: 0,
      purchases: 0,
      gmvFen: 0,
      commissionFen: 0,
    }));
  const post = (id: string, ts: number) => {
    const p = ensure(perPost, id, () => ({ ...newCounter(), firstSeen: ts }));
    if (ts < p.firstSeen) p.firstSeen = ts;
    return p;
  };

  const clicked = new Set<string>();
  for (const e of events) {
    if (e.author_id !== authorId) continue;
    if (e.type === 'click') {
      if (!isClickThrough(e)) continue;
      if (e.page_id !== undefined) {
        const key = `${e.page_id}\u0000${e.post_id}\u0000${e.item_id}`;
        if (clicked.has(key)) continue;
        clicked.add(key);
      }
    }
    if (e.type === 'interaction') {
      if (e.post_id && e.action) ensure(interactions, e.post_id, () => new Set()).add(e.action);
      continue;
    }
    // The post itself seen (card or not): a member of the depth table, not a card exposure of the funnel.
    if (e.type === 'post_exposure') {
      if (e.post_id) exposed.add(e.post_id);
      continue;
    }
    if (e.type !== 'exposure' && e.type !== 'click' && e.type !== 'save') continue;
    addEvent(total, e);
    if (e.post_id) addEvent(post(e.post_id, e.ts), e);
    if (e.type === 'exposure' && e.post_id) exposed.add(e.post_id);
    const d = day(e.ts);
    if (e.type === 'exposure') d.exposures++;
    else if (e.type === 'click') d.clicks++;
    else d.saves++;
  }
  for (const o of orders) {
    if (o.author_id !== authorId) continue;
    addOrder(total, o);
    if (o.post_id) {
      addOrder(post(o.post_id, o.created_at), o);
      bought.add(o.post_id);
    }
    const d = day(o.created_at);
    d.purchases++;
    d.gmvFen += o.paid_fen;
    d.commissionFen += commissionFen(o.paid_fen, o.commission_rate_bp);
  }

  const posts: PostStats[] = [...perPost]
    .map(([postId, c]) => ({ postId, firstSeen: c.firstSeen, ...finish(c) }))
    .sort(
      (a, b) =>
        b.exposures - a.exposures || b.gmvFen - a.gmvFen || (a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0),
    );

  const daily: DayStats[] = [];
  const days = [...perDay.keys()].sort();
  if (days.length > 0) {
    const last = days[days.length - 1] as string;
    // Bounded: a year of empty days at most, so a stray old timestamp cannot make the chart huge.
    for (let d = days[0] as string, i = 0; d <= last && i < 366; d = nextDay(d), i++) {
      daily.push(
        perDay.get(d) ?? { day: d, exposures: 0, clicks: 0, saves: 0, purchases: 0, gmvFen: 0, commissionFen: 0 },
      );
    }
  }

  return { authorId, total: finish(total), posts, daily, depth: depthGroups(exposed, interactions, bought) };
}

/**
 * The interaction-depth comparison. Unit: a guide post of this author that the user saw (a card's or the post's own
 * exposure) or acted on
 * (a like / repost / comment implies having seen it). Groups overlap except `seen-only`, which is the posts seen
 * with no interaction at all; a post "converted" when an order was placed from it.
 */
export function depthGroups(
  exposed: ReadonlySet<string>,
  interactions: ReadonlyMap<string, ReadonlySet<string>>,
  bought: ReadonlySet<string>,
): DepthGroup[] {
  const seen = new Set<string>([...exposed, ...interactions.keys()]);
  const members: Record<DepthGroupKey, string[]> = { like: [], repost: [], comment: [], any: [], 'seen-only': [] };
  for (const id of seen) {
    const acts = interactions.get(id);
    if (!acts || acts.size === 0) {
      members['seen-only'].push(id);
      continue;
    }
    members.any.push(id);
    if (acts.has('like')) members.like.push(id);
    if (acts.has('repost')) members.repost.push(id);
    if (acts.has('comment')) members.comment.push(id);
  }
  return (['like', 'repost', 'comment', 'any', 'seen-only'] as const).map((key) => {
    const ids = members[key];
    const converted = ids.filter((id) => bought.has(id)).length;
    return { key, n: ids.length, converted, rateBp: rateBp(converted, ids.length), small: ids.length < SMALL_SAMPLE };
  });
}
