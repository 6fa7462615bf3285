/**
 * The cards' CSS, one string: the content script builds ONE constructable `CSSStyleSheet` from it and adopts it in
 * every `<zhongcao-cards>` shadow root. `:host { all: initial }` stops Weibo's inherited styles (font, colour, line
 * height) from leaking in; the shadow root stops ours from leaking out.
 *
 * Colours are tokens so a unit test can hold every text/background pair to WCAG AA (4.5:1, 3:1 for focus rings).
 * Weibo's orange #ff8200 only reaches 2.5:1 against white, so it is used as a fill behind dark text and for
 * decoration; orange *text* uses darker shades.
 */
export const lightTokens = {
  bg: '#ffffff',
  surface: '#f7f7f7',
  border: '#e6e6e6',
  borderStrong: '#cccccc',
  text: '#1f1f1f',
  text2: '#666666',
  price: '#c8360a',
  couponBg: '#fff1e8',
  couponTagText: '#ffffff',
  accent: '#ff8200',
  accentText: '#b35300',
  primaryBg: '#ff8200',
  primaryHover: '#ff9a2e',
  primaryText: '#1a1a1a',
  savedBg: '#fff3e6',
  savedText: '#9e4a00',
  focus: '#b35300',
  tmall: '#d4001b',
  taobao: '#c8360a',
  badgeText: '#ffffff',
  error: '#b0101f',
  errorBg: '#fff0f0',
  success: '#1b7a35',
} as const;

export type ThemeTokens = { [K in keyof typeof lightTokens]: string };

export const darkTokens: ThemeTokens = {
  bg: '#232323',
  surface: '#2b2b2b',
  border: '#3a3a3a',
  borderStrong: '#555555',
  text: '#e8e8e8',
  text2: '#a6a6a6',
  price: '#ff7a45',
  couponBg: '#3a2418',
  couponTagText: '#1a1a1a',
  accent: '#ff8200',
  accentText: '#ff9a2e',
  primaryBg: '#ff8200',
  primaryHover: '#ff9a2e',
  primaryText: '#1a1a1a',
  savedBg: '#3d2a1c',
  savedText: '#ffb073',
  focus: '#ff9a2e',
  tmall: '#d4001b',
  taobao: '#c8360a',
  badgeText: '#ffffff',
  error: '#ff8a80',
  errorBg: '#3a1f1f',
  success: '#6fd48a',
};

/** [foreground, background, minimum ratio]: every pairing the stylesheet actually paints. */
export const CONTRAST_PAIRS: ReadonlyArray<[keyof ThemeTokens, keyof ThemeTokens, number]> = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['text2', 'bg', 4.5],
  ['text2', 'surface', 4.5],
  ['price', 'bg', 4.5],
  ['price', 'couponBg', 4.5],
  ['couponTagText', 'price', 4.5],
  ['accentText', 'bg', 4.5],
  ['primaryText', 'primaryBg', 4.5],
  ['primaryText', 'primaryHover', 4.5],
  ['savedText', 'savedBg', 4.5],
  ['badgeText', 'tmall', 4.5],
  ['badgeText', 'taobao', 4.5],
  ['error', 'errorBg', 4.5],
  ['success', 'bg', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'surface', 3],
];

function vars(t: ThemeTokens): string {
  return Object.entries(t)
    .map(([k, v]) => `--zc-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${v};`)
    .join(' ');
}

export const cardStyles = /* css */ `
:host {
  all: initial;
  display: block;
  margin: 10px 0 2px;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif;
  font-size: 14px;
  line-height: 1.5;
  color: var(--zc-text);
  -webkit-text-size-adjust: 100%;
  ${vars(lightTokens)}
}
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme=light])) { ${vars(darkTokens)} }
}
:host([data-theme=dark]) { ${vars(darkTokens)} }
:host([hidden]) { display: none; }

*, *::before, *::after { box-sizing: border-box; }
h2, h3, h4, p, ul, dl, dd, fieldset { margin: 0; }
button, input { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: not-allowed; }
img { display: block; }
:focus-visible { outline: 2px solid var(--zc-focus); outline-offset: 2px; }
/* Text for screen readers only. Deliberately not positioned and not a stacking context (the usual absolute +
   clip-path recipe is both): on weibo.com the post header is a composited layer, and anything positioned painted over
   it is promoted to a layer of its own, which doubled the compositor's work while the feed scrolls (issue 9 bench).
   A 1 px in-flow box that clips its text takes no room (the margin gives the pixel back) and stays in the
   accessibility tree. */
.zc-sr {
  display: inline-block; width: 1px; height: 1px; margin: 0 -1px -1px 0; padding: 0; border: 0;
  overflow: hidden; white-space: nowrap; color: transparent; vertical-align: top;
}

.zc-cards {
  /* Not positioned (see .zc-sr): the whole card paints in normal flow, inside the post's own layer. */
  container-type: inline-size;
  border: 1px solid var(--zc-border);
  border-radius: 8px;
  background: var(--zc-bg);
  overflow: clip; /* clip, not hidden: a hidden box is a scroll container that focus and scroll-into-view can move */
}

/* header */
.zc-head {
  display: flex; align-items: center; gap: 8px; min-height: 40px;
  padding: 4px 8px 4px 12px; font-size: 12px; border-bottom: 1px solid var(--zc-border);
}
.zc-collapsed .zc-head { border-bottom: 0; }
.zc-head-title { display: flex; align-items: center; gap: 6px; font-size: 14px; font-weight: 600; white-space: nowrap; }
.zc-mark { width: 4px; height: 14px; border-radius: 2px; background: var(--zc-accent); }
.zc-head-sub { flex: 1; min-width: 0; color: var(--zc-text2); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.zc-nav { display: flex; align-items: center; gap: 4px; }
.zc-counter { color: var(--zc-text2); margin-right: 2px; font-variant-numeric: tabular-nums; }
.zc-icon-btn {
  display: inline-grid; place-items: center; flex: none; width: 28px; height: 28px; padding: 0;
  border: 1px solid var(--zc-border); border-radius: 50%; background: var(--zc-bg); font-size: 18px; line-height: 1;
}
.zc-icon-btn:hover:not(:disabled) { border-color: var(--zc-accent); color: var(--zc-accent-text); }
.zc-icon-btn:disabled { color: var(--zc-border-strong); }
.zc-text-btn {
  flex: none; min-height: 28px; padding: 2px 6px; border: 0; border-radius: 4px; background: none;
  color: var(--zc-text2); font-size: 12px; white-space: nowrap;
}
.zc-text-btn:hover { color: var(--zc-accent-text); background: var(--zc-surface); }

/* one card, or a carousel of them */
.zc-single { padding: 12px; container-type: inline-size; }
.zc-track {
  display: flex; gap: 10px; padding: 12px; overflow-x: auto;
  scroll-snap-type: x mandatory; scroll-padding: 0 12px; overscroll-behavior-x: contain; scrollbar-width: thin;
  scroll-behavior: smooth;
}
@media (prefers-reduced-motion: reduce) { .zc-track { scroll-behavior: auto; } }
.zc-track .zc-slide {
  flex: 0 0 calc(100% - 40px); max-width: 420px; scroll-snap-align: start; container-type: inline-size;
  border: 1px solid var(--zc-border); border-radius: 8px; padding: 10px;
}
@container (min-width: 600px) {
  .zc-track .zc-slide { flex-basis: calc(50% - 25px); }
}

.zc-card { display: grid; grid-template-columns: 88px minmax(0, 1fr); gap: 0 12px; align-items: start; }
.zc-card-img {
  width: 88px; height: 88px; border-radius: 6px; object-fit: cover; background: var(--zc-surface);
}
.zc-card-body { min-width: 0; display: flex; flex-direction: column; gap: 2px; }
.zc-card-title {
  font-size: 14px; font-weight: 500; line-height: 20px;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
}
.zc-price-row { display: flex; align-items: baseline; flex-wrap: wrap; gap: 0 6px; }
.zc-price { color: var(--zc-price); font-size: 20px; font-weight: 700; line-height: 26px; }
.zc-yen { font-size: 12px; font-weight: 600; margin-right: 1px; }
.zc-after-label { color: var(--zc-price); font-size: 12px; font-weight: 600; }
.zc-sub-price, .zc-original { color: var(--zc-text2); font-size: 12px; }
.zc-coupon-row { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 8px; }
.zc-coupon {
  display: inline-flex; border: 1px solid var(--zc-price); border-radius: 4px; overflow: hidden;
  font-size: 12px; line-height: 18px;
}
.zc-coupon-tag { background: var(--zc-price); color: var(--zc-coupon-tag-text); padding: 0 4px; font-weight: 600; }
.zc-coupon-text { background: var(--zc-coupon-bg); color: var(--zc-price); padding: 0 6px; }
.zc-meta { color: var(--zc-text2); font-size: 12px; }
.zc-shop-row { display: flex; align-items: center; gap: 4px; min-width: 0; white-space: nowrap; }
.zc-shop { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.zc-sales { flex: none; }
.zc-badge {
  flex: none; padding: 0 4px; border-radius: 3px; font-size: 12px; line-height: 16px; font-weight: 600;
  color: var(--zc-badge-text);
}
.zc-badge-tmall { background: var(--zc-tmall); }
.zc-badge-taobao { background: var(--zc-taobao); }
.zc-via { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

.zc-actions { grid-column: 2; display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.zc-why-box { grid-column: 2; }
.zc-btn {
  display: inline-flex; align-items: center; justify-content: center; min-height: 32px; padding: 0 14px;
  border: 1px solid transparent; border-radius: 16px; background: none; font-size: 14px; font-weight: 500;
  line-height: 1; white-space: nowrap; text-decoration: none;
}
.zc-btn-primary { background: var(--zc-primary-bg); color: var(--zc-primary-text); font-weight: 600; }
.zc-btn-primary:hover:not(:disabled) { background: var(--zc-primary-hover); }
.zc-btn-primary:disabled { background: var(--zc-surface); color: var(--zc-text2); }
.zc-btn-primary[aria-busy=true] { cursor: progress; }
.zc-btn-save { border-color: var(--zc-accent-text); color: var(--zc-accent-text); }
.zc-btn-save.zc-on { background: var(--zc-saved-bg); border-color: var(--zc-saved-bg); color: var(--zc-saved-text); }
.zc-btn-save.zc-on::before { content: "✓"; margin-right: 3px; }
.zc-btn-link { border-color: var(--zc-border-strong); color: var(--zc-text); }
.zc-btn-link:hover, .zc-btn-save:hover { border-color: var(--zc-accent); }

.zc-why-toggle {
  align-self: flex-start; margin-top: 4px; padding: 2px 0; border: 0; background: none;
  color: var(--zc-text2); font-size: 12px; text-decoration: underline dotted; text-underline-offset: 3px;
}
.zc-why-toggle[aria-expanded=true] { color: var(--zc-accent-text); }
.zc-why { margin-top: 4px; padding: 8px 10px; border-radius: 6px; background: var(--zc-surface); font-size: 12px; }
.zc-why[hidden] { display: none; }
.zc-why-heading { font-size: 12px; font-weight: 600; margin-bottom: 2px; }
.zc-why ul { padding-left: 16px; }
.zc-why-detail { color: var(--zc-text2); margin-left: 6px; overflow-wrap: anywhere; }

/* narrow cards (phones at 320–420px, carousel slides): actions take the full width under the picture. The nearest
   container is the slide / single-card box, so a slide in a wide feed gets this layout too. */
@container (max-width: 400px) {
  .zc-card { grid-template-columns: 72px minmax(0, 1fr); gap: 0 10px; }
  .zc-card-img { width: 72px; height: 72px; }
  .zc-actions, .zc-why-box { grid-column: 1 / -1; }
  .zc-actions { gap: 6px; }
  .zc-actions .zc-btn { flex: 1 1 0; padding: 0 6px; }
}
@container (max-width: 420px) {
  .zc-head-sub { display: none; }
}

/* quick-buy sheet: in the feed, under the cards, never a page-level overlay (the feed must not move) */
.zc-sheet {
  border-top: 1px solid var(--zc-border); background: var(--zc-bg); padding: 12px;
  animation: zc-rise 160ms ease-out;
}
@keyframes zc-rise { from { opacity: 0; transform: translateY(6px); } }
@media (prefers-reduced-motion: reduce) { .zc-sheet { animation: none; } }
.zc-sheet-head { display: flex; align-items: center; gap: 10px; }
.zc-sheet-img { width: 56px; height: 56px; border-radius: 6px; object-fit: cover; background: var(--zc-surface); }
.zc-sheet-heading { flex: 1; min-width: 0; }
.zc-sheet-title { font-size: 14px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.zc-sheet-price { color: var(--zc-price); font-size: 16px; font-weight: 700; }
.zc-sheet-head .zc-icon-btn { align-self: flex-start; }

.zc-skus { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; padding: 0; border: 0; min-width: 0; }
.zc-skus legend { padding: 0; margin-bottom: 6px; color: var(--zc-text2); font-size: 12px; }
.zc-sku {
  position: relative; display: inline-flex; flex-direction: column; min-width: 88px; max-width: 100%;
  padding: 6px 10px; border: 1px solid var(--zc-border-strong); border-radius: 8px; background: var(--zc-bg);
  cursor: pointer;
}
.zc-sku input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: inherit; }
.zc-sku:has(input:checked) { border-color: var(--zc-accent); background: var(--zc-saved-bg); }
.zc-sku:has(input:checked) .zc-sku-name { color: var(--zc-saved-text); font-weight: 600; }
.zc-sku:has(input:focus-visible) { outline: 2px solid var(--zc-focus); outline-offset: 2px; }
.zc-sku:hover:not(.zc-sku-out) { border-color: var(--zc-accent); }
.zc-sku-out { cursor: not-allowed; border-style: dashed; }
.zc-sku-out .zc-sku-name { text-decoration: line-through; color: var(--zc-text2); }
.zc-sku-name { font-size: 14px; overflow-wrap: anywhere; }
.zc-sku-meta { color: var(--zc-text2); font-size: 12px; }

.zc-qty-row { display: flex; align-items: center; flex-wrap: wrap; gap: 8px 12px; margin-top: 12px; }
.zc-stepper { display: inline-flex; border: 1px solid var(--zc-border-strong); border-radius: 8px; overflow: hidden; }
.zc-step { width: 32px; height: 32px; border: 0; background: var(--zc-surface); font-size: 16px; }
.zc-step:disabled { color: var(--zc-border-strong); }
.zc-qty {
  width: 48px; height: 32px; border: 0; border-inline: 1px solid var(--zc-border-strong); background: var(--zc-bg);
  text-align: center; -moz-appearance: textfield; appearance: textfield;
}
.zc-qty::-webkit-inner-spin-button, .zc-qty::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }

.zc-summary { display: grid; gap: 4px; margin-top: 12px; font-size: 14px; }
.zc-summary > div { display: flex; justify-content: space-between; gap: 12px; }
.zc-summary dt { color: var(--zc-text2); font-size: 12px; align-self: center; }
.zc-summary dd { text-align: right; overflow-wrap: anywhere; }
.zc-total { padding-top: 6px; border-top: 1px dashed var(--zc-border); }
.zc-total dd { color: var(--zc-price); font-size: 18px; font-weight: 700; }
.zc-coupon-on { color: var(--zc-price); }
.zc-order-no { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 13px; }
.zc-error {
  margin-top: 10px; padding: 6px 10px; border-radius: 6px; background: var(--zc-error-bg); color: var(--zc-error);
  font-size: 12px;
}
.zc-btn-wide { width: 100%; min-height: 40px; margin-top: 12px; border-radius: 20px; }
.zc-fine { margin-top: 8px; color: var(--zc-text2); font-size: 12px; text-align: center; }
.zc-sheet-done { margin-top: 12px; }
.zc-done-status { color: var(--zc-success); font-size: 16px; font-weight: 600; }
`;
