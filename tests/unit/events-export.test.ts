// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportSection } from '@/components/export/ExportSection';
import { ZhongcaoDB } from '@/utils/db';
import {
  type ExportResult,
  type ExportSource,
  type ExportStatus,
  eventsToNdjson,
  exportFilename,
  readStatus,
} from '@/utils/events/export';
import { createEventFactory } from '@/utils/events/factory';
import { type ZcEvent, ZcEventSchema } from '@/utils/events/schema';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0' });
let db: ZhongcaoDB;

beforeEach(async () => {
  db = new ZhongcaoDB(`zc-export-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('NDJSON export', () => {
  it('writes every event once, oldest first, one valid snake_case JSON object per line', async () => {
    const events: ZcEvent[] = Array.from({ length: 4_500 }, (_, i) =>
      make(
        'exposure',
        { post_id: `P${i}`, author_id: 'A', item_id: '600000000001', visible_ms: 1000 + i, max_ratio: 1 },
        1_700_000_000_000 + (4_500 - i),
      ),
    );
    events.push(
      make(
        'purchase',
        { post_id: 'P1', author_id: 'A', item_id: '600000000001', order_id: 'ZC-1', amount_fen: 12900 },
        1,
      ),
    );
    // The purchase was acknowledged but is still staged (the intake had not gone quiet yet): it is exported too.
    await db.events.bulkPut(events.slice(0, -1));
    await db.staged.add({ events: events.slice(-1), staged_at: 2 });
    const progress: number[] = [];
    const { blob, count } = await eventsToNdjson(db, (n) => progress.push(n));
    const text = await blob.text();
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(count).toBe(4_501);
    expect(lines).toHaveLength(4_501);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(parsed.map((e) => e.event_id)).size).toBe(4_501);
    expect(parsed[0]).toMatchObject({ type: 'purchase', order_id: 'ZC-1', amount_fen: 12900 });
    const ts = parsed.map((e) => e.ts as number);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    for (const e of parsed.slice(0, 50)) expect(ZcEventSchema.safeParse(e).success).toBe(true);
    expect(Object.keys(parsed[1]!).every((k) => /^[a-z_]+$/.test(k))).toBe(true);
    expect(progress.at(-1)).toBe(4_501);
  });

  it('names the file by local date', () => {
    expect(exportFilename(new Date(2026, 10, 4))).toBe('zhongcao-events-2026-11-04.ndjson');
  });

  it('counts events per type', async () => {
    await db.events.bulkPut([
      make('detect', { post_id: 'P1', author_id: 'A', item_id: null, score: 5 }),
      make('click', { post_id: 'P1', author_id: 'A', item_id: null, target: 'link' }),
      make('click', { post_id: 'P1', author_id: 'A', item_id: '600000000001', target: 'buy' }),
    ]);
    const s = await readStatus(db);
    expect(s.total).toBe(3);
    expect(s.counts).toEqual({ detect: 1, click: 2 });
    expect(s.quotaNotice).toBeNull();
  });
});

describe('export panel on the dashboard', () => {
  function fakeSource(status: ExportStatus) {
    const downloads: ExportResult[] = [];
    const source: ExportSource = {
      watchStatus: (cb) => {
        cb(status);
        return () => {};
      },
      watchPaused: (cb) => {
        cb(false);
        return () => {};
      },
      watchLang: (cb) => {
        cb('zh-CN');
        return () => {};
      },
      setPaused: vi.fn(async () => {}),
      exportNdjson: async () => ({ blob: new Blob(['{}\n']), filename: 'zhongcao-events-2026-11-24.ndjson', count: 1 }),
      deleteAll: vi.fn(async () => {}),
      acknowledgeQuota: vi.fn(async () => {}),
      download: (r) => downloads.push(r),
    };
    return { source, downloads };
  }

  async function render(source: ExportSource) {
    const el = document.createElement('div');
    document.body.append(el);
    const root = createRoot(el);
    await act(async () => root.render(createElement(ExportSection, { source })));
    return { el, root };
  }
  const button = (el: Element, name: RegExp) =>
    [...el.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement;

  it('has an "导出 NDJSON" button that downloads the file and shows counts per type', async () => {
    const { source, downloads } = fakeSource({
      counts: { exposure: 3, click: 1 },
      total: 4,
      quotaNotice: null,
      rejected: null,
      dropped: 0,
    });
    const { el, root } = await render(source);
    expect(el.querySelector('[data-event-type="exposure"]')?.textContent).toContain('3');
    const exportButton = button(el, /NDJSON/);
    expect(exportButton.textContent).toBe('导出 NDJSON');
    await act(async () => exportButton.click());
    expect(downloads.map((d) => d.filename)).toEqual(['zhongcao-events-2026-11-24.ndjson']);
    expect(el.textContent).toContain('已导出 1 条事件');
    await act(async () => root.unmount());
  });

  it('pauses logging, and deletes everything only after confirming', async () => {
    const { source } = fakeSource({
      counts: { exposure: 1 },
      total: 1,
      quotaNotice: { purgedEvents: 12, at: 1 },
      rejected: null,
      dropped: 0,
    });
    const { el, root } = await render(source);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('已自动清理 12 条');
    await act(async () => button(el, /暂停记录/).click());
    expect(source.setPaused).toHaveBeenCalledWith(true);
    await act(async () => button(el, /删除全部数据/).click());
    expect(source.deleteAll).not.toHaveBeenCalled();
    await act(async () => button(el, /确认删除/).click());
    expect(source.deleteAll).toHaveBeenCalledTimes(1);
    await act(async () => root.unmount());
  });
});
