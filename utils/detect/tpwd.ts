import { normaliseText } from './normalise';

/**
 * 淘口令 (Taobao password) finder. A password is 8–20 letters/digits between two delimiters. Currency-sign
 * delimiters are what Taobao's share sheet emits; emoji and repeated CJK characters (啊xxxx啊) are what people use
 * once Weibo starts filtering the currency forms, so they are accepted but reported as weaker.
 */
export type TpwdDelimiter = 'currency' | 'emoji' | 'cjk' | 'bracket' | 'link';

export interface TpwdHit {
  /** The password itself, e.g. `uL1c0Yz0Zkk`. */
  core: string;
  /** As written, with its delimiters, after normalisation: `￥uL1c0Yz0Zkk￥`. */
  raw: string;
  delimiter: TpwdDelimiter;
  /** iOS 14+ long form: digits before the password and an m.tb.cn link after it. */
  ios: boolean;
  /** Offset of `raw` in the normalised text. */
  index: number;
  /**
   * Emoji/CJK-delimited and letters only (啊iPhoneProMax啊 looks the same): trust it only if the catalogue knows it.
   */
  weak: boolean;
}

// ₤ is listed twice in folk lists of delimiters; a Set makes that harmless.
const CURRENCY = '￥€₤¤$¥₳₴¢£₰';
const CURRENCY_SET = new Set(CURRENCY);

// Left delimiter, core, right delimiter. The core must not touch other letters/digits on either side, so a word
// inside a URL or a longer token never yields a password.
const CANDIDATE =
  /([￥€₤¤$¥₳₴¢£₰([<「【《]|\p{Extended_Pictographic}\ufe0f?|\p{Script=Han})([A-Za-z0-9]{8,20})([￥€₤¤$¥₳₴¢£₰)\]>」】》]|\p{Extended_Pictographic}|\p{Script=Han})/gu;

// Share sheets also wrap the password in a pair: 復制这段描述(7GKTqp4rne7)后到◇綯♂寳♀◇, 淘口令👉omj5enIo31l👈.
// Brackets enclose ordinary words too, so these count as weak: trusted only when the catalogue knows the core.
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '<': '>', '「': '」', '【': '】', '《': '》', '👉': '👈' };

const IOS_TAIL = /^\s*(?:https?:\/\/)?m\.tb\.cn\/h\./;

function stripVs(s: string): string {
  return s.replace(/\ufe0f/g, '');
}

/** Every 淘口令 in `text`, in text order. Never throws. */
export function findTpwds(text: string): TpwdHit[] {
  if (!text) return [];
  const norm = normaliseText(text);
  const hits: TpwdHit[] = [];
  const seen = new Set<string>();
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(norm); m !== null; m = CANDIDATE.exec(norm)) {
    const [raw, left = '', core = '', right = ''] = m;
    const start = m.index;
    // Let the right delimiter serve as the left one of a following password (￥aaa￥bbb￥ is rare but legal).
    CANDIDATE.lastIndex = start + raw.length - right.length;
    const before = norm.charCodeAt(start - 1);
    let delimiter: TpwdDelimiter;
    if (CURRENCY_SET.has(left) && CURRENCY_SET.has(right)) {
      delimiter = 'currency';
    } else if (stripVs(left) === right && /\p{Extended_Pictographic}/u.test(right)) {
      delimiter = 'emoji';
    } else if (left === right && /\p{Script=Han}/u.test(left)) {
      delimiter = 'cjk';
    } else if (PAIRS[stripVs(left)] === right) {
      delimiter = 'bracket';
    } else {
      continue;
    }
    const hasLetter = /[A-Za-z]/.test(core);
    const hasDigit = /[0-9]/.test(core);
    // Non-currency delimiters occur in ordinary prose (啊iPhone啊); real passwords usually mix letters and digits.
    const weak = delimiter === 'bracket' || (delimiter !== 'currency' && !(hasLetter && hasDigit));
    if (weak && !hasLetter) continue;
    // $12345678$ style amounts: a bare number between dollar signs is not a password.
    if (!hasLetter && (left === '$' || right === '$')) continue;
    const prefixDigits = start > 0 && before >= 48 && before <= 57;
    const ios = prefixDigits && IOS_TAIL.test(norm.slice(start + raw.length, start + raw.length + 40));
    if (seen.has(core)) continue;
    seen.add(core);
    hits.push({ core, raw, delimiter, ios, index: start, weak });
  }
  return hits;
}
