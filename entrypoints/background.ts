export default defineBackground(() => {
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return;
    if (typeof msg === 'object' && msg && (msg as { type?: string }).type === 'ping') {
      return Promise.resolve({ pong: true, version: browser.runtime.getManifest().version });
    }
  });
});
