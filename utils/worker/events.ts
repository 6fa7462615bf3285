import { z } from 'zod';
import { catalogueItemsById } from '@/utils/catalogue/active';
import { loadResidentItemIds } from '@/utils/catalogue/loaded';
import { META_KEYS, db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { appendEvents, deleteOlderThan, deleteOldestShare, drainStaged } from '@/utils/db/event-log';
import { bumpMeta } from '@/utils/db/maintenance';
import { loggingPausedItem, retentionDaysItem } from '@/utils/db/protected-item';
import { MAX_BATCH, type ZcEvent, ZcEventSchema } from '@/utils/events/schema';
import { type LogEventsResult, onMessage, type RefusedEvent } from '@/utils/messaging';
import type { Enrolment } from '@/utils/research/config';
import { isUnexportedStudyRow, noteStudyRowsWritten, readExportedUntil } from '@/utils/research/exported-until';
import { isWeiboHost } from '@/utils/sites/hosts';
import { PageViewBudget } from './page-view-budget';
import { clampRetention, readEnrolment, settleLeftStudy, stampStudy } from './research';

/**
 * The background end of event delivery: check who sent the batch, validate each event on its own (one bad event
 * never sinks the rest: it is refused by index and counted), write the valid ones in one transaction keyed by
 * event_id (a retried batch overwrites itself) with the batch's counters, and only then acknowledge. Under a burst
 * (see Intake) the batch is instead committed as one staged row, a single put, and moved into the indexed `events`
 * table once the intake has been quiet for a moment (utils/db/event-log.ts); every read of the log drains the stage first.
 */

export interface EventDeps {
  db: ZhongcaoDB;
  now: () => number;
  runtimeId: string;
  /** Origin of extension pages, e.g. `chrome-extension://<id>`. */
  extensionOrigin: string;
  loggingPaused: () => Promise<boolean>;
  retentionDays: () => Promise<number>;
  warn: (message: string) => void;
  /** The research enrolment whose tags stored events get (utils/worker/research.ts). */
  enrolment: () => Promise<Enrolment | null>;
  /** After a tagged batch is written: settles it if its enrolment ended meanwhile (`settleLeftStudy`). */
  settleLeftStudy: (written: readonly ZcEvent[], stampedWith: Enrolment) => Promise<unknown>;
  /**
   * Called after every batch (`staged`: whether this one was staged): moves staged batches into `events` once the
   * intake goes quiet. A lone batch after nothing was left staged costs no database work.
   */
  drainSoon: (staged: boolean) => void;
  /** Whether a batch is written into the log directly or staged (see Intake). */
  intake: IntakePolicy;
  /** Which of a batch's item ids name an enabled catalogue item; asked once per batch, only when it carries any. */
  knownItems: (itemIds: readonly string[]) => Promise<(itemId: string) => boolean>;
  /** How many events a page view may still log (issue 25: no more than a person could produce). */
  pageBudget: PageViewBudget;
}

/** What freeing room on a full disk needs (`purgeForQuota`). */
type PurgeDeps = Pick<EventDeps, 'db' | 'now' | 'retentionDays' | 'warn'>;

/** Post ids are Weibo mids (decimal) or mblogids / bids (base62). */
const POST_ID = /^[0-9A-Za-z]{1,20}$/;

/** The parts of `runtime.MessageSender` the checks read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

// The envelope only: each event is checked on its own below, so one bad event is refused alone.
const RequestSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH),
  dropped: z.number().int().min(0).max(10_000_000).optional(),
});

const DAY_MS = 86_400_000;

/** How long the intake must be quiet before staged batches are moved: a burst is taken first, indexed after. */
export const DRAIN_QUIET_MS = 250;
/** A batch arriving this soon after the last write ended (or while one is being written) finds the intake hot. */
export const HOT_MS = 20;
/** When nothing is older than the retention window, this share of the oldest raw events goes instead. */
const FALLBACK_PURGE_SHARE = 0.05;

export class EventBatchRejected extends Error {
  override name = 'EventBatchRejected';
}

function defaults(over: Partial<EventDeps>): EventDeps {
  const db = over.db ?? sharedDb;
  const deps: EventDeps = {
    db,
    now: Date.now,
    runtimeId: over.runtimeId ?? browser.runtime.id,
    extensionOrigin: over.extensionOrigin ?? browser.runtime.getURL('/').replace(/\/$/, ''),
    loggingPaused: () => loggingPausedItem.getValue(),
    retentionDays: () => retentionDaysItem.getValue(),
    warn: (m) => console.warn(m),
    enrolment: readEnrolment,
    ...over,
    settleLeftStudy:
      over.settleLeftStudy ?? ((written, stampedWith) => settleLeftStudy(written, stampedWith, db, deps.enrolment)),
    drainSoon: over.drainSoon ?? ((staged) => drainers(db, () => new StageDrainer(deps)).soon(staged)),
    intake: over.intake ?? intakes(db, () => new Intake()),
    knownItems:
      over.knownItems ??
      (async (itemIds) => {
        // The resident items, then the imported sources by key: a batch never loads every imported item.
        const resident = await loadResidentItemIds();
        const rest = itemIds.filter((id) => !resident.has(id));
        // Without the database the resident catalogue is the packaged file, every item.
        const found = new Set((await catalogueItemsById(rest).catch(() => [])).map((item) => item.item_id));
        return (id) => resident.has(id) || found.has(id);
      }),
    pageBudget: over.pageBudget ?? pageBudgets(db, () => new PageViewBudget()),
  };
  return deps;
}

/** One instance per database for the worker's lifetime, made by `make` on first use. */
function perDatabase<T extends object>(): (db: ZhongcaoDB, make: () => T) => T {
  const made = new WeakMap<ZhongcaoDB, T>();
  return (db, make) => {
    let v = made.get(db);
    if (!v) {
      v = make();
      made.set(db, v);
    }
    return v;
  };
}

const drainers = perDatabase<StageDrainer>();
const intakes = perDatabase<Intake>();
const pageBudgets = perDatabase<PageViewBudget>();

/**
 * Runs `drainStaged` once the intake has been quiet for DRAIN_QUIET_MS, one drain at a time. A full disk purges and
 * retries; any other failure leaves the rows staged (nothing is lost) for the next batch or the next worker start.
 */
export class StageDrainer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Rows may be staged: true at start (a stopped worker may have left some), after a staged batch or a failed move. */
  private waiting = true;

  constructor(
    private readonly deps: PurgeDeps,
    private readonly quietMs = DRAIN_QUIET_MS,
  ) {}

  /** `staged`: a batch was just staged. Otherwise the drain is scheduled only if rows may still be waiting. */
  soon(staged = true): void {
    if (staged) this.waiting = true;
    if (!this.waiting) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.now();
    }, this.quietMs);
  }

  /** Drains now; resolves when the stage is empty (or a step failed and was reported). */
  now(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.step();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async step(): Promise<void> {
    // Cleared before the move: a batch staged meanwhile sets it again.
    this.waiting = false;
    try {
      await retryOnQuota(() => drainStaged(this.deps.db), this.deps);
    } catch (error) {
      this.waiting = true;
      this.deps.warn(`[zhongcao] staged events kept for later, not moved yet: ${String(error)}`);
    }
  }
}

/** Why this sender may not log feed events, or null if it is our own content script on a Weibo page. */
export function contentScriptSenderProblem(sender: SenderInfo, runtimeId: string): string | null {
  if (sender.id !== runtimeId) return `foreign extension ${sender.id ?? '(none)'}`;
  if (!sender.tab) return 'not sent from a tab';
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return 'sender has no URL';
  }
  if (url.protocol !== 'https:' || !isWeiboHost(url.hostname)) return `sender not on a Weibo page (${url.origin})`;
  return null;
}

/** Why this sender may not log page events, or null if it is one of our extension pages. */
export function extensionPageSenderProblem(sender: SenderInfo, runtimeId: string, origin: string): string | null {
  if (sender.id !== runtimeId) return `foreign extension ${sender.id ?? '(none)'}`;
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return 'sender has no URL';
  }
  // URL.origin is "null" for non-special schemes outside browsers, so compare scheme and host.
  const senderOrigin = `${url.protocol}//${url.host}`;
  if (senderOrigin !== origin) return `sender not an extension page (${senderOrigin})`;
  return null;
}

function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? '';
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `invalid shape at ${where || '(root)'}: ${first?.message ?? 'unknown'}${more}`.slice(0, 300);
}

async function reject(reason: string, deps: EventDeps): Promise<never> {
  deps.warn(`[zhongcao] event batch rejected: ${reason}`);
  try {
    await bumpMeta(deps.db, META_KEYS.rejectedMessages, deps.now(), (prev) => ({
      count: (typeof prev?.count === 'number' ? prev.count : 0) + 1,
      last_reason: reason,
      last_at: deps.now(),
    }));
  } catch (error) {
    deps.warn(`[zhongcao] could not record rejection: ${String(error)}`);
  }
  throw new EventBatchRejected(`logEvents rejected: ${reason}`);
}

export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === 'QuotaExceededError') {
      return true;
    }
    e =
      typeof e === 'object' && e !== null
        ? ((e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause)
        : null;
  }
  return false;
}

/**
 * Decides where a batch goes. A lone batch (the feed's usual flush: a few events, a second apart) is written straight
 * into the indexed log, so once it is acknowledged every reader sees it. While batches come back to back (a tab
 * catching up after the worker was away, several tabs at once) the intake is hot: each batch is staged, one put, and
 * the log catches up when the intake goes quiet.
 */
export interface IntakePolicy {
  /** Marks a batch's arrival; true when it should be staged. */
  arrive(): boolean;
  /** Runs one batch's write, counted as in flight. */
  write<T>(run: () => Promise<T>): Promise<T>;
}

export class Intake implements IntakePolicy {
  private inflight = 0;
  private lastDone = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly hotMs = HOT_MS,
  ) {}

  arrive(): boolean {
    // Measured from the end of the last write: a sender with one batch in flight sends its next right after the ack.
    return this.inflight > 0 || this.clock() - this.lastDone < this.hotMs;
  }

  async write<T>(run: () => Promise<T>): Promise<T> {
    this.inflight++;
    try {
      return await run();
    } finally {
      this.inflight--;
      this.lastDone = this.clock();
    }
  }
}

/** A diagnostics counter to bump in the same transaction as the batch it describes. */
export interface CounterBump {
  key: string;
  update: (prev: Record<string, unknown> | undefined) => Record<string, unknown>;
}

/**
 * Writes one batch, staged or straight into the log, and its counters in the same transaction: the data first, so a
 * full disk fails the whole write (and the purge and retry cover both) instead of failing on a counter before it.
 */
async function writeBatch(events: ZcEvent[], staged: boolean, counters: CounterBump[], deps: EventDeps): Promise<void> {
  const { db } = deps;
  // Study rows may land below the export mark (a late outbox): the mark moves with the write (exported-until.ts).
  const study = events.some((e) => e.participant_id);
  if (counters.length === 0 && !study) {
    if (events.length === 0) return;
    if (staged) await db.staged.add({ events, staged_at: deps.now() });
    else await appendEvents(db, events);
    return;
  }
  const bump = async () => {
    if (study) await noteStudyRowsWritten(db, events, deps.now());
    for (const c of counters) await bumpMeta(db, c.key, deps.now(), c.update);
  };
  if (!staged) return appendEvents(db, events, [db.meta], bump);
  await db.transaction('rw', [db.staged, db.meta], async () => {
    if (events.length > 0) await db.staged.add({ events, staged_at: deps.now() });
    await bump();
  });
}

/**
 * Frees room after a quota error: raw events older than the retention window first; if none are that old, the
 * oldest few percent. Records the purge so the dashboard can tell the user. Returns how many events went.
 */
export async function purgeForQuota(deps: PurgeDeps): Promise<number> {
  const now = deps.now();
  const days = clampRetention(await deps.retentionDays());
  const cutoff = now - days * DAY_MS;
  // A study's rows not yet exported are the participant's contribution: a full disk never takes them (issue 25).
  const exported = await readExportedUntil(deps.db);
  const keep = (e: ZcEvent) => isUnexportedStudyRow(e, exported);
  let purged = await deleteOlderThan(deps.db, cutoff, keep);
  let how = `older than ${days} days`;
  if (purged === 0) {
    const oldest = await deleteOldestShare(deps.db, FALLBACK_PURGE_SHARE, keep);
    if (oldest.total > 0) {
      purged = oldest.purged;
      how = `oldest ${oldest.purged} of ${oldest.total}`;
    }
  }
  deps.warn(`[zhongcao] storage full: purged ${purged} events (${how})`);
  await bumpMeta(deps.db, META_KEYS.quotaPurges, now, (prev) => ({
    count: (typeof prev?.count === 'number' ? prev.count : 0) + 1,
    purged_events: (typeof prev?.purged_events === 'number' ? prev.purged_events : 0) + purged,
    last_at: now,
    last_how: how,
    acknowledged: false,
  }));
  return purged;
}

/** Runs `write`; on a full disk, purges (see `purgeForQuota`) and runs it once more. Other errors pass through. */
async function retryOnQuota<T>(write: () => Promise<T>, deps: PurgeDeps): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await purgeForQuota(deps);
    return write();
  }
}

async function writeWithQuota(
  events: ZcEvent[],
  staged: boolean,
  counters: CounterBump[],
  deps: EventDeps,
): Promise<void> {
  await deps.intake.write(() => retryOnQuota(() => writeBatch(events, staged, counters, deps), deps));
  // After a lone batch too: rows a failed move left staged go in with the next quiet moment.
  deps.drainSoon(staged);
}

/** Why each event was refused, counted by this code in diagnostics (`META_KEYS.refusedEvents`). */
type RefusalCode = RefusedEvent['code'];

/** Checks each event on its own: the valid ones, and the others by index with the reason. */
async function sortEvents(
  raw: readonly unknown[],
  deps: EventDeps,
): Promise<{ valid: ZcEvent[]; refused: RefusedEvent[] }> {
  const valid: ZcEvent[] = [];
  const validAt: number[] = [];
  const refused: RefusedEvent[] = [];
  const parsedAt: { e: ZcEvent; index: number }[] = [];
  for (let index = 0; index < raw.length; index++) {
    const parsed = ZcEventSchema.safeParse(raw[index]);
    if (!parsed.success) {
      refused.push({ index, code: 'schema', reason: describeZodError(parsed.error) });
      continue;
    }
    const e = parsed.data;
    if (e.post_id !== null && !POST_ID.test(e.post_id)) {
      refused.push({ index, code: 'post', reason: 'post_id is not a Weibo post id' });
      continue;
    }
    parsedAt.push({ e, index });
  }
  const itemIds = [...new Set(parsedAt.flatMap(({ e }) => (e.item_id === null ? [] : [e.item_id])))];
  const known = itemIds.length > 0 ? await deps.knownItems(itemIds) : null;
  for (const { e, index } of parsedAt) {
    if (e.item_id !== null && !known?.(e.item_id)) {
      refused.push({ index, code: 'item', reason: 'item_id is not in the catalogue' });
      continue;
    }
    valid.push(e);
    validAt.push(index);
  }
  // Only valid events spend a page view's budget, so a flood of junk cannot use it up for the real ones.
  const allowed = deps.pageBudget.take(valid, deps.now());
  for (let i = allowed; i < valid.length; i++) {
    refused.push({ index: validAt[i] as number, code: 'budget', reason: "over the page view's event budget" });
  }
  refused.sort((a, b) => a.index - b.index);
  return { valid: valid.slice(0, allowed), refused };
}

function refusalCounter(refused: readonly RefusedEvent[], now: number): CounterBump {
  return {
    key: META_KEYS.refusedEvents,
    update: (prev) => {
      const raw = prev?.by_code;
      const byCode: Record<string, number> = {};
      for (const code of ['schema', 'post', 'item', 'budget'] satisfies RefusalCode[]) {
        const before =
          raw && typeof raw === 'object' && Object.hasOwn(raw, code) ? (raw as Record<string, unknown>)[code] : 0;
        byCode[code] = (typeof before === 'number' ? before : 0) + refused.filter((r) => r.code === code).length;
      }
      return {
        count: (typeof prev?.count === 'number' ? prev.count : 0) + refused.length,
        by_code: byCode,
        last_reason: refused[refused.length - 1]?.reason ?? '',
        last_at: now,
      };
    },
  };
}

function droppedCounter(dropped: number, now: number): CounterBump {
  return {
    key: META_KEYS.droppedEvents,
    update: (prev) => ({ count: (typeof prev?.count === 'number' ? prev.count : 0) + dropped, last_at: now }),
  };
}

async function handleBatch(data: unknown, senderProblem: string | null, deps: EventDeps): Promise<LogEventsResult> {
  if (senderProblem) return reject(senderProblem, deps);
  // The intake is judged on arrival, before the checks below: their time is not a pause in the stream.
  const hot = deps.intake.arrive();
  const parsed = RequestSchema.safeParse(data);
  if (!parsed.success) return reject(describeZodError(parsed.error), deps);
  const { valid, refused } = await sortEvents(parsed.data.events, deps);
  if (refused.length > 0) {
    deps.warn(`[zhongcao] ${refused.length} of ${parsed.data.events.length} events refused: ${refused[0]?.reason}`);
  }
  const ids = valid.map((e) => e.event_id);
  const counters: CounterBump[] = [];
  if (parsed.data.dropped) counters.push(droppedCounter(parsed.data.dropped, deps.now()));
  if (refused.length > 0) counters.push(refusalCounter(refused, deps.now()));
  // Two storage reads (1–3 ms each in a busy worker): asked together rather than one after the other.
  const [paused, enrolment] = await Promise.all([deps.loggingPaused(), deps.enrolment()]);
  // Study tags are stamped here, at write time: this is the one path into the log. On a full disk: purge, retry once,
  // and otherwise let the error reach the sender (its outbox keeps the batch, and the counters go with it).
  const stamped = paused ? [] : stampStudy(valid, enrolment);
  await writeWithQuota(stamped, hot, counters, deps);
  const answer = (stored: boolean): LogEventsResult =>
    refused.length > 0 ? { acked: ids, stored, refused } : { acked: ids, stored };
  if (paused) return answer(false);
  // The participant may have left while this batch was being written, after the leave's own deletion ran.
  if (enrolment && stamped.length > 0) await deps.settleLeftStudy(stamped, enrolment);
  return answer(true);
}

/**
 * Events a tab kept in storage.local while the worker was away (utils/worker/outbox-recovery.ts): no sender to
 * check, so the same per-event checks as a content script's delivery and nothing more trusted.
 */
export function ingestSavedEvents(data: unknown, over: Partial<EventDeps> = {}): Promise<LogEventsResult> {
  return handleBatch(data, null, defaults(over));
}

/** `logEvents` from the feed content script. */
export function handleLogEvents(
  data: unknown,
  sender: SenderInfo,
  over: Partial<EventDeps> = {},
): Promise<LogEventsResult> {
  const deps = defaults(over);
  return handleBatch(data, contentScriptSenderProblem(sender, deps.runtimeId), deps);
}

/** `logPageEvents` from the popup or dashboard. */
export function handleLogPageEvents(
  data: unknown,
  sender: SenderInfo,
  over: Partial<EventDeps> = {},
): Promise<LogEventsResult> {
  const deps = defaults(over);
  return handleBatch(data, extensionPageSenderProblem(sender, deps.runtimeId, deps.extensionOrigin), deps);
}

/**
 * Call synchronously at the top of the background's main so a worker woken by a message finds its listener. Also
 * moves batches a stopped worker left staged.
 */
export function registerEventHandlers(over: Partial<EventDeps> = {}): void {
  let lastRecovery = Number.NEGATIVE_INFINITY;
  const recover = () => {
    if (Date.now() - lastRecovery < RECOVERY_PERIOD_MS) return;
    lastRecovery = Date.now();
    import('./outbox-recovery')
      .then(({ recoverSavedOutboxes }) => recoverSavedOutboxes(browser.storage.local, over))
      .catch((e: unknown) => console.warn(`[zhongcao] saved events not taken in: ${String(e)}`));
  };
  onMessage('logEvents', ({ data, sender }) => {
    recover();
    return handleLogEvents(data, sender, over);
  });
  onMessage('logPageEvents', ({ data, sender }) => handleLogPageEvents(data, sender, over));
  defaults(over).drainSoon(true);
  recover();
}

/** How often, at most, the worker looks for events tabs kept while it was away. */
const RECOVERY_PERIOD_MS = 60_000;
