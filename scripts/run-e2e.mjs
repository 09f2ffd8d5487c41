// Runs the Playwright suite, but first makes sure there is a browser to run it in: without one Playwright
// fails with a long stack trace that hides the actual fix.
import { spawn } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const chromium = findChromium();
if (!chromium) {
  const hint = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", but no executable is there.`
    : 'No Chromium was found at /usr/bin/chromium, and Playwright has no browser of its own installed.';
  console.error(
    [
      'Browser tests need Chromium.',
      hint,
      'Get one of these:',
      '  - Debian or Ubuntu: sudo apt-get install chromium',
      '  - any Chromium or Chrome you already have: CHROMIUM_PATH=/path/to/chromium npm run test:e2e',
      '  - where downloads are allowed: npx playwright install chromium',
    ].join('\n'),
  );
  process.exit(1);
}

// Hand the path on so the config does not have to search again (and cannot disagree with this check).
const child = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  // npx is a .cmd script on Windows, which only a shell can start.
  shell: process.platform === 'win32',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
child.on('error', (error) => {
  console.error(`Could not start Playwright: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
