export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  runAt: 'document_idle',
  main(ctx) {
    document.documentElement.dataset.zcReady = '1';
    ctx.onInvalidated(() => delete document.documentElement.dataset.zcReady);
  },
});
