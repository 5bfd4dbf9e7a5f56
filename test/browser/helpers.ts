import { emulateMedia as emulateMediaInChromium, executeServerCommand } from '@web/test-runner-commands';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';

/*
 * Shared helpers of the browser tests, which run in Chromium, Firefox and
 * WebKit (`npm run test:browser`; one engine: `-- --engine firefox`).
 * To write a test that works in all three:
 * - Type and press keys with typeInto() / typeText() / press() from here, not
 *   with sendKeys(): WebKit's WebDriver loses doubled letters and Firefox has
 *   no key named "Space"; these commands (test/support/engine-plugin.js)
 *   even that out. Mouse clicks through sendMouse() work everywhere.
 * - Set colour scheme, forced colours or reduced motion with emulateMedia()
 *   from here. Only Chromium can emulate them; elsewhere a request for the
 *   state the page is already in (light, none, no-preference) passes and any
 *   other fails loudly. A test that needs another state goes on the list in
 *   test/support/chromium-only.js, with the reason; it is then reported as
 *   skipped in Firefox and WebKit, and counted in the summary.
 * - Do not resize the window (WebKit's will not go below about 447 px, and
 *   Firefox and WebKit run one window for every test file): put the form in a
 *   container of the width you need.
 * - Wait for conditions (waitFor, nextEvent, updateComplete), never for a fixed
 *   time: Firefox and WebKit are slower, and the machine is shared.
 * - Focus with element.focus() before typing; a page is not focused by default
 *   in every engine.
 */

export type Engine = 'chromium' | 'firefox' | 'webkit';

const engineInfo = await executeServerCommand<{ engine: Engine; chromiumOnly: { title: string; reason: string }[] }, undefined>(
  'keen-engine',
);
if (engineInfo === undefined) throw new Error('The keen-engine test plugin is not installed (web-test-runner.config.js)');

/** The engine this page runs in. */
export const ENGINE: Engine = engineInfo.engine;

// Outside Chromium, the tests listed in test/support/chromium-only.js are
// marked skipped (never silently: the summary counts and checks them).
beforeEach(function skipChromiumOnly() {
  if (ENGINE === 'chromium') return;
  const title = this.currentTest?.fullTitle() ?? '';
  if (engineInfo.chromiumOnly.some((entry) => new RegExp(entry.title).test(title))) this.skip();
});

export interface Media {
  readonly colorScheme?: 'light' | 'dark';
  readonly forcedColors?: 'active' | 'none';
  readonly reducedMotion?: 'reduce' | 'no-preference';
}

const MEDIA_FEATURES: Readonly<Record<keyof Media, string>> = {
  colorScheme: 'prefers-color-scheme',
  forcedColors: 'forced-colors',
  reducedMotion: 'prefers-reduced-motion',
};

/**
 * Puts the page into these media states: emulated in Chromium; elsewhere the
 * page must already be in them (see the overview above).
 */
export async function emulateMedia(media: Media): Promise<void> {
  if (ENGINE === 'chromium') {
    await emulateMediaInChromium(media);
    return;
  }
  const unmet = (Object.keys(media) as (keyof Media)[])
    .map((feature) => `${MEDIA_FEATURES[feature]}: ${media[feature] ?? ''}`)
    .filter((query) => !matchMedia(`(${query})`).matches);
  if (unmet.length > 0) {
    throw new Error(`${ENGINE} cannot emulate ${unmet.join(', ')}; list the test in test/support/chromium-only.js with the reason`);
  }
}

// The key presses still on their way to the browser. A test that times out
// while typing leaves them in flight; they must not land in the next test.
let keysInFlight: Promise<unknown> = Promise.resolve();
afterEach(async function settleKeys() {
  await keysInFlight.catch(() => undefined);
});

function sendKeysCommand(payload: { type: string } | { press: string }): Promise<unknown> {
  keysInFlight = executeServerCommand('keen-keys', payload);
  return keysInFlight;
}

/** Types `text` with real key presses into whatever has focus. */
export async function typeText(text: string): Promise<void> {
  if (ENGINE !== 'webkit') {
    await sendKeysCommand({ type: text });
    return;
  }
  // WebDriver key actions (webdriverio) take one UTF-16 unit per key, so a
  // character outside the Basic Multilingual Plane (an emoji) cannot be a key
  // press. Visitors enter those through an emoji picker or input method, which
  // inserts text: we do the same, and type everything else key by key.
  for (const run of text.match(/[\u{10000}-\u{10FFFF}]+|[^\u{10000}-\u{10FFFF}]+/gu) ?? []) {
    if ((run.codePointAt(0) ?? 0) > 0xffff) document.execCommand('insertText', false, run);
    else await sendKeysCommand({ type: run });
  }
}

/** Presses and releases one key, by its name (`Tab`, `Enter`, `Space`, `ArrowDown`, …). */
export async function press(key: string): Promise<void> {
  await sendKeysCommand({ press: key });
}

/** A lead as the emulator stored it, with the raw request it came from. */
export interface StoredLead {
  readonly lead: { readonly id: string; readonly status: string; readonly [field: string]: unknown };
  readonly request: { readonly headers: Readonly<Record<string, string>>; readonly body: string };
}

export interface EmulatorFault {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  readonly drop?: true;
  readonly commit?: true;
  readonly count?: number;
}

export interface EmulatorRequestLog {
  readonly method: string;
  readonly outcome: number | 'dropped' | 'aborted' | 'pending';
  readonly fault: boolean;
}

/** The emulator's seeded channels (emulator/fixture.json). */
export const PUBLIC_CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
export const PUBLIC_CHANNEL_UUID = '5b3e9a64-1f2d-4c8e-9a7b-2d4f6e8a0c11';
export const PRIVATE_CHANNEL = 'c0ffee00-0000-4000-8000-000000000002';
export const UNKNOWN_CHANNEL = 'c0ffee00-0000-4000-8000-00000000dead';

/** This test file's own Keen emulator, reached over real HTTP like Keen itself. */
export class Emulator {
  /** Set once the test runner has started this file's emulator. */
  url = '';

  static async start(): Promise<Emulator> {
    const emulator = new Emulator();
    await emulator.connect();
    return emulator;
  }

  async connect(): Promise<void> {
    const result = await executeServerCommand<{ url: string }, undefined>('emulator-start');
    if (result === undefined) throw new Error('The emulator plugin did not start an emulator');
    this.url = result.url;
  }

  get apiUrl(): string {
    return `${this.url}/functions/v1/keen-api`;
  }

  private async control<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Emulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async reset(): Promise<void> {
    await this.control('reset', {});
  }

  async leads(): Promise<StoredLead[]> {
    return (await this.control<{ leads: StoredLead[] }>('leads')).leads;
  }

  async requests(): Promise<EmulatorRequestLog[]> {
    return (await this.control<{ requests: EmulatorRequestLog[] }>('requests')).requests;
  }

  async fault(fault: EmulatorFault): Promise<void> {
    await this.control('faults', fault);
  }
}

/** Resolves when `predicate` holds, or fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with the next event of that name fired at `target`. */
export function nextEvent<K extends keyof HTMLElementEventMap>(target: EventTarget, name: K): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(name, (event) => resolve(event as HTMLElementEventMap[K]), { once: true }));
}

export function shadow(element: Element): ShadowRoot {
  if (element.shadowRoot === null) throw new Error(`${element.localName} has no open shadow root`);
  return element.shadowRoot;
}

/** The control a label names, found the way a visitor would: by its text. */
export function controlByLabel(element: Element, labelText: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const labels = [...shadow(element).querySelectorAll('label')];
  const label = labels.find((candidate) => candidate.textContent?.replace('*', '').trim() === labelText);
  if (label === undefined) {
    throw new Error(`No label "${labelText}"; labels are: ${labels.map((l) => l.textContent?.trim()).join(', ')}`);
  }
  const control = label.control;
  if (control === null) throw new Error(`Label "${labelText}" is not associated with a control`);
  return control as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
}

/** Focuses the labelled field and types into it with real key presses. */
export async function typeInto(element: Element, labelText: string, text: string): Promise<void> {
  controlByLabel(element, labelText).focus();
  await typeText(text);
}

/** The text a field shows as its error (empty when there is none). */
export function errorOf(element: Element, labelText: string): string {
  const control = controlByLabel(element, labelText);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => shadow(element).getElementById(id))
    .filter((node) => node?.classList.contains('error'))
    .map((node) => node?.textContent?.trim() ?? '')
    .join(' ');
}

/** The element class as the page registered it (from the built file), if a test file loaded it. */
function registeredForm(): typeof KeenLeadForm | undefined {
  return customElements.get('keen-lead-form') as typeof KeenLeadForm | undefined;
}

/**
 * A clean page for the next test: no forms, no outbox courier still retrying
 * (couriers outlive their forms, by design, and one would otherwise take the
 * next test's fault or add to its leads), and no drafts, outbox items or
 * receipts left in localStorage. Storage is cleared last: a courier's attempt
 * in flight finishes and records its outcome before the reset resolves.
 */
export async function clearPage(): Promise<void> {
  document.body.replaceChildren();
  await registeredForm()?.resetOutboxes();
  localStorage.clear();
}

/**
 * The usual hooks of a test file: one emulator for the file, reset (with
 * storage) before each test, the page cleared after. Returns the emulator.
 */
export function useEmulatorPerFile(): Emulator {
  const emulator = new Emulator();
  before(() => emulator.connect());
  beforeEach(async () => {
    await emulator.reset();
    localStorage.clear();
  });
  afterEach(() => clearPage());
  return emulator;
}
