import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const HOST = '127.0.0.1';
// Each checkout gets its own port (from its path), so that several checkouts on one machine can run the suite at
// once without one reusing another's server (and testing the other's build); E2E_PORT overrides it.
const checkoutPort = 4173 + ([...process.cwd()].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % 800);
const PORT = Number(process.env.E2E_PORT ?? checkoutPort);
const DIST = process.env.E2E_DIST ?? 'dist/app';
const BASE_URL = `http://${HOST}:${PORT}`;
const CI = Boolean(process.env.CI);

// Undefined lets Playwright use its own download; run-e2e.mjs has already refused to start without any browser.
const executablePath = findChromium() ?? undefined;

export default defineConfig({
  testDir: 'e2e',
  outputDir: `e2e/output/test-results-${PORT}`,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: CI ? 1 : undefined,
  reporter: CI ? [['list'], ['html', { outputFolder: `e2e/output/report-${PORT}`, open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  // Test the production bundle: it is what users get, and only there does the CSP apply without dev-server extras.
  webServer: {
    command: `npx vite build --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --host ${HOST} --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
