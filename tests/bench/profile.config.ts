import base from '../../wxt.config';

// The production config, unminified and written elsewhere, so a CPU profile names functions (tests/bench/profile-feed.ts).
export default {
  ...base,
  outDir: '.output/profile',
  vite: () => ({ ...(typeof base.vite === 'function' ? base.vite({} as never) : {}), build: { minify: false } }),
};
