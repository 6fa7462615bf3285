import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { rasterisePictures } from './scripts/pictures';
import { IMPORTED_PICTURE_SVG } from './utils/catalogue/entry';
import { generateCatalogue } from './utils/catalogue/generate';
import { generateCatalogueImages } from './utils/catalogue/images';
import { CATALOGUE_FILE, CATALOGUE_PARTS_LIST, splitCatalogue } from './utils/catalogue/parts';
import { WEIBO_MATCHES } from './utils/sites/hosts';

// No host_permissions: statically declared content scripts need none. Host access is limited to the real Weibo
// hosts; the demo feed is served *as* weibo.com by Playwright routing, so tests run this exact manifest.
/** The committed PNGs of assets/icon.svg (scripts/icons.ts), by size. */
const ICONS = Object.fromEntries([16, 32, 48, 128].map((px) => [px, `icon/${px}.png`]));

/**
 * The popup's entry only opens the database and starts its first read; React and the views come in by dynamic import
 * (entrypoints/popup/main.tsx). Vite preloads a dynamic import's chunks only once the import runs; listing them as
 * `modulepreload` in popup.html lets Chromium fetch and compile them while the entry runs.
 */
function preloadPopupChunks(): Plugin {
  return {
    name: 'zhongcao:preload-popup-chunks',
    enforce: 'post',
    generateBundle(_options, bundle) {
      // WXT moves it to popup.html after the build.
      const html = bundle['entrypoints/popup/index.html'];
      const entry = Object.values(bundle).find(
        (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('/entrypoints/popup/index.html'),
      );
      if (html?.type !== 'asset' || entry?.type !== 'chunk') return;
      const files = new Set<string>();
      const add = (file: string) => {
        const chunk = bundle[file];
        if (files.has(file) || chunk?.type !== 'chunk') return;
        files.add(file);
        for (const dep of chunk.imports) add(dep);
      };
      for (const file of entry.dynamicImports) add(file);
      for (const file of [entry.fileName, ...entry.imports]) files.delete(file);
      const links = [...files].map((f) => `  <link rel="modulepreload" crossorigin href="/${f}">\n`).join('');
      html.source = String(html.source).replace('</head>', `${links}  </head>`);
    },
  };
}

export default defineConfig({
  // @wxt-dev/i18n writes _locales/<lang>/messages.json from locales/*.json, for the manifest's __MSG_…__ strings.
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  vite: () => ({ plugins: [preloadPopupChunks()] }),
  // `npm run zip`: zhongcao-<version>-chrome.zip, -firefox.zip and -sources.zip (what AMO's review rebuilds from).
  // Built demo feed, screenshots, saved Weibo pages and benchmark results are outputs or test data, not sources.
  zip: {
    excludeSources: [
      'demo/dist/**',
      'tests/fixtures/**',
      'tests/bench/results/**',
      'screenshots/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.log',
      'docs/store/*.png',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    icons: ICONS,
    action: { default_icon: ICONS },
    permissions: ['storage'],
    // The cards' renderer, imported by the content script when its first card is due, only through the per-session
    // dynamic URL, so a page cannot probe a fixed URL for it. The card pictures are drawn by the page's document, which
    // Chromium lets load only the static URL (runtime.getURL gives no other): they stay static (docs/security.md).
    web_accessible_resources: [
      { resources: ['card-renderer.js'], matches: WEIBO_MATCHES, use_dynamic_url: true },
      { resources: ['catalogue/img/*'], matches: WEIBO_MATCHES },
    ],
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
    // WXT takes the action's title from popup.html's <title>, which cannot be localized; the manifest's can.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
    // The mock catalogue and its pictures are generated at build time, so the package ships them and never fetches.
    // The pictures are drawn as SVG and packaged as WebP: cheaper for the page to show (utils/catalogue/picture.ts).
    // Firefox gets the catalogue in parts (utils/catalogue/parts.ts), Chrome the one file.
    'build:publicAssets': async (wxt, files) => {
      const items = generateCatalogue();
      if (wxt.config.browser === 'firefox') {
        const parts = splitCatalogue(items);
        files.push({ relativeDest: CATALOGUE_PARTS_LIST, contents: JSON.stringify(parts.map((p) => p.file)) });
        for (const part of parts) files.push({ relativeDest: `catalogue/${part.file}`, contents: part.text });
      } else {
        files.push({ relativeDest: CATALOGUE_FILE, contents: JSON.stringify(items) });
      }
      const cache = path.resolve('node_modules/.cache/zhongcao-pictures');
      for (const picture of await rasterisePictures([...generateCatalogueImages(), IMPORTED_PICTURE_SVG], cache)) {
        files.push({ relativeDest: `catalogue/img/${picture.file}`, absoluteSrc: picture.absolutePath });
      }
    },
  },
});
