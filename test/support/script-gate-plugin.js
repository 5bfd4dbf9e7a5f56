// @ts-check
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/*
 * Serves a built CDN file late, the way a slow network or a busy CDN does,
 * so a test can type into the HTML-first form before the widget's script
 * arrives (issue 17). `/dist/cdn/<file>.js?hold=<name>` is answered only once
 * the test opens that gate (`executeServerCommand('script-gate-open',
 * { name })`): a condition, not a fixed sleep, so the test is the same on a
 * fast and a loaded machine. `?delay=<ms>` answers after that many
 * milliseconds (for the bench and for trying things by hand).
 * `script-gate-requested` says whether the browser has asked for the gated
 * file yet. The file is read from dist/ as built, untransformed.
 */

const DIST = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));

/** A gated file is let out after this long at most, so a test that forgets its gate fails on its own assertion, not by hanging. */
const LONGEST_HOLD_MS = 60_000;

/** @returns {import('@web/test-runner').TestRunnerPlugin<unknown>} */
export function scriptGatePlugin() {
  /** @type {Map<string, { open: () => void, opened: Promise<void>, requested: boolean }>} */
  const gates = new Map();

  /** @param {string} name */
  function gate(name) {
    let entry = gates.get(name);
    if (entry === undefined) {
      /** @type {() => void} */
      let open = () => undefined;
      const opened = new Promise((resolve) => {
        open = () => resolve(undefined);
        setTimeout(resolve, LONGEST_HOLD_MS).unref();
      });
      entry = { open, opened, requested: false };
      gates.set(name, entry);
    }
    return entry;
  }

  return {
    name: 'keen-script-gate',
    async serve(context) {
      const match = /^\/dist\/cdn\/([\w.-]+\.js)$/.exec(context.path);
      const hold = context.URL.searchParams.get('hold');
      const delay = Number(context.URL.searchParams.get('delay') ?? '');
      if (match === null || (hold === null && !(delay > 0))) return undefined;
      if (hold !== null) {
        const entry = gate(hold);
        entry.requested = true;
        await entry.opened;
      } else {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      // Never cached: each page's copy is as late as its gate says.
      context.set('cache-control', 'no-store');
      return { body: await readFile(`${DIST}${match[1]}`, 'utf8'), type: 'js' };
    },
    async executeCommand({ command, payload }) {
      const name = /** @type {{ name?: unknown } | undefined} */ (payload)?.name;
      if (command !== 'script-gate-open' && command !== 'script-gate-requested') return undefined;
      if (typeof name !== 'string') throw new Error(`${command} wants { name: string }`);
      if (command === 'script-gate-requested') return gate(name).requested;
      gate(name).open();
      return true;
    },
  };
}
