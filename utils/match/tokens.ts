/**
 * Chinese-aware tokens for the title index: overlapping character bigrams over runs of CJK characters (Chinese
 * has no spaces, and bigrams are the classic compromise between recall and index size), lower-cased words for
 * Latin/digit runs (brands like SK-II, YSL, iPhone). A single CJK character between non-CJK text becomes a unigram
 * token so that 「a霜b」-style names still produce something.
 */

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * Calls `emit(token, offset)` for every token of `text`, in order. Text must already be normalised
 * (`normaliseText`). Offsets let callers order matches by where the mention appears.
 */
export function forEachToken(text: string, emit: (token: string, offset: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      let j = i + 1;
      while (j < n && isCjk(text.charCodeAt(j))) j++;
      if (j - i === 1) emit(text[i] as string, i);
      else for (let k = i; k + 1 < j; k++) emit(text.slice(k, k + 2), k);
      i = j;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      // Long alphanumeric runs are ids, passwords or noise, never product names.
      if (j - i <= 24) emit(text.slice(i, j).toLowerCase(), i);
      i = j;
    } else {
      i++;
    }
  }
}

/** Unique tokens of `text`, in first-occurrence order. */
export function tokenSet(text: string): string[] {
  const seen = new Set<string>();
  forEachToken(text, (t) => {
    seen.add(t);
  });
  return [...seen];
}
