import { storage } from '#imports';

/** The page a first install opens (entrypoints/welcome/). */
export const WELCOME_PAGE = '/welcome.html';

/** When the welcome page was opened, so it is opened once per profile. */
export const welcomedAt = storage.defineItem<number | null>('local:welcomedAt', { fallback: null });

/**
 * Whether an `onInstalled` event should open the welcome page: only a first install, and only once. An update, a
 * browser update and a reload (reason `update`) must not greet the user again; neither must Chromium's install
 * event for an unpacked extension at each start, in a profile that has already seen the page.
 */
export function shouldWelcome(details: { reason: string }, welcomedBefore: boolean): boolean {
  return details.reason === 'install' && !welcomedBefore;
}

/** Opens the welcome page once, on first install. Call synchronously at the top of the background's main. */
export function registerWelcomePage(): void {
  browser.runtime.onInstalled.addListener(async (details) => {
    try {
      if (!shouldWelcome(details, (await welcomedAt.getValue()) !== null)) return;
      await welcomedAt.setValue(Date.now());
      await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
    } catch (e) {
      console.warn('[zhongcao] welcome page not opened', e);
    }
  });
}
