// The built CDN file, exactly as a site loads it: it registers the element.
import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import {
  PRIVATE_CHANNEL,
  PUBLIC_CHANNEL,
  UNKNOWN_CHANNEL,
  controlByLabel,
  errorOf,
  nextEvent,
  press,
  shadow,
  typeInto,
  waitFor,
  useEmulatorPerFile,
} from './helpers.js';

const emulator = useEmulatorPerFile();

async function mountForm(attributes: Record<string, string> = {}): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  const button = shadow(form).querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button === null) throw new Error('no submit button');
  return button;
}

function alertText(form: KeenLeadForm): string {
  return shadow(form).querySelector('[role="alert"]')?.textContent?.trim() ?? '';
}

/** Captures console.error calls made while `run` runs. */
async function captureConsoleErrors(run: () => Promise<void>): Promise<string[]> {
  const original = console.error;
  const messages: string[] = [];
  console.error = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return messages;
}

describe('<keen-lead-form> from the CDN file', () => {
  it('is registered by loading the file', () => {
    expect(customElements.get('keen-lead-form')).to.be.a('function');
  });

  it('renders a real form with a labelled input per default field and email required', async () => {
    const form = await mountForm();
    const labels = [...shadow(form).querySelectorAll('label')].map((label) => label.textContent?.replace('*', '').trim());
    expect(labels).to.deep.equal(['First name', 'Last name', 'Email', 'Phone', 'Company', 'Message']);
    expect(shadow(form).querySelector('form')).to.not.equal(null);
    const email = controlByLabel(form, 'Email') as HTMLInputElement;
    // type="text" with an email keyboard: type="email" would turn an IDN domain into punycode.
    expect([email.type, email.inputMode, email.autocomplete, email.required]).to.deep.equal(['text', 'email', 'email', true]);
    expect((controlByLabel(form, 'Phone') as HTMLInputElement).required).to.equal(false);
    expect(controlByLabel(form, 'Message').localName).to.equal('textarea');
  });

  it('accepts fields and required as space- or comma-separated names', async () => {
    const form = await mountForm({ fields: 'email, company_name phone', required: 'email,phone' });
    const labels = [...shadow(form).querySelectorAll('label')].map((label) => label.textContent?.replace('*', '').trim());
    expect(labels).to.deep.equal(['Email', 'Company', 'Phone']);
    expect((controlByLabel(form, 'Phone') as HTMLInputElement).required).to.equal(true);
  });

  it('sends what the visitor typed, byte-exact, and Keen stores it', async () => {
    const form = await mountForm();
    const events: string[] = [];
    for (const name of ['keen-submit', 'keen-success', 'keen-error'] as const) {
      document.addEventListener(name, () => events.push(name), { once: true });
    }
    const success = nextEvent(form, 'keen-success');

    await typeInto(form, 'First name', 'Zoë Ølgaard – 日本語 🚀');
    await typeInto(form, 'Last name', '  Hansen ');
    await typeInto(form, 'Email', 'zoe@example.com');
    await typeInto(form, 'Phone', '+45 12 34 56 78');
    await typeInto(form, 'Company', 'Ølgaard ApS');
    await typeInto(form, 'Message', 'Call me – gerne på dansk');
    submitButton(form).click();
    const event = await success;

    const leads = await emulator.leads();
    expect(leads).to.have.length(1);
    const [stored] = leads;
    expect(stored?.request.body).to.equal(
      JSON.stringify({
        action: 'lead_external',
        channel_id: PUBLIC_CHANNEL,
        first_name: 'Zoë Ølgaard – 日本語 🚀',
        last_name: 'Hansen',
        email: 'zoe@example.com',
        phone: '+45 12 34 56 78',
        company_name: 'Ølgaard ApS',
        notes: 'Call me – gerne på dansk',
        source: 'Website',
      }),
    );
    expect(stored?.request.headers['content-type']).to.equal('application/json');
    expect(stored?.request.headers).to.not.have.property('x-api-key');
    expect(stored?.request.headers).to.not.have.property('cookie');
    expect(stored?.lead.first_name).to.equal('Zoë Ølgaard – 日本語 🚀');
    expect(stored?.lead.status).to.equal('New');
    expect(event.detail.lead.id).to.equal(stored?.lead.id);
    expect(events).to.deep.equal(['keen-submit', 'keen-success']);
    await form.updateComplete;
    expect(shadow(form).querySelector('.success')?.textContent).to.contain('Thank you');
    expect(shadow(form).activeElement?.classList.contains('success')).to.equal(true);
  });

  it('submits with Enter from a field', async () => {
    const form = await mountForm({ fields: 'email' });
    const success = nextEvent(form, 'keen-success');
    await typeInto(form, 'Email', 'enter@example.com');
    await press('Enter');
    await success;
    expect((await emulator.leads()).map((stored) => stored.lead.email)).to.deep.equal(['enter@example.com']);
  });

  it('blocks an invalid email with a visible message, focuses it and stores nothing', async () => {
    const form = await mountForm();
    await typeInto(form, 'First name', 'Ada');
    await typeInto(form, 'Email', 'not-an-email');
    submitButton(form).click();
    await waitFor(() => errorOf(form, 'Email') !== '', 'the email error');

    expect(errorOf(form, 'Email')).to.equal('Enter an email address like name@example.com.');
    expect(controlByLabel(form, 'Email').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(form).activeElement).to.equal(controlByLabel(form, 'Email'));
    expect(alertText(form)).to.contain('problem with 1 field');
    expect(controlByLabel(form, 'First name').value).to.equal('Ada');
    expect(await emulator.requests()).to.deep.equal([]);
    expect(await emulator.leads()).to.deep.equal([]);
  });

  it('shows a missing required field on submit and clears the error once fixed', async () => {
    const form = await mountForm({ fields: 'first_name email' });
    submitButton(form).click();
    await waitFor(() => errorOf(form, 'Email') !== '', 'the required error');
    expect(errorOf(form, 'Email')).to.equal('Please fill in this field.');
    await typeInto(form, 'Email', 'a@example.com');
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('');
    expect(controlByLabel(form, 'Email').getAttribute('aria-invalid')).to.equal('false');
  });

  it('does not send when keen-submit is cancelled', async () => {
    const form = await mountForm({ fields: 'email' });
    form.addEventListener('keen-submit', (event) => event.preventDefault(), { once: true });
    const submitted = nextEvent(form, 'keen-submit');
    await typeInto(form, 'Email', 'cancel@example.com');
    submitButton(form).click();
    const event = await submitted;
    expect(event.detail.email).to.equal('cancel@example.com');
    await form.updateComplete;
    expect(await emulator.requests()).to.deep.equal([]);
  });

  it('marks the button busy while sending and sends once however often it is clicked', async () => {
    await emulator.fault({ delayMs: 400 });
    const form = await mountForm({ fields: 'email' });
    const success = nextEvent(form, 'keen-success');
    await typeInto(form, 'Email', 'once@example.com');
    submitButton(form).click();
    await form.updateComplete;
    expect(submitButton(form).getAttribute('aria-disabled')).to.equal('true');
    expect(submitButton(form).textContent?.trim()).to.equal('Sending…');
    submitButton(form).click();
    await press('Enter');
    await success;
    expect(await emulator.leads()).to.have.length(1);
  });

  const failures = [
    {
      name: '403 (public API off)',
      channel: PRIVATE_CHANNEL,
      fault: undefined,
      shown: 'not set up correctly',
      console: 'Public API not enabled for this channel',
    },
    { name: '404 (unknown channel)', channel: UNKNOWN_CHANNEL, fault: undefined, shown: 'not set up correctly', console: 'Channel not found' },
    {
      name: '400',
      channel: PUBLIC_CHANNEL,
      fault: { status: 400, body: '{"error":"email must be a string"}', headers: { 'Content-Type': 'application/json' } },
      shown: 'The form could not be sent: email must be a string',
      console: undefined,
    },
  ] as const;

  for (const failure of failures) {
    it(`shows a ${failure.name} to the visitor and keeps their input`, async () => {
      if (failure.fault !== undefined) await emulator.fault(failure.fault);
      const form = await mountForm({ fields: 'first_name email', channel: failure.channel });
      const errored = nextEvent(form, 'keen-error');
      await typeInto(form, 'First name', 'Grace');
      await typeInto(form, 'Email', 'grace@example.com');
      const consoleErrors = await captureConsoleErrors(async () => {
        submitButton(form).click();
        await errored;
        await form.updateComplete;
      });
      expect(alertText(form)).to.contain(failure.shown);
      expect(controlByLabel(form, 'First name').value).to.equal('Grace');
      expect(controlByLabel(form, 'Email').value).to.equal('grace@example.com');
      if (failure.console !== undefined) expect(consoleErrors.join('\n')).to.contain(failure.console);
      expect(await emulator.leads()).to.deep.equal([]);
    });
  }

  it('shows a clear message instead of a form when the channel is missing', async () => {
    const form = document.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    const consoleErrors = await captureConsoleErrors(async () => {
      document.body.append(form);
      await form.updateComplete;
    });
    expect(shadow(form).querySelector('form')).to.equal(null);
    expect(shadow(form).textContent).to.contain('This form is not set up correctly');
    expect(shadow(form).textContent).to.contain('channel is missing');
    expect(consoleErrors.join('\n')).to.contain('channel is missing');
  });

  it('in relay mode needs no channel and sends none (the relay adds it)', async () => {
    const form = document.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    form.setAttribute('endpoint', emulator.apiUrl);
    form.setAttribute('relay', '');
    form.setAttribute('fields', 'email');
    document.body.append(form);
    await form.updateComplete;
    expect(shadow(form).querySelector('.config-error')).to.equal(null);
    const submitted = nextEvent(form, 'keen-submit');
    const errored = nextEvent(form, 'keen-error');
    await typeInto(form, 'Email', 'relay@example.com');
    await press('Enter');
    expect((await submitted).detail).to.deep.equal({ action: 'lead_external', email: 'relay@example.com', source: 'Website' });
    // The emulator is Keen itself, not a relay, so it refuses the channel-less lead.
    expect((await errored).detail.message).to.equal('channel_id required');
  });

  it('sends another lead after "Send another"', async () => {
    const form = await mountForm({ fields: 'email' });
    let success = nextEvent(form, 'keen-success');
    await typeInto(form, 'Email', 'one@example.com');
    await press('Enter');
    await success;
    await form.updateComplete;
    shadow(form).querySelector<HTMLButtonElement>('[part="send-another"]')?.click();
    await form.updateComplete;
    expect(controlByLabel(form, 'Email').value).to.equal('');
    success = nextEvent(form, 'keen-success');
    await typeInto(form, 'Email', 'two@example.com');
    await press('Enter');
    await success;
    expect((await emulator.leads()).map((stored) => stored.lead.email)).to.deep.equal(['one@example.com', 'two@example.com']);
  });
});
