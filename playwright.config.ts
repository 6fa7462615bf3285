import { defineConfig } from '@playwright/test';

// E2E runs the production build in Debian's Chromium (never a downloaded browser). One worker: the machine has two
// cores and each test owns a whole browser with the extension loaded.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
