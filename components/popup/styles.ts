import { darkTokens, lightTokens, type ThemeTokens } from '@/components/card/styles';

/** The popup's stylesheet. It reuses the cards' AA-checked colour tokens, so the popup and the feed match. */
function vars(t: ThemeTokens): string {
  return Object.entries(t)
    .map(([k, v]) => `--zc-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${v};`)
    .join(' ');
}

export const popupStyles = /* css */ `
:root { ${vars(lightTokens)} --zc-page: #f4f4f4; --zc-chart: #ff8200; --zc-chart-soft: rgba(255,130,0,.16); --zc-chart-2: #ffb066; color-scheme: light; }
@media (prefers-color-scheme: dark) { :root { ${vars(darkTokens)} --zc-page: #181818; --zc-chart-soft: rgba(255,130,0,.22); --zc-chart-2: #a35a1c; color-scheme: dark; } }
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body {
  width: 380px; min-height: 520px; max-height: 600px; overflow-y: auto;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif;
  font-size: 13px; line-height: 1.5; color: var(--zc-text); background: var(--zc-page);
}
h1, h2, p, ul { margin: 0; padding: 0; }
ul { list-style: none; }
button, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
a { color: var(--zc-accent-text); text-decoration: none; }
a:hover { text-decoration: underline; }
:focus-visible { outline: 2px solid var(--zc-focus); outline-offset: 2px; }

.zc-top { position: sticky; top: 0; z-index: 2; background: var(--zc-bg); border-bottom: 1px solid var(--zc-border); }
.zc-brand { display: flex; align-items: center; gap: 8px; padding: 10px 12px 4px; }
.zc-logo { width: 26px; height: 26px; display: block; }
.zc-brand h1 { font-size: 15px; font-weight: 700; }
.zc-brand .zc-tagline { color: var(--zc-text2); font-size: 12px; flex: 1; }
.zc-icon-btn { border: 0; background: transparent; width: 30px; height: 30px; border-radius: 8px; display: grid; place-items: center; color: var(--zc-text2); font-size: 17px; }
.zc-icon-btn:hover, .zc-icon-btn[aria-pressed=true] { background: var(--zc-surface); color: var(--zc-accent-text); }
.zc-tabs { display: flex; padding: 0 8px; }
.zc-tab { flex: 1; border: 0; background: transparent; padding: 8px 0 9px; font-size: 14px; color: var(--zc-text2); position: relative; }
.zc-tab[aria-selected=true] { color: var(--zc-text); font-weight: 700; }
.zc-tab[aria-selected=true]::after { content: ""; position: absolute; left: 50%; bottom: 0; width: 28px; height: 3px; margin-left: -14px; border-radius: 2px; background: var(--zc-accent); }
.zc-tab-count { margin-left: 4px; font-size: 11px; font-weight: 400; color: var(--zc-text2); }

.zc-view { padding: 10px 12px 14px; display: flex; flex-direction: column; gap: 10px; }
.zc-toolbar { display: flex; gap: 8px; align-items: center; }
.zc-seg { display: inline-flex; background: var(--zc-surface); border: 1px solid var(--zc-border); border-radius: 999px; padding: 2px; flex: none; }
.zc-seg-btn { border: 0; background: transparent; border-radius: 999px; padding: 3px 10px; font-size: 12px; color: var(--zc-text2); white-space: nowrap; }
.zc-seg-btn.zc-on { background: var(--zc-bg); color: var(--zc-accent-text); font-weight: 600; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
.zc-search { flex: 1; min-width: 0; position: relative; }
.zc-search input { width: 100%; border: 1px solid var(--zc-border); background: var(--zc-bg); border-radius: 999px; padding: 4px 10px 4px 26px; font-size: 12px; }
.zc-search-icon { position: absolute; left: 9px; top: 50%; transform: translateY(-52%); color: var(--zc-text2); font-size: 14px; }

.zc-list { display: flex; flex-direction: column; gap: 8px; }
.zc-row { display: flex; gap: 10px; padding: 10px; background: var(--zc-bg); border: 1px solid var(--zc-border); border-radius: 10px; }
.zc-thumb { flex: none; width: 64px; height: 64px; border-radius: 8px; object-fit: cover; background: var(--zc-surface); }
.zc-row-main { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
.zc-row-title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; line-height: 1.35; }
.zc-row-actions { display: flex; flex-direction: column; gap: 6px; justify-content: center; flex: none; }
.zc-price-line { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.zc-price { color: var(--zc-price); font-weight: 700; font-size: 15px; font-variant-numeric: tabular-nums; }
.zc-yen { font-size: 11px; margin-right: 1px; }
.zc-chip { font-size: 11px; padding: 0 6px; border-radius: 4px; background: var(--zc-surface); color: var(--zc-text2); }
.zc-chip-good { background: var(--zc-coupon-bg); color: var(--zc-price); }
.zc-chip-warn { background: var(--zc-error-bg); color: var(--zc-error); }
.zc-source { display: flex; align-items: center; gap: 6px; font-size: 12px; min-width: 0; flex-wrap: wrap; }
.zc-badge { font-size: 11px; padding: 0 5px; border-radius: 4px; border: 1px solid var(--zc-border-strong); color: var(--zc-text2); }
.zc-badge-saved { border-color: transparent; background: var(--zc-saved-bg); color: var(--zc-saved-text); }
.zc-author { font-weight: 600; max-width: 180px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.zc-meta { color: var(--zc-text2); font-size: 12px; }
.zc-fine { color: var(--zc-text2); font-size: 11px; }
.zc-mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
.zc-center { text-align: center; }

.zc-btn { display: inline-flex; align-items: center; justify-content: center; gap: 4px; border-radius: 999px; border: 1px solid transparent; padding: 5px 14px; font-size: 13px; font-weight: 600; white-space: nowrap; text-decoration: none !important; }
.zc-btn-sm { padding: 3px 12px; font-size: 12px; }
.zc-btn-primary { background: var(--zc-primary-bg); color: var(--zc-primary-text); }
.zc-btn-primary:hover { background: var(--zc-primary-hover); }
.zc-btn-ghost { background: var(--zc-bg); border-color: var(--zc-border-strong); color: var(--zc-text); }
.zc-btn-ghost:hover { border-color: var(--zc-accent); color: var(--zc-accent-text); }
.zc-btn-danger { background: var(--zc-error); color: var(--zc-bg); }
.zc-btn-danger-ghost { background: transparent; border-color: var(--zc-error); color: var(--zc-error); }
.zc-more { align-self: center; }

.zc-empty { text-align: center; padding: 36px 20px; display: flex; flex-direction: column; align-items: center; gap: 8px; background: var(--zc-bg); border-radius: 12px; border: 1px dashed var(--zc-border-strong); }
.zc-empty-icon { font-size: 34px; line-height: 1; }
.zc-empty-title { font-size: 15px; font-weight: 700; }
.zc-empty-body { color: var(--zc-text2); max-width: 280px; }
.zc-none { color: var(--zc-text2); text-align: center; padding: 12px; }
.zc-error-note { background: var(--zc-error-bg); color: var(--zc-error); border-radius: 8px; padding: 8px 10px; font-size: 12px; }
.zc-ok { color: var(--zc-success); font-weight: 600; }

.zc-card { background: var(--zc-bg); border: 1px solid var(--zc-border); border-radius: 12px; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
.zc-card-title { font-size: 13px; font-weight: 700; }
.zc-stats { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.zc-stat { background: var(--zc-bg); border: 1px solid var(--zc-border); border-radius: 12px; padding: 10px; overflow: hidden; }
.zc-stat-label { color: var(--zc-text2); font-size: 12px; }
.zc-stat-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.zc-stat .zc-chart { width: 100%; height: 32px; margin-top: 4px; }

.zc-chart { display: block; overflow: visible; }
.zc-chart text { font-size: 12px; fill: var(--zc-text); }
.zc-chart .zc-chart-value { fill: var(--zc-text); font-variant-numeric: tabular-nums; font-weight: 600; }
.zc-chart .zc-chart-rate { fill: var(--zc-text2); font-weight: 400; font-size: 11px; }
.zc-chart-axis { stroke: var(--zc-border); }
.zc-chart-bar { fill: var(--zc-chart); }
.zc-chart-bar-2 { fill: var(--zc-chart-2); }
.zc-chart-bar-empty { fill: var(--zc-border); }
.zc-chart-track { fill: var(--zc-surface); }
.zc-chart-area { fill: var(--zc-chart-soft); }
.zc-chart-line { stroke: var(--zc-chart); stroke-width: 1.8; stroke-linejoin: round; }
.zc-chart-dot { fill: var(--zc-chart); }
.zc-stage-0 { fill: #ffc58a; } .zc-stage-1 { fill: #ffa94d; } .zc-stage-2 { fill: #ff8f1f; } .zc-stage-3 { fill: #e86f00; }

.zc-settings .zc-field-label { font-weight: 600; display: block; }
.zc-hint { color: var(--zc-text2); font-size: 12px; }
.zc-toggle-row { display: flex; gap: 12px; align-items: center; justify-content: space-between; }
.zc-switch { appearance: none; flex: none; width: 38px; height: 22px; border-radius: 999px; background: var(--zc-border-strong); position: relative; cursor: pointer; transition: background .15s; }
.zc-switch::after { content: ""; position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%; background: #fff; transition: transform .15s; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
.zc-switch:checked { background: var(--zc-accent); }
.zc-switch:checked::after { transform: translateX(16px); }
.zc-range { display: flex; align-items: center; gap: 8px; }
.zc-range input { flex: 1; accent-color: var(--zc-accent); }
.zc-select { border: 1px solid var(--zc-border-strong); border-radius: 8px; padding: 4px 8px; background: var(--zc-bg); align-self: flex-start; }
.zc-lang { border: 0; padding: 0; margin: 0; display: flex; align-items: center; justify-content: space-between; }
.zc-lang legend { float: left; }
.zc-muted { display: flex; flex-direction: column; gap: 6px; }
.zc-muted li { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.zc-muted-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.zc-confirm { display: flex; flex-direction: column; gap: 6px; background: var(--zc-error-bg); padding: 8px; border-radius: 8px; }
.zc-confirm-text { color: var(--zc-error); font-weight: 600; }
.zc-confirm-actions { display: flex; gap: 8px; justify-content: flex-end; }

.zc-skel .zc-thumb, .zc-skel-line { background: var(--zc-surface); animation: zc-pulse 1.2s ease-in-out infinite; }
.zc-skel-line { height: 12px; border-radius: 4px; margin: 6px 0; }
.zc-skel-short { width: 50%; }
@keyframes zc-pulse { 50% { opacity: .5; } }
@media (prefers-reduced-motion: reduce) { .zc-skel .zc-thumb, .zc-skel-line { animation: none; } }

.zc-sheet-layer { position: fixed; inset: 0; z-index: 10; background: rgba(0,0,0,.45); display: flex; align-items: flex-end; }
.zc-sheet-host { width: 100%; max-height: 92vh; overflow-y: auto; border-radius: 14px 14px 0 0; overflow: hidden; }
`;
