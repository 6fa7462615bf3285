import { defineConfig } from 'wxt';
import { generateCatalogue } from './utils/catalogue/generate';
import { generateCatalogueImages } from './utils/catalogue/images';

// No host_permissions: statically declared content scripts need none. Host access is limited to the real Weibo
// hosts; the demo feed is served *as* weibo.com by Playwright routing, so tests run this exact manifest.
export const WEIBO_MATCHES = ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: '种草 Zhongcao',
    description: '在微博信息流里直接种草、拔草：识别红人导购博文，展示商品卡片，数据只存在本机。',
    permissions: ['storage'],
    web_accessible_resources: [{ resources: ['catalogue/img/*'], matches: WEIBO_MATCHES }],
    // Firefox MV3 needs an add-on id, and (since 2025) a data-collection declaration: we collect nothing.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'zhongcao@zhongcao.local',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // The mock catalogue and its pictures are generated at build time, so the package ships them and never fetches.
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: 'catalogue/items.json', contents: JSON.stringify(generateCatalogue()) });
      for (const image of generateCatalogueImages()) {
        files.push({ relativeDest: `catalogue/img/${image.file}`, contents: image.svg });
      }
    },
  },
});
