import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { PUBLIC_CHANNEL, nextEvent, shadow, typeInto, useEmulatorPerFile, waitFor } from './helpers.js';

/*
 * "Thank you" only once Keen has the lead: whatever site code does to the
 * outbox in storage while a lead is sent or waits, and wherever storage
 * refuses to keep it, the visitor sees success only after the emulator
 * stored the lead, and the lead is stored exactly once.
 */

const emulator = useEmulatorPerFile();

/**
 * Per attempt. Generous, so that a successful attempt on a loaded machine is
 * never taken for a lost answer and retried (which would store the lead twice,
 * the outbox's documented trade-off, and not what these tests are about).
 */
const TIMEOUT_MS = 2000;

async function mountForm(endpoint = emulator.apiUrl): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('endpoint', endpoint);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('fields', 'email');
  form.setAttribute('timeout', String(TIMEOUT_MS));
  document.body.append(form);
  await form.updateComplete;
  return form;
}

async function send(form: KeenLeadForm, email: string): Promise<void> {
  await typeInto(form, 'Email', email);
  shadow(form).querySelector<HTMLButtonElement>('button[part="submit"]')?.click();
}

const panel = (form: KeenLeadForm, part: 'success' | 'queued') => shadow(form).querySelector(`[part="${part}"]`);

async function storedLeads(email: string): Promise<number> {
  return (await emulator.leads()).filter((stored) => stored.lead['email'] === email).length;
}

/**
 * Waits for the success panel, checking every moment before that it is not
 * shown early: when it appears, the emulator must already hold the lead.
 */
async function expectSuccessOnlyOnceStored(form: KeenLeadForm, email: string): Promise<void> {
  await waitFor(
    async () => {
      if (panel(form, 'success') === null) return false;
      expect(await storedLeads(email), 'the lead is stored when the visitor is thanked').to.equal(1);
      return true;
    },
    'the success panel',
    3 * TIMEOUT_MS + 2000,
  );
}

/** After success: nothing left to send, and no second copy arrives. */
async function expectStoredExactlyOnce(form: KeenLeadForm, email: string): Promise<void> {
  expect(form.outbox).to.deep.equal([]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await storedLeads(email)).to.equal(1);
}

const outboxKey = () => `keen-lead-form:outbox:v1:${emulator.apiUrl}`;

const vanishings: ReadonlyArray<[string, () => void]> = [
  ['localStorage.clear()', () => localStorage.clear()],
  ['the outbox key set to []', () => localStorage.setItem(outboxKey(), '[]')],
  ['the outbox key set to garbage', () => localStorage.setItem(outboxKey(), '<html>not an outbox</html>')],
];

describe('delivered means Keen said so', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    // Garbage in the outbox key is set aside with a warning; that is expected here.
    warn = console.warn;
    console.warn = () => {};
  });
  afterEach(() => {
    console.warn = warn;
  });

  for (const [what, vanish] of vanishings) {
    it(`${what} during the first attempt: stored once, thanked only after`, async () => {
      // The first attempt outlives the form's timeout: in flight while storage changes.
      await emulator.fault({ delayMs: 2 * TIMEOUT_MS });
      const form = await mountForm();
      const email = `in-flight-${what.replace(/\W+/g, '-')}@example.com`;
      await send(form, email);
      await waitFor(async () => (await emulator.requests()).some((request) => request.outcome === 'pending'), 'the first attempt in flight');
      vanish();
      await expectSuccessOnlyOnceStored(form, email);
      await expectStoredExactlyOnce(form, email);
    });

    it(`${what} while the lead waits queued: stored once, thanked only after`, async () => {
      // Retry-After keeps the retry a second away, so the outbox changes while the lead waits.
      await emulator.fault({ status: 503, headers: { 'Retry-After': '1' } });
      const form = await mountForm();
      const email = `queued-${what.replace(/\W+/g, '-')}@example.com`;
      const queued = nextEvent(form, 'keen-queued');
      await send(form, email);
      await queued;
      vanish();
      await form.updateComplete;
      expect(panel(form, 'queued')).to.not.equal(null);
      await expectSuccessOnlyOnceStored(form, email);
      await expectStoredExactlyOnce(form, email);
    });
  }
});

describe('storage that refuses every write', () => {
  let setItem: Storage['setItem'];
  beforeEach(() => {
    setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function refuse(): void {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  afterEach(() => {
    Storage.prototype.setItem = setItem;
  });

  it('still sends the lead while the page lives, and says to keep the page open meanwhile', async () => {
    await emulator.fault({ status: 503, headers: { 'Retry-After': '1' } });
    const form = await mountForm();
    const email = 'no-storage@example.com';
    const queued = nextEvent(form, 'keen-queued');
    await send(form, email);
    await queued;
    await form.updateComplete;
    expect(localStorage.length, 'nothing could be stored').to.equal(0);
    expect(panel(form, 'queued')?.textContent).to.contain(
      "We're sending your details. Please keep this page open until we confirm – this browser won't let us keep them if you leave.",
    );
    expect(panel(form, 'queued')?.textContent).to.not.contain('saved on this device');
    expect(form.outbox.map((item) => item.payload['email'])).to.deep.equal([email]);
    await expectSuccessOnlyOnceStored(form, email);
    await expectStoredExactlyOnce(form, email);
  });

  it('sends at once when Keen answers, with no word about storage', async () => {
    const form = await mountForm();
    const success = nextEvent(form, 'keen-success');
    await send(form, 'no-storage-at-once@example.com');
    await success;
    await form.updateComplete;
    expect(panel(form, 'success')).to.not.equal(null);
    expect(await storedLeads('no-storage-at-once@example.com')).to.equal(1);
  });
});

describe('an endpoint that redirects', () => {
  it('is a configuration error: one POST, no GET, the configuration message and one console.error', async () => {
    const redirect = await executeServerCommand<{ url: string }, { location: string }>('redirect-server-start', { location: emulator.apiUrl });
    if (redirect === undefined) throw new Error('no redirect server');
    const form = await mountForm(`${redirect.url}/functions/v1/keen-api`);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const errored = nextEvent(form, 'keen-error');
      await send(form, 'redirected@example.com');
      const { detail } = await errored;
      expect(detail).to.include({ kind: 'redirect', retryable: false });
      await form.updateComplete;
      expect(shadow(form).querySelector('[role="alert"]')?.textContent).to.contain('not set up correctly');
      // Longer than a first retry could wait: still one attempt, never re-sent as a GET.
      await new Promise((resolve) => setTimeout(resolve, 1200));
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('answered with a redirect').and.contain('set endpoint to the final URL');
    const seen = await executeServerCommand<{ method: string }[], { url: string }>('redirect-server-requests', { url: redirect.url });
    expect((seen ?? []).filter((request) => request.method !== 'OPTIONS').map((request) => request.method)).to.deep.equal(['POST']);
    expect((await emulator.requests()).map((request) => request.method)).to.deep.equal([]);
    expect(form.outbox).to.deep.equal([]);
    expect(panel(form, 'success')).to.equal(null);
  });
});
