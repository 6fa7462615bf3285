import { appendCollapsed } from './common';

/**
 * Weibo's post HTML (m.weibo.cn's `text` and `longTextContent`, weibo.com's `text`) read as text without a DOM: the
 * worker, the analyse command and the read-ahead have none. It reads the markup the way `readText` reads the drawn
 * post (text, `<br>` as a line break, emoji `<img alt>`, anchors with their offsets) so both give the same text.
 * One pass over the string, no backtracking, never throws: the HTML is the page's (or a file's) and untrusted.
 */
export interface HtmlAnchor {
  href: string | null;
  /** m.weibo.cn draws a t.cn link's destination here and a `/p/index` card page in `href`. */
  dataUrl: string | null;
  /** The anchor's visible text (for link cards, the `.surl-text` label). */
  text: string;
  /** The `src` of the first picture inside (the link-type icon). */
  iconSrc: string | null;
  offset: number;
}

export interface HtmlText {
  text: string;
  anchors: HtmlAnchor[];
  /** The markup ends in the 全文 link that cuts a long post. */
  cut: boolean;
}

const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|([^<]+)|</g;
const ATTR = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const HTML_SPACE = /[ \t\r\n\f\v]+/g;
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'button']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

function attrs(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m !== null; m = ATTR.exec(raw)) {
    if (m[0] === '') {
      ATTR.lastIndex++;
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Visible text and anchors of Weibo post HTML; stops collecting text at `max` characters. */
export function readHtmlText(html: string, max = 20_000): HtmlText {
  let text = '';
  const anchors: HtmlAnchor[] = [];
  let cut = false;
  /** The open anchor, with where its text started (to read its label, or drop it when it is the 全文 link). */
  let open: { anchor: HtmlAnchor; start: number; hasHref: boolean } | null = null;
  let skipping: string | null = null;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    const [whole, close, rawTag, rawAttrs = '', chunk] = m;
    if (chunk !== undefined || rawTag === undefined) {
      if (skipping || text.length >= max) continue;
      // A lone `<` that opens no tag is text, as a browser shows it.
      text = appendCollapsed(text, decodeEntities(chunk ?? (whole.startsWith('<!--') ? '' : whole)), HTML_SPACE);
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (skipping) {
      if (close && tag === skipping) skipping = null;
      continue;
    }
    if (SKIP.has(tag)) {
      if (!close && !rawAttrs.trimEnd().endsWith('/')) skipping = tag;
      continue;
    }
    if (close) {
      if (tag === 'a' && open) {
        const label = text.slice(open.start);
        if (label.trim() === '全文' && open.hasHref) {
          // The cut's own link is a control, not content: `readText` skips it too.
          text = text.slice(0, open.start);
          cut = true;
        } else {
          open.anchor.text = label.replace(HTML_SPACE, ' ').trim();
          anchors.push(open.anchor);
        }
        open = null;
      } else if ((tag === 'p' || tag === 'div') && text !== '' && !text.endsWith('\n')) {
        text += '\n';
      }
      continue;
    }
    if (tag === 'br') {
      if (text !== '' && text.length < max) text += '\n';
    } else if (tag === 'img') {
      const a = attrs(rawAttrs);
      const alt = a.get('alt');
      if (alt && alt.length <= 12 && text.length < max) text += alt;
      if (open && open.anchor.iconSrc === null) open.anchor.iconSrc = a.get('src') ?? null;
    } else if (tag === 'a') {
      const a = attrs(rawAttrs);
      const href = a.get('href') ?? null;
      open = {
        anchor: { href, dataUrl: a.get('data-url') ?? null, text: '', iconSrc: null, offset: text.length },
        start: text.length,
        hasHref: href !== null,
      };
    }
  }
  if (open) anchors.push({ ...open.anchor, text: text.slice(open.start).trim() });
  text = text.trimEnd();
  return { text: text.length > max ? text.slice(0, max) : text, anchors, cut };
}
