import type { Lang } from '@/utils/settings';
import { welcomeMessages as t } from './messages';

export interface WelcomePageProps {
  lang: Lang;
  /** The settings (popup.html#settings) and the dashboard, as URLs of this extension. */
  settingsUrl: string;
  dashboardUrl: string;
  iconUrl: string;
}

/** What a new user reads once, right after installing: what the extension does, where data lives, how to hide it. */
export function WelcomePage({ lang, settingsUrl, dashboardUrl, iconUrl }: WelcomePageProps) {
  const sections = [
    ['whatHeading', 'what'],
    ['localHeading', 'local'],
    ['hideHeading', 'hide'],
  ] as const;
  return (
    <main className="zc-welcome">
      <header>
        <img src={iconUrl} alt="" width={64} height={64} />
        <h1>{t(lang, 'title')}</h1>
      </header>
      <p className="zc-welcome-lead">{t(lang, 'lead')}</p>
      {sections.map(([heading, body]) => (
        <section key={heading} aria-labelledby={`zc-welcome-${heading}`}>
          <h2 id={`zc-welcome-${heading}`}>{t(lang, heading)}</h2>
          <p>{t(lang, body)}</p>
        </section>
      ))}
      <nav className="zc-welcome-links">
        <a className="zc-welcome-primary" href={settingsUrl}>
          {t(lang, 'settings')}
        </a>
        <a href={dashboardUrl}>{t(lang, 'dashboard')}</a>
      </nav>
      <p className="zc-welcome-note">{t(lang, 'toolbar')}</p>
    </main>
  );
}

/** The welcome page's language: Chinese for a Chinese browser, English for any other. */
export function welcomeLang(uiLanguage: string): Lang {
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
