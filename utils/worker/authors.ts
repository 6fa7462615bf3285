import { z } from 'zod';
import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { loggingPausedItem } from '@/utils/db/protected-item';
import { displayName } from '@/utils/display-name';
import { onMessage, type RememberAuthorRequest } from '@/utils/messaging';
import { contentScriptSenderProblem, isQuotaError, type SenderInfo } from './events';
import { invalidRequest } from './invalid-request';

/**
 * An influencer's name as the feed showed it. The uid has the event log's bounds (its `author_id`), the name a save's
 * (`authorName`); the name is page text, kept as text and only ever rendered as text.
 */
export const RememberAuthorRequestSchema = z.strictObject({
  authorId: z.string().min(1).max(64),
  name: z.string().min(1).max(60).transform(displayName).pipe(z.string().min(1)),
});

export interface AuthorDeps {
  db: ZhongcaoDB;
  now: () => number;
  loggingPaused: () => Promise<boolean>;
  runtimeId: string;
  warn: (message: string) => void;
}

function defaults(over: Partial<AuthorDeps>): AuthorDeps {
  return {
    db: sharedDb,
    now: Date.now,
    loggingPaused: () => loggingPausedItem.getValue(),
    runtimeId: browser.runtime.id,
    warn: (m) => console.warn(m),
    ...over,
  };
}

/**
 * `rememberAuthor`: one `authors` row per uid, the latest name. Only our content script on a Weibo page may send it;
 * a bad shape is refused with an error. While logging is paused nothing is written (the click itself is not logged
 * either). A full disk makes it a no-op: a name is a nicety, and the event log's own quota handling decides what goes.
 */
export async function rememberAuthor(
  data: unknown,
  sender: SenderInfo,
  over: Partial<AuthorDeps> = {},
): Promise<{ stored: boolean }> {
  const deps = defaults(over);
  const problem = contentScriptSenderProblem(sender, deps.runtimeId);
  if (problem) throw new Error(`rememberAuthor: ${problem}`);
  const parsed = RememberAuthorRequestSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('rememberAuthor', parsed.error);
  if (await deps.loggingPaused()) return { stored: false };
  const req: RememberAuthorRequest = parsed.data;
  try {
    await deps.db.authors.put({ author_id: req.authorId, name: req.name, updated_at: deps.now() });
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    deps.warn(`[zhongcao] author name not kept, storage is full: ${String(error)}`);
    return { stored: false };
  }
  return { stored: true };
}

/** Registers `rememberAuthor`; call synchronously at the top of the background's main. */
export function registerAuthorHandler(over: Partial<AuthorDeps> = {}): void {
  onMessage('rememberAuthor', ({ data, sender }) => rememberAuthor(data, sender, over));
}
