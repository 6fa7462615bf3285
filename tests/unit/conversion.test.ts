import { describe, expect, it } from 'vitest';
import {
  authorReport,
  commissionFen,
  formatBp,
  type ReportEvent,
  type ReportOrder,
  rateBp,
  SMALL_SAMPLE,
} from '@/utils/metrics/conversion';

const AUTHOR = '1669879400';
const OTHER = '2000000001';
const DAY1 = new Date(2026, 5, 1, 10).getTime();
const DAY3 = new Date(2026, 5, 3, 21).getTime();

function ev(type: string, post: string | null, ts = DAY1, extra: Partial<ReportEvent> = {}): ReportEvent {
  return { type, ts, post_id: post, author_id: AUTHOR, item_id: '600000000001', ...extra };
}

function order(id: string, post: string | null, paid: number, bp: number, ts = DAY1): ReportOrder {
  return { order_id: id, created_at: ts, post_id: post, author_id: AUTHOR, paid_fen: paid, commission_rate_bp: bp };
}

describe('rates', () => {
  it('are null, shown as —, when nothing was there to convert', () => {
    expect(rateBp(0, 0)).toBeNull();
    expect(rateBp(5, 0)).toBeNull();
    expect(formatBp(null)).toBe('—');
  });

  it('are basis points rounded half-up, and may exceed 100 %', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(1, 8)).toBe(1250);
    expect(rateBp(0, 7)).toBe(0);
    expect(rateBp(3, 2)).toBe(15000);
    expect(formatBp(1250)).toBe('12.5%');
    expect(formatBp(3333)).toBe('33.33%');
    expect(formatBp(10000)).toBe('100%');
    expect(formatBp(5)).toBe('0.05%');
  });

  it('refuse fractional counts instead of guessing', () => {
    expect(() => rateBp(1.5, 3)).toThrow();
  });
});

describe('estimated commission', () => {
  it('is paid fen × basis points, rounded half-up to the fen', () => {
    expect(commissionFen(10000, 1550)).toBe(1550); // ¥100 at 15.5 % = ¥15.50
    expect(commissionFen(1999, 1550)).toBe(310); // 309.845 → 310
    expect(commissionFen(1, 5000)).toBe(1); // 0.5 → 1
    expect(commissionFen(1, 4999)).toBe(0);
    expect(commissionFen(0, 2000)).toBe(0);
    expect(commissionFen(12345, 0)).toBe(0);
  });

  it('rejects non-integer or negative money', () => {
    expect(() => commissionFen(19.99, 1550)).toThrow();
    expect(() => commissionFen(-100, 1550)).toThrow();
  });
});

describe("an author's report", () => {
  const events: ReportEvent[] = [
    ev('exposure', 'PostA'),
    ev('exposure', 'PostA', DAY1 + 1000),
    ev('exposure', 'PostB'),
    ev('click', 'PostA'),
    ev('click', 'PostA'),
    ev('click', 'PostB', DAY3),
    ev('save', 'PostA'),
    ev('detect', 'PostA'),
    ev('purchase', 'PostA'), // counted from the orders table, not again here
    ev('interaction', 'PostA', DAY1, { action: 'like', item_id: null }),
    ev('exposure', 'PostZ', DAY1, { author_id: OTHER }),
    ev('click', 'PostZ', DAY1, { author_id: OTHER }),
  ];
  const orders: ReportOrder[] = [
    order('o1', 'PostA', 1999, 1550),
    order('o2', 'PostA', 10000, 2000, DAY3),
    order('o3', null, 500, 1000, DAY3),
    { ...order('o4', 'PostZ', 99999, 9000), author_id: OTHER },
  ];
  const r = authorReport(AUTHOR, events, orders);

  it('totals exposures, exposed posts, clicks, saves, purchases, GMV and commission of this author only', () => {
    expect(r.total).toEqual({
      exposures: 3,
      exposedPosts: 2,
      clicks: 3,
      saves: 1,
      purchases: 3,
      gmvFen: 1999 + 10000 + 500,
      commissionFen: 310 + 2000 + 50,
      ctrBp: 10000,
      conversionBp: 10000,
    });
  });

  it('breaks the numbers down per post; an order without a post only counts in the total', () => {
    const a = r.posts.find((p) => p.postId === 'PostA');
    const b = r.posts.find((p) => p.postId === 'PostB');
    expect(r.posts.map((p) => p.postId)).toEqual(['PostA', 'PostB']);
    expect(a).toMatchObject({ exposures: 2, clicks: 2, purchases: 2, gmvFen: 11999, commissionFen: 2310 });
    expect(a?.ctrBp).toBe(10000);
    expect(a?.conversionBp).toBe(10000);
    expect(b).toMatchObject({ exposures: 1, clicks: 1, purchases: 0, gmvFen: 0, conversionBp: 0 });
  });

  it('has one row per day from the first to the last activity, empty days included', () => {
    expect(r.daily.map((d) => d.day)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    expect(r.daily[0]).toMatchObject({ exposures: 3, clicks: 2, saves: 1, purchases: 1, gmvFen: 1999 });
    expect(r.daily[1]).toMatchObject({ exposures: 0, clicks: 0, purchases: 0, gmvFen: 0 });
    expect(r.daily[2]).toMatchObject({ clicks: 1, purchases: 2, gmvFen: 10500, commissionFen: 2050 });
  });

  it('compares posts the user interacted with against posts only seen, with n and a small-sample flag', () => {
    const g = Object.fromEntries(r.depth.map((d) => [d.key, d]));
    expect(g.like).toMatchObject({ n: 1, converted: 1, rateBp: 10000, small: true });
    expect(g.repost).toMatchObject({ n: 0, converted: 0, rateBp: null });
    expect(g['seen-only']).toMatchObject({ n: 1, converted: 0, rateBp: 0 });
  });

  it('is empty, with null rates, for an author nobody saw', () => {
    const empty = authorReport('nobody', events, orders);
    expect(empty.total.exposures).toBe(0);
    expect(empty.total.ctrBp).toBeNull();
    expect(empty.total.conversionBp).toBeNull();
    expect(empty.posts).toEqual([]);
    expect(empty.daily).toEqual([]);
    expect(empty.depth.every((d) => d.n === 0 && d.rateBp === null)).toBe(true);
  });

  it('stops flagging the sample as small once enough posts are in a group', () => {
    const many: ReportEvent[] = [];
    for (let i = 0; i < SMALL_SAMPLE; i++) many.push(ev('exposure', `P${i}`));
    const big = authorReport(AUTHOR, many, [order('x', 'P0', 100, 100)]);
    const seen = big.depth.find((d) => d.key === 'seen-only');
    expect(seen).toMatchObject({ n: SMALL_SAMPLE, converted: 1, small: false });
    expect(seen?.rateBp).toBe(rateBp(1, SMALL_SAMPLE));
  });
});

describe('clicks', () => {
  it('count click-throughs once per page view, post and item, not interface clicks', () => {
    const click = (target: string, page: string, item = '1'): ReportEvent => ({
      ...ev('click', 'PostA'),
      target,
      page_id: page,
      item_id: item,
    });
    const r = authorReport(
      AUTHOR,
      [
        ev('exposure', 'PostA'),
        click('buy', 'p1'),
        click('other', 'p1'), // 确认下单 inside the sheet
        click('collapse', 'p1'),
        click('view-item', 'p1'), // same view, same item: already counted
        click('card', 'p1', '2'), // another item on the same post
        click('link', 'p2'), // a later page view
      ],
      [],
    );
    expect(r.total.clicks).toBe(3);
    expect(r.total.ctrBp).toBe(30000);
  });
});
