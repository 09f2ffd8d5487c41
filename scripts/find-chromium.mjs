// Locates a Chromium for the browser tests. Playwright cannot download its own browser everywhere
// (offline CI, distro-managed machines), so a system Chromium is preferred and the bundled one is the fallback.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for every headless Chromium the project drives: the browser tests and the UI benchmark. */
export const CHROMIUM_ARGS = [
  // Containers often run as root without user namespaces, where the sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // /dev/shm is tiny in Docker; Chromium crashes on large pages without this.
  '--disable-dev-shm-usage',
  // Keep Chromium's own traffic out of the run: the tests assert the app talks to no other host.
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to drive, or null when there is none.
 * Order: the CHROMIUM_PATH environment variable, then /usr/bin/chromium, then Playwright's own download.
 * A CHROMIUM_PATH that points nowhere yields null rather than a silent fallback, so a typo is noticed.
 * @returns {string | null}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  if (isExecutable(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  try {
    // Synchronous so that playwright.config.ts can call it at load time.
    const { chromium } = createRequire(import.meta.url)('@playwright/test');
    // executablePath() names where the download would be even when it was never made.
    const bundled = chromium.executablePath();
    return bundled && isExecutable(bundled) ? bundled : null;
  } catch {
    return null;
  }
}
