import type { Lang } from './settings';

/**
 * UI strings. zh-CN is the source of truth; `en` must provide every key (the type enforces it).
 * browser.i18n cannot switch language at run time, and users pick 中文 / English in settings, so each feature keeps
 * a small dictionary made with `defineMessages` and looks strings up with the current `Lang`.
 */
export type Dict = Record<string, string>;

export function defineMessages<T extends Dict>(zh: T, en: { [K in keyof T]: string }) {
  const dicts: Record<Lang, Record<keyof T, string>> = { 'zh-CN': zh, en };
  /** `t(lang, key, { n: 3 })` replaces `{n}` placeholders. */
  return function t(lang: Lang, key: keyof T, vars?: Record<string, string | number>): string {
    let s = dicts[lang]?.[key] ?? zh[key];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}
