// @ts-check
import { existsSync } from 'node:fs';

/*
 * Where to find the browsers (and WebKit's helpers) the tests drive. Nothing
 * is downloaded on our machines: each comes from an environment variable
 * first, then from where Debian installs it, and a missing one is an error
 * that says how to install it.
 */

/**
 * @param {{ what: string, envVar: string, candidates: readonly string[], install: string }} spec
 * @returns {string}
 */
export function findExecutable({ what, envVar, candidates, install }) {
  const fromEnv = process.env[envVar];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`${envVar} points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`No ${what} found. Install one (${install}) or set ${envVar} to its path.`);
  return found;
}

/** Firefox (ESR or release), driven over WebDriver BiDi by puppeteer-core. */
export function findFirefox() {
  return findExecutable({
    what: 'Firefox',
    envVar: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'],
    install: 'Debian/Ubuntu: `sudo apt-get install -y firefox-esr`',
  });
}

/** WebKitGTK's WebDriver server, which starts WebKit's MiniBrowser for each session. */
export function findWebKitDriver() {
  return findExecutable({
    what: 'WebKitWebDriver',
    envVar: 'WEBKIT_DRIVER_PATH',
    candidates: ['/usr/bin/WebKitWebDriver'],
    install: 'Debian/Ubuntu: `sudo apt-get install -y webkit2gtk-driver`',
  });
}

/** A virtual X display: MiniBrowser has no headless mode. */
export function findXvfb() {
  return findExecutable({
    what: 'Xvfb',
    envVar: 'XVFB_PATH',
    candidates: ['/usr/bin/Xvfb'],
    install: 'Debian/Ubuntu: `sudo apt-get install -y xvfb xauth`',
  });
}
