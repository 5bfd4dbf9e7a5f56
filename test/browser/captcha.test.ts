// The captcha providers in the browser, with the built CDN file, local fakes
// of each provider's script (test/support/fake-captcha/) and a relay that
// checks tokens against the fake siteverify (test/support/fake-siteverify.js),
// in front of the emulator: the token travels with the lead and the lead is
// stored; a refused token, a missing answer and a blocked provider each keep
// the visitor's input and say what to do; forms without a provider load none.
import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { loadAxe } from './a11y-checks.js';
import { controlByLabel, nextEvent, shadow, typeInto, useEmulatorPerFile, waitFor } from './helpers.js';

type Provider = 'turnstile' | 'hcaptcha' | 'friendlycaptcha';

const emulator = useEmulatorPerFile();
const FAKES = '/test/support/fake-captcha';
const PROVIDER_SCRIPT = /fake-captcha|challenges\.cloudflare\.com|hcaptcha\.com|friendlycaptcha/;

let siteverifyUrl = '';
before(async () => {
  const started = await executeServerCommand<{ url: string }, object>('siteverify-start', {});
  if (started === undefined) throw new Error('the relay plugin did not start the fake siteverify');
  siteverifyUrl = started.url;
});

async function startRelay(provider: Provider): Promise<string> {
  const started = await executeServerCommand<{ url: string }, object>('relay-start', {
    runtime: 'node',
    emulatorUrl: emulator.url,
    origin: location.origin,
    captcha: { provider, siteverifyUrl: `${siteverifyUrl}/${provider}` },
  });
  if (started === undefined) throw new Error('the relay plugin did not start a relay');
  return started.url;
}

function captchaForm(endpoint: string, challenge: string, script: string): KeenLeadForm {
  const form = document.createElement('keen-lead-form') as KeenLeadForm;
  form.setAttribute('relay', '');
  form.setAttribute('endpoint', endpoint);
  form.setAttribute('fields', 'first_name email');
  form.setAttribute('challenge', challenge);
  form.setAttribute('challenge-script', script);
  document.body.append(form);
  return form;
}

function relayPosts(relayUrl: string): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(relayUrl));
}

function alertOf(form: KeenLeadForm): string {
  return shadow(form).querySelector('[part="alert"]')?.textContent ?? '';
}

function sendButton(form: KeenLeadForm): HTMLButtonElement {
  const button = shadow(form).querySelector<HTMLButtonElement>('[part="submit"]');
  if (button === null) throw new Error('no send button');
  return button;
}

/** The fake provider's button, rendered into the form's light-DOM challenge container. */
async function humanButton(form: KeenLeadForm): Promise<HTMLButtonElement> {
  let button: HTMLButtonElement | null = null;
  // The provider's script is fetched and run first: beside two other browsers WebKit took over 5 s.
  await waitFor(() => (button = form.querySelector<HTMLButtonElement>('[slot="challenge"] [data-fake-captcha]')) !== null, 'the provider widget', 20_000);
  if (button === null) throw new Error('no provider widget');
  return button;
}

beforeEach(() => performance.clearResourceTimings());

// First in the file: no provider script may be on the page yet.
describe('forms without a captcha', () => {
  it('load no provider script and fetch none', async function () {
    this.timeout(30_000);
    const relayUrl = await startRelay('turnstile');
    const plain = document.createElement('keen-lead-form') as KeenLeadForm;
    plain.setAttribute('relay', '');
    plain.setAttribute('endpoint', relayUrl);
    plain.setAttribute('challenge', 'none');
    plain.setAttribute('fields', 'email');
    document.body.append(plain);
    await plain.updateComplete;
    await typeInto(plain, 'Email', 'plain@example.com');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect([...document.scripts].map((script) => script.src).filter((src) => PROVIDER_SCRIPT.test(src))).to.deep.equal([]);
    expect(performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => PROVIDER_SCRIPT.test(name))).to.deep.equal([]);
    expect(plain.querySelector('[slot="challenge"]')).to.equal(null);
  });
});

describe('a provider that cannot load', () => {
  it('keeps the input, says what to do, and sends nothing', async function () {
    this.timeout(30_000);
    const relayUrl = await startRelay('turnstile');
    const form = captchaForm(relayUrl, 'turnstile:fake-sitekey', `${FAKES}/blocked-by-the-visitor.js`);
    await form.updateComplete;
    await waitFor(() => alertOf(form).includes('could not load'), 'the blocked-provider message, before any send', 12_000);
    expect(alertOf(form)).to.include('Cloudflare Turnstile');
    await typeInto(form, 'First name', 'Ada');
    await typeInto(form, 'Email', 'blocked@example.com');
    sendButton(form).click();
    await waitFor(() => alertOf(form).includes('could not load'), 'the message again on send');
    expect(relayPosts(relayUrl), 'nothing reaches the relay').to.deep.equal([]);
    expect(await emulator.leads()).to.have.length(0);
    expect(controlByLabel(form, 'First name').value).to.equal('Ada');
    expect(controlByLabel(form, 'Email').value).to.equal('blocked@example.com');
  });
});

for (const provider of ['turnstile', 'hcaptcha', 'friendlycaptcha'] as const) {
  describe(`${provider}`, () => {
    let relayUrl = '';
    before(async function () {
      this.timeout(30_000);
      relayUrl = await startRelay(provider);
    });

    it('asks for the check first, then the token reaches the relay and the lead is stored', async function () {
      this.timeout(30_000);
      const form = captchaForm(relayUrl, `${provider}:fake-sitekey`, `${FAKES}/${provider}.js`);
      await form.updateComplete;
      const button = await humanButton(form);
      expect([...document.scripts].filter((script) => script.src.endsWith(`/${provider}.js`)), 'one script per provider').to.have.length(1);
      await typeInto(form, 'First name', 'Grace');
      await typeInto(form, 'Email', `${provider}@example.com`);
      sendButton(form).click();
      await waitFor(() => alertOf(form).includes('complete the spam check'), 'the ask to complete the check');
      expect(relayPosts(relayUrl), 'nothing sent without a token').to.deep.equal([]);
      expect(controlByLabel(form, 'Email').value).to.equal(`${provider}@example.com`);

      button.click();
      const success = nextEvent(form, 'keen-success');
      sendButton(form).click();
      const { detail } = await success;
      const leads = await emulator.leads();
      expect(leads).to.have.length(1);
      expect(leads[0]?.lead.id).to.equal(detail.lead.id);
      expect(leads[0]?.lead['first_name']).to.equal('Grace');
      expect(JSON.parse(leads[0]?.request.body ?? '{}')).to.not.have.property('verification');
    });

    it('a refused token is told to the visitor, who keeps their input', async function () {
      this.timeout(30_000);
      const form = captchaForm(relayUrl, `${provider}:bad`, `${FAKES}/${provider}.js`);
      await form.updateComplete;
      (await humanButton(form)).click();
      await typeInto(form, 'Email', `refused-${provider}@example.com`);
      const failed = nextEvent(form, 'keen-error');
      sendButton(form).click();
      const { detail } = await failed;
      expect(detail.status).to.equal(403);
      await waitFor(() => alertOf(form).includes('was not accepted'), 'the refusal message');
      expect(controlByLabel(form, 'Email').value).to.equal(`refused-${provider}@example.com`);
      expect(await emulator.leads()).to.have.length(0);
    });
  });
}

describe('an answer that expired', () => {
  it('is reset through the provider API and not sent; the visitor solves it again and the lead is stored', async function () {
    this.timeout(30_000);
    const relayUrl = await startRelay('turnstile');
    const form = captchaForm(relayUrl, 'turnstile:fake-sitekey', `${FAKES}/turnstile.js`);
    await form.updateComplete;
    const button = await humanButton(form);
    const fake = (window as unknown as { __fakeCaptcha: { expire(): void; resets: number } }).__fakeCaptcha;
    button.click();
    await typeInto(form, 'Email', 'expired@example.com');
    const resetsBefore = fake.resets;
    fake.expire();
    expect(fake.resets, 'the widget was reset').to.equal(resetsBefore + 1);
    sendButton(form).click();
    await waitFor(() => alertOf(form).includes('complete the spam check'), 'the ask to solve it again');
    expect(relayPosts(relayUrl)).to.deep.equal([]);
    button.click();
    const success = nextEvent(form, 'keen-success');
    sendButton(form).click();
    await success;
    expect(await emulator.leads()).to.have.length(1);
  });
});

describe('a captcha lead that waits in the outbox', () => {
  it('asks the visitor to solve the check again there, and the fresh token sends it', async function () {
    this.timeout(60_000);
    const relayUrl = await startRelay('turnstile');
    const form = captchaForm(relayUrl, 'turnstile:fake-sitekey', `${FAKES}/turnstile.js`);
    await form.updateComplete;
    const button = await humanButton(form);
    button.click();
    await typeInto(form, 'Email', 'waiting@example.com');
    // Keen fails once (retryable): the lead is queued, and the token went with that attempt.
    await emulator.fault({ status: 503, count: 1 });
    const queued = nextEvent(form, 'keen-queued');
    sendButton(form).click();
    await queued;
    await waitFor(() => shadow(form).querySelector('[part="queued"] slot[name="challenge"]') !== null, 'the check in the queued panel');
    expect(shadow(form).querySelector('[part="queued"]')?.textContent).to.include('complete the spam check below once more');
    expect(await emulator.leads(), 'not stored yet').to.have.length(0);

    const delivered = nextEvent(form, 'keen-delivered');
    button.click();
    await delivered;
    const leads = await emulator.leads();
    expect(leads).to.have.length(1);
    expect(leads[0]?.lead['email']).to.equal('waiting@example.com');
  });
});

describe('the challenge container', () => {
  it('has no axe violations and sits above the send button', async function () {
    this.timeout(30_000);
    const relayUrl = await startRelay('hcaptcha');
    const form = captchaForm(relayUrl, 'hcaptcha:fake-sitekey', `${FAKES}/hcaptcha.js`);
    await form.updateComplete;
    await humanButton(form);
    const slot = shadow(form).querySelector('slot[name="challenge"]');
    expect(slot?.nextElementSibling).to.equal(sendButton(form));
    const axe = await loadAxe();
    const { violations } = await axe.run(form, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    expect(violations.map((violation) => violation.id)).to.deep.equal([]);
  });
});

