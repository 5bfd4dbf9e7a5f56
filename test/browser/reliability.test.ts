import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { PRIVATE_CHANNEL, PUBLIC_CHANNEL, UNKNOWN_CHANNEL, controlByLabel, useEmulatorPerFile, nextEvent, shadow, typeInto, waitFor, type EmulatorFault } from './helpers.js';

const SUBMISSION_ID_PROPERTY = 'a1000000-0000-4000-8000-000000000006';

const emulator = useEmulatorPerFile();

// Per attempt, for every form here. Generous, so that an ordinary answer never
// times out on a busy machine: a 400 ms limit once turned one retry into three,
// and let a 300 ms-delayed delivery time out after Keen stored it (a duplicate
// in the two-pages test). The timeout case delays its answer well past it.
const ATTEMPT_TIMEOUT_MS = 3000;

async function mountForm(attributes: Record<string, string> = {}): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('fields', 'first_name email');
  form.setAttribute('timeout', String(ATTEMPT_TIMEOUT_MS));
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  return shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;
}

function statusText(form: KeenLeadForm): string {
  return shadow(form).querySelector('[role="status"]')?.textContent?.trim() ?? '';
}

/** API requests the emulator answered or dropped: the widget's delivery attempts. */
async function attempts(): Promise<number> {
  return (await emulator.requests()).filter((request) => request.method === 'POST').length;
}

const retryable: ReadonlyArray<[string, EmulatorFault]> = [
  ['500', { status: 500, body: '{"error":"Internal error"}', headers: { 'Content-Type': 'application/json' } }],
  ['502 HTML error page', { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>', headers: { 'Content-Type': 'text/html' } }],
  ['503 with Retry-After', { status: 503, headers: { 'Retry-After': '1' } }],
  ['429', { status: 429, body: '{"error":"Too many requests"}', headers: { 'Content-Type': 'application/json', 'Retry-After': '1' } }],
  ['408', { status: 408 }],
  ['a dropped connection', { drop: true }],
  ['a delay past the timeout', { delayMs: 2 * ATTEMPT_TIMEOUT_MS }],
  ['an empty 503 body', { status: 503 }],
  ['200 with a body that is not JSON', { status: 200, body: 'OK' }],
];

describe('a lead is never lost', () => {
  for (const [name, fault] of retryable) {
    it(`after ${name}: queued, then delivered exactly once with 2 attempts`, async () => {
      await emulator.fault(fault);
      const form = await mountForm();
      const queued = nextEvent(form, 'keen-queued');
      const delivered = nextEvent(form, 'keen-delivered');
      const success = nextEvent(form, 'keen-success');
      await typeInto(form, 'Email', `${name.replace(/\W+/g, '-')}@example.com`);
      submitButton(form).click();

      const queuedEvent = await queued;
      expect(queuedEvent.detail.attempts).to.equal(1);
      await form.updateComplete;
      expect(shadow(form).querySelector('[part="queued"]')?.textContent).to.contain("we'll keep trying");

      const deliveredEvent = await delivered;
      expect(deliveredEvent.detail.submissionId).to.equal(queuedEvent.detail.submissionId);
      expect(deliveredEvent.detail.attempts).to.equal(2);
      await success;
      await waitFor(() => statusText(form) === 'Your details were sent.', 'the live region to say it was sent');
      expect(shadow(form).querySelector('[part="success"]')).to.not.equal(null);
      expect(await attempts()).to.equal(2);
      const leads = await emulator.leads();
      expect(leads.map((stored) => stored.lead['email'])).to.deep.equal([`${name.replace(/\W+/g, '-')}@example.com`]);
      expect(form.outbox).to.deep.equal([]);
    });
  }

  const final: ReadonlyArray<[string, string, EmulatorFault | undefined, string]> = [
    ['400', PUBLIC_CHANNEL, { status: 400, body: '{"error":"email must be a string"}', headers: { 'Content-Type': 'application/json' } }, 'email must be a string'],
    ['403', PRIVATE_CHANNEL, undefined, 'not set up correctly'],
    ['404', UNKNOWN_CHANNEL, undefined, 'not set up correctly'],
  ];
  for (const [status, channel, fault, shown] of final) {
    it(`after ${status}: never retried, input kept, message shown`, async () => {
      if (fault !== undefined) await emulator.fault(fault);
      const form = await mountForm({ channel });
      const errored = nextEvent(form, 'keen-error');
      await typeInto(form, 'First name', 'Kept');
      await typeInto(form, 'Email', 'kept@example.com');
      const original = console.error;
      console.error = () => {};
      submitButton(form).click();
      const event = await errored;
      console.error = original;
      expect(event.detail.status).to.equal(Number(status));
      await form.updateComplete;
      expect(shadow(form).querySelector('[role="alert"]')?.textContent).to.contain(shown);
      expect(controlByLabel(form, 'First name').value).to.equal('Kept');
      expect(controlByLabel(form, 'Email').value).to.equal('kept@example.com');
      expect(form.outbox).to.deep.equal([]);
      // Longer than the first backoff could be: still one attempt.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(await attempts()).to.equal(1);
    });
  }

  it('a response lost after Keen stored the lead duplicates it, and the submission id tells the two apart', async () => {
    await emulator.fault({ drop: true, commit: true });
    const form = await mountForm({ 'submission-id-property': SUBMISSION_ID_PROPERTY });
    const delivered = nextEvent(form, 'keen-delivered');
    await typeInto(form, 'Email', 'twice@example.com');
    submitButton(form).click();
    const { detail } = await delivered;
    const leads = await emulator.leads();
    expect(leads).to.have.length(2);
    const ids = leads.map((stored) => (stored.lead['properties'] as { property_definitions_id: string; value: string }[])[0]);
    expect(ids).to.deep.equal([
      { property_definitions_id: SUBMISSION_ID_PROPERTY, value: detail.submissionId },
      { property_definitions_id: SUBMISSION_ID_PROPERTY, value: detail.submissionId },
    ]);
  });

  it('keeps the newest lead out of a full outbox, with a visible message, and keeps the oldest', async function () {
    // Eleven leads typed key by key (about 9 s in WebKit, whose WebDriver makes
    // keys round trips), then ten delivered one after another.
    this.timeout(40_000);
    await emulator.fault({ status: 503, count: 200 });
    const form = await mountForm({ fields: 'email' });
    const ids: string[] = [];
    for (let index = 0; index < 10; index++) {
      await typeInto(form, 'Email', `lead${index}@example.com`);
      submitButton(form).click();
      // Wait for this lead's own outcome (retries of earlier ones fire keen-queued too).
      await waitFor(() => shadow(form).querySelector('[part="queued"]') !== null, `lead ${index} queued`);
      const newest = form.outbox.at(-1)?.id;
      if (newest === undefined || ids.includes(newest)) throw new Error('the newest lead is not in the outbox');
      ids.push(newest);
      // The queued panel offers no "Send another" (it is not a success yet): a script may still start over.
      form.reset();
      await form.updateComplete;
    }
    expect(form.outbox.map((item) => item.id)).to.deep.equal(ids);

    const errored = nextEvent(form, 'keen-error');
    await typeInto(form, 'Email', 'eleventh@example.com');
    submitButton(form).click();
    await errored;
    await form.updateComplete;
    expect(shadow(form).querySelector('[role="alert"]')?.textContent).to.contain('Too many messages are waiting');
    expect(controlByLabel(form, 'Email').value).to.equal('eleventh@example.com');
    expect(form.outbox.map((item) => item.id)).to.deep.equal(ids);

    // Once Keen is back, all ten still go through.
    await emulator.reset();
    await form.flushOutbox();
    // Flushed until empty: a flush attempts every lead at once, whatever its backoff has grown to.
    await waitFor(
      async () => {
        await form.flushOutbox();
        return form.outbox.length === 0;
      },
      'the outbox to drain',
      15_000,
    );
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.have.members(ids.map((_, index) => `lead${index}@example.com`));
  });

  it('keeps delivering after a single-page app unmounts the form', async () => {
    await emulator.fault({ status: 503 });
    const form = await mountForm();
    const queued = nextEvent(form, 'keen-queued');
    const delivered = nextEvent(document, 'keen-delivered');
    await typeInto(form, 'Email', 'unmounted@example.com');
    submitButton(form).click();
    await queued;
    form.remove(); // the router moves on; no form is left on the page
    const ours = async () => (await emulator.leads()).filter((stored) => stored.lead['email'] === 'unmounted@example.com');
    await waitFor(async () => (await ours()).length === 1, 'the delivery without a form', 5000);
    // With no form left, the event is fired on the document itself.
    const event = await delivered;
    expect(event.target).to.equal(document);
    expect(event.detail.attempts).to.equal(2);
  });

  it('flushOutbox() sends what waits at once', async () => {
    await emulator.fault({ status: 503, headers: { 'Retry-After': '0' } });
    const form = await mountForm();
    const queued = nextEvent(form, 'keen-queued');
    await typeInto(form, 'Email', 'flush@example.com');
    submitButton(form).click();
    await queued;
    expect(form.outbox).to.have.length(1);
    const delivered = nextEvent(form, 'keen-delivered');
    await form.flushOutbox();
    await delivered;
    expect(form.outbox).to.deep.equal([]);
    expect(await emulator.leads()).to.have.length(1);
  });
});

/** A page of its own (same origin, so same localStorage), like a second tab or a reload. */
async function openPage(timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<{ frame: HTMLIFrameElement; form: KeenLeadForm }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><body>
    <script type="module" src="/dist/cdn/keen-lead-form.js"></script>
    <keen-lead-form id="contact" channel="${PUBLIC_CHANNEL}" endpoint="${emulator.apiUrl}" fields="first_name email" timeout="${timeoutMs}" min-time="0"></keen-lead-form>
  </body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const view = frame.contentWindow as Window & typeof globalThis;
  await waitFor(() => view.customElements.get('keen-lead-form') !== undefined, 'the element in the page');
  const form = frame.contentDocument?.querySelector('keen-lead-form') as KeenLeadForm;
  await form.updateComplete;
  return { frame, form };
}

/**
 * Closes a page and waits until its last (keepalive) attempt has been
 * answered, so it cannot race the test's next step: had it succeeded
 * unseen, the next page would send the lead again (the documented duplicate).
 */
async function closeAndWaitForLastAttempt(frame: HTMLIFrameElement): Promise<void> {
  const before = await attempts();
  frame.remove();
  // Generous: on a machine loaded ten times past its cores, Firefox took over 10 s to send it.
  await waitFor(async () => (await emulator.requests()).filter((r) => r.method === 'POST' && r.outcome !== 'pending').length > before, 'the last attempt', 20_000);
}

function frameControl(form: KeenLeadForm, label: string): HTMLInputElement {
  return controlByLabel(form, label) as HTMLInputElement;
}

/** Types into a form in another page the way an input event would arrive. */
function fill(form: KeenLeadForm, label: string, value: string): void {
  const control = frameControl(form, label);
  control.value = value;
  control.dispatchEvent(new (control.ownerDocument.defaultView as Window & typeof globalThis).Event('input', { bubbles: true, composed: true }));
}

describe('across reloads and tabs', () => {
  it('makes one last attempt when the page is closed', async () => {
    await emulator.fault({ status: 503 });
    const first = await openPage();
    const queued = nextEvent(first.form, 'keen-queued');
    fill(first.form, 'Email', 'pagehide@example.com');
    submitButton(first.form).click();
    await queued;
    first.frame.remove(); // pagehide: a keepalive request, and the network is fine by now
    await waitFor(async () => (await emulator.leads()).length === 1, 'the keepalive delivery');
    expect(await attempts()).to.equal(2);
  });

  it('delivers a queued lead on the next page load', async function () {
    // The last attempt on close fails too; its claim (timeout + 5 s) must run out first.
    this.timeout(45_000);
    await emulator.fault({ status: 503, count: 20 });
    const first = await openPage();
    const queued = nextEvent(first.form, 'keen-queued');
    fill(first.form, 'Email', 'reload@example.com');
    submitButton(first.form).click();
    await queued;
    await closeAndWaitForLastAttempt(first.frame);
    await emulator.reset(); // the network is back
    const second = await openPage();
    const delivered = await nextEvent(second.form, 'keen-delivered');
    // The failed attempt, at least one retry before the page closed, the keepalive one, and this one.
    expect(delivered.detail.attempts).to.be.at.least(3);
    expect(await attempts()).to.equal(1); // since the network came back: exactly one request
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['reload@example.com']);
  });

  it('two pages sharing one outbox deliver a queued lead exactly once', async function () {
    this.timeout(45_000);
    await emulator.fault({ status: 503, count: 20 });
    const first = await openPage();
    const queued = nextEvent(first.form, 'keen-queued');
    fill(first.form, 'Email', 'two-tabs@example.com');
    submitButton(first.form).click();
    await queued;
    await closeAndWaitForLastAttempt(first.frame);
    await emulator.reset();
    await emulator.fault({ delayMs: 300 }); // keep the first delivery in flight while the other page looks
    // A timeout well past the delay: a slow answer taken for a lost one would be retried and stored twice.
    const [a, b] = await Promise.all([openPage(3000), openPage(3000)]);
    await waitFor(async () => (await emulator.leads()).length > 0, 'a delivery', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const page of [a, b]) page.frame.contentWindow?.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['two-tabs@example.com']);
    expect(a.form.outbox).to.deep.equal([]);
  });

  it('restores a draft after a reload, says so, and forgets it after success', async () => {
    const first = await openPage();
    fill(first.form, 'First name', 'Draft');
    fill(first.form, 'Email', 'draft@example.com');
    first.frame.remove(); // flushes the pending save
    const second = await openPage();
    expect(frameControl(second.form, 'First name').value).to.equal('Draft');
    expect(frameControl(second.form, 'Email').value).to.equal('draft@example.com');
    expect(statusText(second.form)).to.equal('We restored what you typed earlier.');
    const success = nextEvent(second.form, 'keen-success');
    submitButton(second.form).click();
    await success;
    expect(Object.keys(localStorage).filter((key) => key.includes(':draft:'))).to.deep.equal([]);
    second.frame.remove();
    const third = await openPage();
    expect(frameControl(third.form, 'Email').value).to.equal('');
  });

  it('never saves a draft with draft="off", nor hidden or sensitive fields', async () => {
    const off = await mountForm({ draft: 'off' });
    await typeInto(off, 'Email', 'nodraft@example.com');
    off.remove();
    expect(Object.keys(localStorage).filter((key) => key.includes(':draft:'))).to.deep.equal([]);

    const form = document.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    form.setAttribute('endpoint', emulator.apiUrl);
    form.setAttribute('channel', PUBLIC_CHANNEL);
    form.config = {
      fields: ['email', { name: 'business_id', label: 'ID number', sensitive: true }, { name: 'source', hidden: true, value: 'Secret campaign' }],
    };
    document.body.append(form);
    await form.updateComplete;
    await typeInto(form, 'Email', 'kept@example.com');
    await typeInto(form, 'ID number', '010203-1234');
    form.remove();
    const drafts = Object.entries(localStorage).filter(([key]) => key.includes(':draft:'));
    expect(drafts).to.have.length(1);
    const saved = drafts[0]?.[1] ?? '';
    expect(saved).to.contain('kept@example.com');
    expect(saved).to.not.contain('010203-1234');
    expect(saved).to.not.contain('Secret campaign');
  });
});
