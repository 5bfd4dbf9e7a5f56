// The built CDN file, exactly as a site loads it: it registers the element.
import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { CATALOGUES } from '../../src/i18n/catalogues.js';
import { HONEYPOT_NAME } from '../../src/spam/honeypot.js';
import { PUBLIC_CHANNEL, controlByLabel, errorOf, nextEvent, press, shadow, typeInto, useEmulatorPerFile, waitFor } from './helpers.js';

// These tests read notes exactly: no first touch recorded by an earlier file
// (WebKit keeps one origin's storage across files) may add its block.
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

/*
 * Issue 13, the widget's half: the honeypot, the minimum time and consent,
 * against the built file and the emulator. The bots here are scripts in the
 * page; what stopped each is asserted by reading Keen's (the emulator's)
 * leads back.
 */

const emulator = useEmulatorPerFile();

const REFERRAL_PROPERTY = 'a1000000-0000-4000-8000-000000000001';
const DETAILS_PROPERTY = 'a1000000-0000-4000-8000-000000000005';
const ISO_TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

async function mountForm(attributes: Record<string, string> = {}, config?: KeenLeadForm['config']): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  if (config !== undefined) form.config = config;
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  const button = shadow(form).querySelector<HTMLButtonElement>('button[part="submit"]');
  if (button === null) throw new Error('no submit button');
  return button;
}

function honeypot(form: KeenLeadForm): HTMLInputElement {
  const input = shadow(form).querySelector<HTMLInputElement>(`input[name="${HONEYPOT_NAME}"]`);
  if (input === null) throw new Error('no honeypot');
  return input;
}

/** Sets a value the way a script does: no keys, just the property and the events a framework listens to. */
function scriptFill(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = true;
  else if (control instanceof HTMLSelectElement) control.selectedIndex = control.options.length - 1;
  else control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Records every event of these names fired at the form, in order. */
function recordEvents(form: KeenLeadForm, names: readonly string[]): string[] {
  const seen: string[] = [];
  for (const name of names) form.addEventListener(name, () => seen.push(name));
  return seen;
}

/** When each request to the emulator's API started (epoch ms), by wrapping the page's fetch. */
function recordApiRequests(): { readonly startedAt: number[]; restore(): void } {
  const original = window.fetch;
  const startedAt: number[] = [];
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(emulator.apiUrl)) startedAt.push(Date.now());
    return original.call(window, input, init);
  };
  return { startedAt, restore: () => (window.fetch = original) };
}

describe('spam defences: the honeypot', () => {
  it('a bot that fills every input in the shadow root sees the thank-you, but nothing is sent or stored, and keen-spam fires', async () => {
    const form = await mountForm({ consent: '', 'marketing-consent': '' });
    const events = recordEvents(form, ['keen-spam', 'keen-submit', 'keen-success', 'keen-queued', 'keen-delivered', 'keen-invalid']);
    const spam = nextEvent(form, 'keen-spam');
    const requests = recordApiRequests();
    try {
      for (const control of shadow(form).querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
        scriptFill(control, control.inputMode === 'email' ? 'bot@example.com' : 'Buy cheap pills');
      }
      expect(honeypot(form).value, 'the bot reached the honeypot').to.equal('Buy cheap pills');
      submitButton(form).click();
      expect((await spam).detail).to.deep.equal({ reason: 'honeypot' });
      await form.updateComplete;
      expect(shadow(form).querySelector('[part="success"]'), 'the normal thank-you').to.not.equal(null);
      await waitFor(() => shadow(form).activeElement?.getAttribute('part') === 'success', 'the thank-you takes focus, as after a real send');
      expect(events).to.deep.equal(['keen-spam']);
      expect(form.outbox, 'nothing queued').to.deep.equal([]);
      // Anything sent would have left at once: the honeypot check comes before the minimum time.
      await form.flushOutbox();
      expect(requests.startedAt, 'no request').to.deep.equal([]);
      expect(await emulator.leads(), 'no lead in Keen').to.deep.equal([]);
      expect(Object.keys(localStorage).filter((key) => key.includes('draft')), 'the draft is cleared as on success').to.deep.equal([]);
    } finally {
      requests.restore();
    }
  });

  it('a person typing by label (with a 2.5 s minimum time) stores the lead, and the honeypot stays empty', async () => {
    const form = await mountForm({ fields: 'first_name email' });
    const events = recordEvents(form, ['keen-spam', 'keen-success']);
    await typeInto(form, 'First name', 'Ada');
    await typeInto(form, 'Email', 'ada@example.com');
    const success = nextEvent(form, 'keen-success');
    controlByLabel(form, 'Email').focus();
    await press('Enter');
    await success;
    expect(events).to.deep.equal(['keen-success']);
    const leads = await emulator.leads();
    expect(leads.map((stored) => [stored.lead['first_name'], stored.lead['email']])).to.deep.equal([['Ada', 'ada@example.com']]);
  });

  it('is out of sight and reach: inert, aria-hidden, not tabbable, not display:none, asks password managers to skip it', async () => {
    const form = await mountForm({ fields: 'email' });
    const input = honeypot(form);
    const wrapper = input.parentElement;
    expect(wrapper?.hasAttribute('inert')).to.equal(true);
    expect(wrapper?.getAttribute('aria-hidden')).to.equal('true');
    expect([input.tabIndex, input.getAttribute('autocomplete'), input.type]).to.deep.equal([-1, 'off', 'text']);
    expect(['data-1p-ignore', 'data-lpignore', 'data-bwignore'].every((name) => input.hasAttribute(name))).to.equal(true);
    expect(input.labels?.length, 'no label for autofill to match').to.equal(0);
    // Its name matches none of the words autofill and password managers look for.
    expect(HONEYPOT_NAME).to.not.match(/name|mail|phone|tel|address|street|city|zip|postal|country|company|org|url|web|site|user|pass|card|birth/i);
    // Rendered (a naive bot's display:none check finds nothing), but occupies no visible space.
    expect(getComputedStyle(input).display).to.not.equal('none');
    const box = wrapper?.getBoundingClientRect();
    expect([box?.width, box?.height]).to.deep.equal([1, 1]);
    // The keyboard never reaches it: Tab from the email field goes to the button.
    controlByLabel(form, 'Email').focus();
    await press('Tab');
    expect(shadow(form).activeElement?.getAttribute('part')).to.equal('submit');
  });

  it("Chromium's address autofill fills the visible fields and leaves the honeypot empty; the lead is stored", async () => {
    const form = await mountForm({ 'min-time': '0' });
    const { filled } = (await executeServerCommand<{ filled: string[] }, object>('keen-autofill', {
      fieldName: 'email',
      address: {
        NAME_FIRST: 'Ada',
        NAME_LAST: 'Lovelace',
        EMAIL_ADDRESS: 'ada@example.com',
        PHONE_HOME_WHOLE_NUMBER: '+4512345678',
        COMPANY_NAME: 'Analytical Engines',
        ADDRESS_HOME_LINE1: 'Main Street 1',
        ADDRESS_HOME_CITY: 'London',
        ADDRESS_HOME_ZIP: 'N1 9GU',
      },
    })) ?? { filled: [] };
    expect(filled, 'what Chromium filled').to.include.members(['first_name', 'last_name', 'email', 'phone', 'company_name']);
    expect(filled).to.not.include(HONEYPOT_NAME);
    expect(honeypot(form).value).to.equal('');
    const success = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await success;
    const [stored] = await emulator.leads();
    expect([stored?.lead['first_name'], stored?.lead['email'], stored?.lead['company_name']]).to.deep.equal(['Ada', 'ada@example.com', 'Analytical Engines']);
  });
});

describe('spam defences: the minimum time', () => {
  it('a send 200 ms after render is queued at once, shows the sending state, and leaves no earlier than min-time after render; stored once', async () => {
    const minTime = 1500;
    const requests = recordApiRequests();
    try {
      const mountedAt = Date.now();
      const form = await mountForm({ fields: 'email', 'min-time': String(minTime) });
      const events = recordEvents(form, ['keen-spam', 'keen-success', 'keen-queued', 'keen-error']);
      scriptFill(controlByLabel(form, 'Email'), 'fast@example.com');
      await waitFor(() => Date.now() - mountedAt >= 200, '200 ms after render');
      const success = nextEvent(form, 'keen-success');
      submitButton(form).click();
      await form.updateComplete;
      // Safe at once: in the outbox, held back until the minimum has passed.
      expect(form.outbox.map((item) => item.payload['email'])).to.deep.equal(['fast@example.com']);
      expect(form.outbox[0]?.notBefore).to.be.at.least(mountedAt + minTime);
      expect(submitButton(form).getAttribute('aria-disabled'), 'the normal sending state').to.equal('true');
      expect(requests.startedAt, 'nothing sent yet').to.deep.equal([]);
      await success;
      expect(requests.startedAt).to.have.length(1);
      expect((requests.startedAt[0] ?? 0) - mountedAt, 'the request waited out the minimum').to.be.at.least(minTime);
      expect(events).to.deep.equal(['keen-success']);
      expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['fast@example.com']);
      expect(form.outbox).to.deep.equal([]);
    } finally {
      requests.restore();
    }
  });

  it('once the minimum has passed (or with min-time="0") the lead is queued without a hold', async () => {
    const form = await mountForm({ fields: 'email', 'min-time': '0' });
    scriptFill(controlByLabel(form, 'Email'), 'now@example.com');
    const success = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await form.updateComplete;
    expect(form.outbox.map((item) => [item.payload['email'], item.notBefore])).to.deep.equal([['now@example.com', undefined]]);
    await success;
    expect(await emulator.leads()).to.have.length(1);
  });

  for (const [value, problem] of [
    ['soon', 'min-time: expected a whole number of milliseconds from 0 to 60000, got "soon"'],
    ['60001', 'min-time: expected a whole number of milliseconds from 0 to 60000, got 60001'],
    ['-1', 'min-time: expected a whole number of milliseconds from 0 to 60000, got "-1"'],
  ] as const) {
    it(`min-time="${value}" is a configuration error naming the setting`, async () => {
      const original = console.error;
      console.error = () => {};
      try {
        const form = await mountForm({ 'min-time': value });
        expect(shadow(form).querySelector('form')).to.equal(null);
        expect(shadow(form).querySelector('.config-error')?.textContent).to.contain(problem);
      } finally {
        console.error = original;
      }
    });
  }
});

describe('consent', () => {
  const policy = 'https://example.com/privacy';

  it('is required when configured: blocks the send with an accessible error, then records text, link, version and time in notes', async () => {
    const form = await mountForm({ fields: 'email notes', 'min-time': '0', consent: '', 'consent-link': policy, 'consent-version': '2026-01' });
    const box = controlByLabel(form, CATALOGUES['en']?.consentText ?? '') as HTMLInputElement;
    expect([box.type, box.required]).to.deep.equal(['checkbox', true]);
    const link = shadow(form).querySelector<HTMLAnchorElement>(`label[for="${box.id}"] a`);
    expect([link?.textContent, link?.href, link?.target]).to.deep.equal(['privacy policy', policy, '_blank']);
    await typeInto(form, 'Email', 'ada@example.com');
    await typeInto(form, 'Message', 'Call me');

    const invalid = nextEvent(form, 'keen-invalid');
    submitButton(form).click();
    expect((await invalid).detail.errors).to.deep.equal([{ field: 'consent', code: 'mustAccept', message: 'Please tick this box to continue.' }]);
    await form.updateComplete;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(form, CATALOGUES['en']?.consentText ?? '')).to.equal('Please tick this box to continue.');
    // Compared by id: chai's message for two unequal elements can take forever to build.
    await waitFor(() => shadow(form).activeElement?.id === box.id, 'focus moves to the box');
    expect(await emulator.leads()).to.deep.equal([]);

    await press('Space');
    const success = nextEvent(form, 'keen-success');
    const before = Date.now();
    submitButton(form).click();
    await success;
    const after = Date.now();
    const [stored] = await emulator.leads();
    const notes = String(stored?.lead['notes']);
    const match = new RegExp(
      `^Call me\\n\\nConsent: "I agree to the processing of my data as described in the privacy policy\\." \\(https://example\\.com/privacy, version 2026-01\\) at (${ISO_TIME})$`,
    ).exec(notes);
    expect(match, notes).to.not.equal(null);
    const at = Date.parse(match?.[1] ?? '');
    expect(at).to.be.within(before - 1000, after);
  });

  it('records into the configured property instead of notes; marketing consent only when ticked', async () => {
    const config = {
      fields: ['email' as const],
      consent: { text: 'I accept the terms of Northwind.', link: policy, linkText: 'terms', version: 'v7', property: REFERRAL_PROPERTY },
      marketingConsent: { text: 'Send me the Northwind newsletter.', property: DETAILS_PROPERTY },
    };
    for (const marketing of [false, true]) {
      await emulator.reset();
      document.body.replaceChildren();
      const form = await mountForm({ 'min-time': '0' }, config);
      await typeInto(form, 'Email', 'ada@example.com');
      (controlByLabel(form, 'I accept the terms of Northwind.') as HTMLInputElement).click();
      if (marketing) (controlByLabel(form, 'Send me the Northwind newsletter.') as HTMLInputElement).click();
      const success = nextEvent(form, 'keen-success');
      submitButton(form).click();
      await success;
      const [stored] = await emulator.leads();
      const body = JSON.parse(stored?.request.body ?? '{}') as { notes?: string; properties?: { property_definitions_id: string; value: string }[] };
      expect(body.notes, 'nothing in notes').to.equal(undefined);
      const values = Object.fromEntries((body.properties ?? []).map((property) => [property.property_definitions_id, property.value]));
      expect(values[REFERRAL_PROPERTY]).to.match(new RegExp(`^Consent: "I accept the terms of Northwind\\." \\(https://example\\.com/privacy, version v7\\) at ${ISO_TIME}$`));
      if (marketing) expect(values[DETAILS_PROPERTY]).to.match(new RegExp(`^Marketing consent: "Send me the Northwind newsletter\\." at ${ISO_TIME}$`));
      else expect(values[DETAILS_PROPERTY], 'not ticked: not recorded').to.equal(undefined);
    }
  });

  it('marketing consent alone is optional: the lead is sent unticked', async () => {
    const form = await mountForm({ fields: 'email', 'min-time': '0', 'marketing-consent': '' });
    const box = controlByLabel(form, CATALOGUES['en']?.marketingConsentText ?? '') as HTMLInputElement;
    expect(box.required).to.equal(false);
    await typeInto(form, 'Email', 'ada@example.com');
    const success = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await success;
    const [stored] = await emulator.leads();
    expect(stored?.lead['notes'] ?? '').to.not.contain('consent');
  });

  it('still records consent when the visitor used every character of notes', async () => {
    const form = await mountForm({ fields: 'email notes', 'min-time': '0', consent: 'I agree.' });
    await typeInto(form, 'Email', 'ada@example.com');
    // 5000 characters are set, not typed: this is about the limit, not typing.
    scriptFill(controlByLabel(form, 'Message'), 'x'.repeat(5000));
    (controlByLabel(form, 'I agree.') as HTMLInputElement).click();
    const success = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await success;
    const notes = String((await emulator.leads())[0]?.lead['notes']);
    expect(notes.startsWith('x'.repeat(5000))).to.equal(true);
    expect(notes.slice(5000)).to.match(new RegExp(`^\\n\\nConsent: "I agree\\." at ${ISO_TIME}$`));
  });

  it('is never kept in the draft: it is given when sending', async () => {
    const form = await mountForm({ id: 'drafty', fields: 'email', consent: '' });
    await typeInto(form, 'Email', 'ada@example.com');
    (controlByLabel(form, CATALOGUES['en']?.consentText ?? '') as HTMLInputElement).click();
    await waitFor(() => Object.values(localStorage).some((value) => value.includes('ada@example.com')), 'the draft is saved');
    const draft = Object.values(localStorage).find((value) => value.includes('ada@example.com')) ?? '';
    expect(draft).to.not.match(/consent/i);
  });

  it('consent-link without consent is a configuration error', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const form = await mountForm({ 'consent-link': policy });
      expect(shadow(form).querySelector('.config-error')?.textContent).to.contain('consent-link and consent-version need the consent attribute');
    } finally {
      console.error = original;
    }
  });

  for (const [code, catalogue] of Object.entries(CATALOGUES)) {
    it(`${code}: the default wording, with the policy link inside it`, async () => {
      expect(catalogue.consentText.trim()).to.not.equal('');
      expect(catalogue.marketingConsentText.trim()).to.not.equal('');
      expect(catalogue.consentText).to.contain(catalogue.consentLinkText);
      expect(catalogue.mustAccept.trim()).to.not.equal('');
      if (code !== 'en') {
        expect(catalogue.consentText).to.not.equal(CATALOGUES['en']?.consentText);
        expect(catalogue.marketingConsentText).to.not.equal(CATALOGUES['en']?.marketingConsentText);
      }
      const form = await mountForm({ lang: code, fields: 'email', consent: '', 'consent-link': policy, 'marketing-consent': '' });
      const box = controlByLabel(form, catalogue.consentText);
      expect(shadow(form).querySelector(`label[for="${box.id}"] a`)?.textContent).to.equal(catalogue.consentLinkText);
      expect(controlByLabel(form, catalogue.marketingConsentText)).to.not.equal(null);
    });
  }
});
