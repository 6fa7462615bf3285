import { createRoot } from 'react-dom/client';
import { welcomeMessages } from '@/components/welcome/messages';
import { WelcomePage, welcomeLang } from '@/components/welcome/WelcomePage';

// The browser's language, not the in-app setting: on first install the user has not chosen one yet.
const lang = welcomeLang(browser.i18n.getUILanguage());
document.documentElement.lang = lang;
document.title = welcomeMessages(lang, 'title');
createRoot(document.getElementById('root') as HTMLElement).render(
  <WelcomePage
    lang={lang}
    settingsUrl={browser.runtime.getURL('/popup.html#settings')}
    dashboardUrl={browser.runtime.getURL('/dashboard.html')}
    iconUrl={browser.runtime.getURL('/icon/128.png')}
  />,
);
