/**
 * Text normalisation shared by detection and matching. Share text is often full-width (ｕＬ１ｃ０) or salted with
 * zero-width characters to dodge keyword filters, so both are undone before anything looks at the text.
 */

// Zero-width and invisible formatting characters used to split words (淘\u200b宝) or hide payloads.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Full-width ASCII (U+FF01–FF5E) → ASCII, ideographic space → space, invisible characters removed. */
export function normaliseText(input: string): string {
  let out = input.replace(INVISIBLE, '');
  // Fast path: most posts carry no full-width ASCII at all.
  if (!/[\uff01-\uff5e\u3000]/.test(out)) return out;
  out = out.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return out.replace(/\u3000/g, ' ');
}
