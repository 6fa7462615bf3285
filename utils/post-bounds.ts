/**
 * The bounds of a `Post` as the worker's schema holds it (utils/post-schema.ts), without Zod, so the content side can
 * clamp a post to them before sending (utils/post-clamp.ts) and one oversized field never costs a post its card.
 */
import { MAX_POST_ID_CHARS } from './feed/page-json';

/** Longest post id: the bridge's header and the schema allow no longer. */
export { MAX_POST_ID_CHARS };
export const MAX_POST_TEXT = 20_000;
export const MAX_UID_CHARS = 40;
/** Names, link texts. */
export const MAX_SHORT_CHARS = 300;
export const MAX_URL_CHARS = 4096;
export const MAX_ICON_CHARS = 200;
export const MAX_LINKS = 100;
export const MAX_IMAGES = 50;
export const MAX_LINK_OFFSET = 10_000_000;
