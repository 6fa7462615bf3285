/**
 * Names and titles as text to show, never as layout: bidi controls (an unterminated U+202E reverses the rest of the
 * line), zero-width and other invisible format characters are taken out, and whitespace runs become one space.
 * Render the result isolated, in `<bdi>`, so a right-to-left name cannot reorder what follows it.
 */
// U+00AD soft hyphen, U+061C Arabic letter mark, U+115F/U+1160 Hangul fillers, U+180E, U+200B–U+200F, U+202A–U+202E,
// U+2060–U+206F, U+3164 Hangul filler, U+FEFF, U+FFA0, U+FFF9–U+FFFB interlinear annotation.
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
const SPACES = /\s+/g;

export function displayName(raw: string): string {
  if (typeof raw !== 'string') return '';
  return raw.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}
