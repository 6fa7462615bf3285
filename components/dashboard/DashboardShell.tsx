import type { ReactNode } from 'react';
import type { Lang } from '@/utils/settings';
import type { Section, ThemeChoice } from '@/utils/studio/store';
import { dashboardMessages as t } from './messages';

export interface DashboardShellProps {
  lang: Lang;
  section: Section;
  theme: ThemeChoice;
  onSection: (s: Section) => void;
  onLang: (lang: Lang) => void;
  onTheme: (theme: ThemeChoice) => void;
  studio: ReactNode;
  catalogue: ReactNode;
  data: ReactNode;
  research: ReactNode;
}

const SECTIONS: readonly Section[] = ['studio', 'catalogue', 'data', 'research'];
const NAV_KEY = {
  studio: 'navStudio',
  catalogue: 'navCatalogue',
  data: 'navData',
  research: 'navResearch',
} as const;
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_KEY = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const;

/** The dashboard page: header with language and theme switches, a section nav, one section shown at a time. */
export function DashboardShell(props: DashboardShellProps) {
  const { lang } = props;
  return (
    <div className="db-page" lang={lang}>
      <header className="db-header">
        <h1>
          <span className="db-mark" aria-hidden="true" />
          {t(lang, 'title')}
        </h1>
        <div className="db-switches">
          <fieldset className="db-seg">
            <legend className="db-sr">{t(lang, 'lang')}</legend>
            {(['zh-CN', 'en'] as const).map((l) => (
              <button key={l} type="button" aria-pressed={lang === l} onClick={() => props.onLang(l)} lang={l}>
                {l === 'zh-CN' ? '中文' : 'English'}
              </button>
            ))}
          </fieldset>
          <label className="db-theme">
            <span className="db-sr">{t(lang, 'theme')}</span>
            <select value={props.theme} onChange={(e) => props.onTheme(e.target.value as ThemeChoice)}>
              {THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(lang, THEME_KEY[th])}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <nav className="db-nav" aria-label={t(lang, 'nav')}>
        {SECTIONS.map((s) => (
          <a
            key={s}
            href={`#${s}`}
            aria-current={props.section === s ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              props.onSection(s);
            }}
          >
            {t(lang, NAV_KEY[s])}
          </a>
        ))}
      </nav>
      <main className="db-main">
        {props.section === 'studio' ? (
          props.studio
        ) : props.section === 'catalogue' ? (
          props.catalogue
        ) : props.section === 'research' ? (
          props.research
        ) : (
          <section className="st-card db-data" aria-label={t(lang, 'dataTitle')}>
            {props.data}
          </section>
        )}
      </main>
    </div>
  );
}
