/**
 * Logical names of the hashed CSS-module classes the demo page uses, and how each is spelled once hashed.
 * weibo.com mixes two CSS-module styles: webpack's `File_local_hash5` and Vite's `_local_hash5_line`.
 * `demo/build.ts` draws the hashes with a fresh salt per build (or `DEMO_HASH_SEED`), so selectors must use
 * substrings like `[class*="_wbtext_"]`, exactly as on the real site.
 */
export const CLASS_STYLES = {
  Feed_wrap: 'webpack',
  Feed_normal: 'webpack',
  Feed_body: 'webpack',
  Feed_retweet: 'webpack',
  ALink_default: 'webpack',
  head_avatar: 'webpack',
  head_main: 'webpack',
  head_info: 'webpack',
  head_nick: 'webpack',
  head_name: 'webpack',
  head_cut: 'webpack',
  head_tags: 'webpack',
  head_more: 'webpack',
  time: 'vite',
  source: 'vite',
  infoLine: 'vite',
  text: 'vite',
  ogText: 'vite',
  wbtext: 'vite',
  reText: 'vite',
  reHead: 'vite',
  reTime: 'vite',
  picture: 'vite',
  pictureItem: 'vite',
  toolbar: 'vite',
  toolbarItem: 'vite',
  toolbarWrap: 'vite',
  num: 'vite',
  likeBtn: 'vite',
  cmt: 'vite',
  cmtInput: 'vite',
  cmtBtn: 'vite',
  cmtList: 'vite',
  tag: 'vite',
  toast: 'vite',
} as const;

export type ClassKey = keyof typeof CLASS_STYLES;
export type ClassMap = Record<ClassKey, string>;

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';

/** Hashed class names for one build; `next` is a [0,1) random source (seeded by the build). */
export function hashClasses(next: () => number): ClassMap {
  const draw = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const out = {} as ClassMap;
  for (const [key, style] of Object.entries(CLASS_STYLES) as [ClassKey, 'webpack' | 'vite'][]) {
    out[key] =
      style === 'webpack'
        ? `${key}_${draw(B64.slice(0, 62), 5)}`
        : `_${key}_${draw(B36, 5)}_${String(Math.floor(next() * 90) + 10)}`;
  }
  return out;
}
