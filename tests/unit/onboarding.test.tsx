// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WelcomePage, welcomeLang } from '@/components/welcome/WelcomePage';
import { registerWelcomePage } from '@/utils/worker/onboarding';

const links = {
  settingsUrl: 'chrome-extension://id/popup.html#settings',
  dashboardUrl: 'chrome-extension://id/dashboard.html',
  iconUrl: 'chrome-extension://id/icon/128.png',
};

describe('a new user is welcomed once', () => {
  beforeEach(() => fakeBrowser.reset());

  async function openTabsAfter(...reasons: Array<'install' | 'update' | 'chrome_update'>) {
    registerWelcomePage();
    for (const reason of reasons) {
      const details = reason === 'update' ? { reason, previousVersion: '0.1.0' } : { reason };
      await fakeBrowser.runtime.onInstalled.trigger(
        details as Parameters<typeof fakeBrowser.runtime.onInstalled.trigger>[0],
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    // The fake browser starts with one blank tab.
    return (await fakeBrowser.tabs.query({})).flatMap((t) => (t.url ? [t.url] : []));
  }

  it('opens the welcome page when the extension is first installed', async () => {
    expect(await openTabsAfter('install')).toEqual([expect.stringMatching(/\/welcome\.html$/)]);
  });

  it('does not open it when the extension or the browser updates', async () => {
    expect(await openTabsAfter('update', 'chrome_update')).toEqual([]);
  });

  it('opens it once per profile, though Chromium reports an unpacked extension installed at every start', async () => {
    expect(await openTabsAfter('install', 'update', 'install')).toEqual([expect.stringMatching(/\/welcome\.html$/)]);
  });
});

describe('the welcome page', () => {
  afterEach(cleanup);

  it('is in Chinese for a Chinese browser and in English for any other', () => {
    expect(welcomeLang('zh-CN')).toBe('zh-CN');
    expect(welcomeLang('zh-TW')).toBe('zh-CN');
    expect(welcomeLang('en-US')).toBe('en');
    expect(welcomeLang('fr')).toBe('en');
  });

  it('says what the extension does, that data stays here, how to hide cards, and links to the settings', () => {
    render(<WelcomePage lang="zh-CN" {...links} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('欢迎使用种草 Zhongcao');
    expect(screen.getByRole('heading', { name: '数据只在这台电脑上' })).toBeTruthy();
    expect(screen.getByText(/不上传到任何服务器/)).toBeTruthy();
    expect(screen.getByText(/不感兴趣/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开设置' }).getAttribute('href')).toBe(links.settingsUrl);
    expect(screen.getByRole('link', { name: '打开工作台' }).getAttribute('href')).toBe(links.dashboardUrl);
  });

  it('reads the same in English', () => {
    render(<WelcomePage lang="en" {...links} />);
    expect(screen.getByRole('heading', { name: 'Your data stays on this computer' })).toBeTruthy();
    expect(screen.getByText(/Not interested/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the settings' }).getAttribute('href')).toBe(links.settingsUrl);
  });
});
