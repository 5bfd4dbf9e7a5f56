// @ts-check
import { findExecutable } from './find-browsers.js';

/**
 * Where to find a Chromium to test with. Playwright cannot download its own
 * browser on our machines, so we use the system's: CHROME_PATH first, then
 * Debian's chromium (the real binary, not the /usr/bin wrapper script).
 */
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string} */
export function findChromium() {
  return findExecutable({
    what: 'Chromium',
    envVar: 'CHROME_PATH',
    candidates: CANDIDATES,
    install: 'Debian/Ubuntu: `sudo apt-get install -y chromium`',
  });
}

/** Flags that keep headless Chromium quiet on a machine without internet access. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
