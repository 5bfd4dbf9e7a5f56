import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import type { FormConfig } from '../../src/schema/form-config.js';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { PUBLIC_CHANNEL, controlByLabel, errorOf, nextEvent, press, shadow, typeInto, typeText, waitFor, useEmulatorPerFile } from './helpers.js';

const TEXT_PROPERTY = 'a1000000-0000-4000-8000-000000000001';
const NUMBER_PROPERTY = 'a1000000-0000-4000-8000-000000000002';
const SELECT_PROPERTY = 'a1000000-0000-4000-8000-000000000003';
const CHECKBOX_PROPERTY = 'a1000000-0000-4000-8000-000000000004';
const TEXTAREA_PROPERTY = 'a1000000-0000-4000-8000-000000000005';
const OTHER_CHANNELS_PROPERTY = 'a2000000-0000-4000-8000-000000000001';

const emulator = useEmulatorPerFile();

/** Mounts a form configured one of the three ways a site owner can. */
async function mount(route: 'attributes' | 'json' | 'property', config: FormConfig & { required?: string }): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  const { required, ...rest } = config;
  if (route === 'attributes') {
    form.setAttribute('fields', (rest.fields ?? []).map(String).join(' '));
    if (required !== undefined) form.setAttribute('required', required);
  } else if (route === 'json') {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(rest);
    form.append(script);
    if (required !== undefined) form.setAttribute('required', required);
  } else {
    form.config = rest;
    if (required !== undefined) form.required = required.split(' ');
  }
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  const button = shadow(form).querySelector<HTMLButtonElement>('button[part="submit"]');
  if (button === null) throw new Error('no submit button');
  return button;
}

async function sendAndWait(form: KeenLeadForm): Promise<void> {
  const done = Promise.race([nextEvent(form, 'keen-success'), nextEvent(form, 'keen-error')]);
  submitButton(form).click();
  await done;
  await form.updateComplete;
}

const fullConfig: FormConfig = {
  fields: [
    'first_name',
    'last_name',
    'email',
    'phone',
    'company_name',
    'business_id',
    'employee',
    'notes',
    { property: TEXT_PROPERTY, type: 'text', label: 'Referral code' },
    { property: NUMBER_PROPERTY, type: 'number', label: 'Team size', min: 1, max: 100000 },
    { property: SELECT_PROPERTY, type: 'select', label: 'Industry', options: ['Software', 'Retail', { value: 'Other', label: 'Something else' }] },
    { property: CHECKBOX_PROPERTY, type: 'checkbox', label: 'Send me the newsletter' },
    { property: TEXTAREA_PROPERTY, type: 'textarea', label: 'Project details' },
  ],
};

describe('field configuration', () => {
  it('renders each field type with the right control, label, autocomplete and required', async () => {
    const form = await mount('property', { ...fullConfig, required: 'email phone' });
    const expected: Array<[string, string, string, string | null, boolean]> = [
      // label, element, type, autocomplete, required
      ['First name', 'input', 'text', 'given-name', false],
      ['Last name', 'input', 'text', 'family-name', false],
      ['Email', 'input', 'text', 'email', true],
      ['Phone', 'input', 'tel', 'tel', true],
      ['Company', 'input', 'text', 'organization', false],
      ['Company registration number', 'input', 'text', 'off', false],
      ['Contact person', 'input', 'text', 'off', false],
      ['Message', 'textarea', 'textarea', 'off', false],
      ['Referral code', 'input', 'text', 'off', false],
      ['Team size', 'input', 'text', 'off', false],
      ['Industry', 'select', 'select-one', 'off', false],
      ['Send me the newsletter', 'input', 'checkbox', null, false],
      ['Project details', 'textarea', 'textarea', 'off', false],
    ];
    const actual = expected.map(([label]) => {
      const control = controlByLabel(form, label);
      return [label, control.localName, control.type, control.getAttribute('autocomplete'), control.required];
    });
    expect(actual).to.deep.equal(expected);
    expect(controlByLabel(form, 'Email').getAttribute('inputmode')).to.equal('email');
    expect(controlByLabel(form, 'Phone').getAttribute('inputmode')).to.equal('tel');
    expect(controlByLabel(form, 'Team size').getAttribute('inputmode')).to.equal('decimal');
    const options = [...(controlByLabel(form, 'Industry') as HTMLSelectElement).options].map((o) => [o.value, o.text]);
    expect(options).to.deep.equal([['', 'Choose…'], ['Software', 'Software'], ['Retail', 'Retail'], ['Other', 'Something else']]);
  });

  for (const route of ['attributes', 'json', 'property'] as const) {
    it(`sends the same payload when configured through ${route}`, async () => {
      const form = await mount(route, { fields: ['first_name', 'email', 'company_name'], required: 'email company_name' });
      expect((controlByLabel(form, 'Company') as HTMLInputElement).required).to.equal(true);
      await typeInto(form, 'First name', 'Route');
      await typeInto(form, 'Email', 'route@example.com');
      await typeInto(form, 'Company', 'Routes Ltd');
      await sendAndWait(form);
      const [stored] = await emulator.leads();
      expect(stored?.request.body).to.equal(
        JSON.stringify({
          action: 'lead_external',
          channel_id: PUBLIC_CHANNEL,
          first_name: 'Route',
          email: 'route@example.com',
          company_name: 'Routes Ltd',
          source: 'Website',
        }),
      );
    });
  }

  for (const route of ['json', 'property'] as const) {
    it(`round-trips custom properties configured through ${route}`, async () => {
      const form = await mount(route, fullConfig);
      await typeInto(form, 'Email', 'props@example.com');
      await typeInto(form, 'Referral code', 'SPRING-24');
      await typeInto(form, 'Team size', '42');
      const industry = controlByLabel(form, 'Industry') as HTMLSelectElement;
      industry.focus();
      await press('ArrowDown'); // Software
      await press('ArrowDown'); // Retail
      controlByLabel(form, 'Send me the newsletter').focus();
      await press('Space');
      await typeInto(form, 'Project details', 'Line one');
      await sendAndWait(form);
      const [stored] = await emulator.leads();
      expect(stored?.lead['properties']).to.deep.equal([
        { property_definitions_id: TEXT_PROPERTY, value: 'SPRING-24' },
        { property_definitions_id: NUMBER_PROPERTY, value: '42' },
        { property_definitions_id: SELECT_PROPERTY, value: 'Retail' },
        { property_definitions_id: CHECKBOX_PROPERTY, value: 'true' },
        { property_definitions_id: TEXTAREA_PROPERTY, value: 'Line one' },
      ]);
      expect(JSON.parse(stored?.request.body ?? '{}').properties).to.deep.equal([
        { property_definitions_id: TEXT_PROPERTY, value: 'SPRING-24' },
        { property_definitions_id: NUMBER_PROPERTY, value: 42 },
        { property_definitions_id: SELECT_PROPERTY, value: 'Retail' },
        { property_definitions_id: CHECKBOX_PROPERTY, value: true },
        { property_definitions_id: TEXTAREA_PROPERTY, value: 'Line one' },
      ]);
    });
  }

  it('reads a decimal comma in a number field', async () => {
    const form = await mount('property', { fields: ['email', { property: NUMBER_PROPERTY, type: 'number', label: 'Team size' }] });
    await typeInto(form, 'Email', 'comma@example.com');
    await typeInto(form, 'Team size', '2,5');
    await sendAndWait(form);
    expect((await emulator.leads())[0]?.lead['properties']).to.deep.equal([{ property_definitions_id: NUMBER_PROPERTY, value: '2.5' }]);
  });

  it("shows Keen's 400 for a property the channel doesn't have and keeps the input", async () => {
    const form = await mount('property', {
      fields: ['email', { property: OTHER_CHANNELS_PROPERTY, type: 'text', label: 'Internal note' }],
    });
    await typeInto(form, 'Email', 'wrong-prop@example.com');
    await typeInto(form, 'Internal note', 'keep me');
    await sendAndWait(form);
    const alert = shadow(form).querySelector('[part="alert"]')?.textContent ?? '';
    expect(alert).to.contain(`Property definition ${OTHER_CHANNELS_PROPERTY} not found on this channel`);
    expect(controlByLabel(form, 'Email').value).to.equal('wrong-prop@example.com');
    expect(controlByLabel(form, 'Internal note').value).to.equal('keep me');
    expect(await emulator.leads()).to.deep.equal([]);
  });

  it('sends hidden fields and default values, and shows neither hidden field nor its label', async () => {
    const form = await mount('property', {
      fields: [
        'email',
        { name: 'source', hidden: true, value: 'Spring campaign' },
        { property: TEXT_PROPERTY, type: 'text', hidden: true, value: 'PARTNER-7' },
        { name: 'company_name', value: 'Prefilled Inc' },
      ],
    });
    expect([...shadow(form).querySelectorAll('label')].map((l) => l.textContent?.replace('*', '').trim())).to.deep.equal(['Email', 'Company']);
    expect(controlByLabel(form, 'Company').value).to.equal('Prefilled Inc');
    await typeInto(form, 'Email', 'hidden@example.com');
    await sendAndWait(form);
    const body = JSON.parse((await emulator.leads())[0]?.request.body ?? '{}');
    expect(body).to.deep.equal({
      action: 'lead_external',
      channel_id: PUBLIC_CHANNEL,
      email: 'hidden@example.com',
      company_name: 'Prefilled Inc',
      source: 'Spring campaign',
      properties: [{ property_definitions_id: TEXT_PROPERTY, value: 'PARTNER-7' }],
    });
  });

  it('applies label, placeholder, help, lengths, range and pattern with its own message', async () => {
    const form = await mount('property', {
      fields: [
        { name: 'business_id', label: 'CVR number', placeholder: '12345678', help: 'Eight digits.', pattern: '\\d{8}', patternMessage: 'A CVR number has 8 digits.' },
        { name: 'first_name', minLength: 2 },
        { property: NUMBER_PROPERTY, type: 'number', label: 'Team size', min: 1, max: 500 },
      ],
    });
    const cvr = controlByLabel(form, 'CVR number');
    expect(cvr.getAttribute('placeholder')).to.equal('12345678');
    const helpId = cvr.getAttribute('aria-describedby');
    expect(helpId && shadow(form).getElementById(helpId)?.textContent).to.equal('Eight digits.');
    await typeInto(form, 'CVR number', '1234');
    await typeInto(form, 'First name', 'A');
    await typeInto(form, 'Team size', '501');
    await press('Tab');
    await form.updateComplete;
    expect(errorOf(form, 'CVR number')).to.equal('A CVR number has 8 digits.');
    expect(errorOf(form, 'First name')).to.equal('Use at least 2 characters.');
    expect(errorOf(form, 'Team size')).to.equal('Enter 500 or less.');
    expect(cvr.getAttribute('aria-describedby')?.split(' ')).to.have.length(2);
  });

  it('shows a bad JSON config visibly, logs its path, and posts nothing', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const form = await mount('json', {
        fields: ['email', { property: NUMBER_PROPERTY, type: 'numbr' } as unknown as { property: string; type: 'number' }],
      });
      const box = shadow(form).querySelector('.config-error');
      expect(box?.textContent).to.contain('JSON config.fields[1].type: expected one of');
      expect(shadow(form).querySelector('form')).to.equal(null);
      expect(errors.join('\n')).to.contain('JSON config.fields[1].type');
      await form.submit();
    } finally {
      console.error = original;
    }
    expect(await emulator.requests()).to.deep.equal([]);
  });

  const badConfigs: ReadonlyArray<[string, () => Promise<KeenLeadForm>, string]> = [
    ['an unknown field name in the attribute', () => mount('attributes', { fields: ['email', 'fax' as 'email'] }), 'fields[1]: unknown field "fax"'],
    ['JSON that does not parse', async () => {
      const form = document.createElement('keen-lead-form');
      // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
      form.setAttribute('min-time', '0');
      form.setAttribute('channel', PUBLIC_CHANNEL);
      form.innerHTML = '<script type="application/json">{ "fields": [ "email", ] }</script>';
      document.body.append(form);
      await form.updateComplete;
      return form;
    }, 'not valid JSON'],
    ['a select without options', () => mount('property', { fields: [{ property: SELECT_PROPERTY, type: 'select' }] }), 'is a select but has no options'],
    ['a required name that is not a field', () => mount('attributes', { fields: ['email'], required: 'phone' }), 'required: "phone" is not one of the fields'],
    ['an unknown key', () => mount('property', { fields: [{ name: 'email', lable: 'x' } as unknown as 'email'] }), 'unknown key "lable"'],
    ['a javascript: redirect', () => mount('property', { fields: ['email'], redirect: 'javascript:alert(1)' }), 'config.redirect: expected an http(s) URL, got "javascript:alert(1)"'],
    ['a length that is not a whole number', () => mount('property', { fields: [{ name: 'email', maxLength: 2.5 }] }), 'config.fields[0].maxLength: expected a whole number'],
    ['a message that is not text', () => mount('property', { fields: ['email'], messages: { submit: 3 } as never }), 'config.messages: expected an object whose values are strings'],
  ];
  for (const [name, create, message] of badConfigs) {
    it(`explains ${name}`, async () => {
      const original = console.error;
      console.error = () => {};
      try {
        const form = await create();
        expect(shadow(form).querySelector('.config-error')?.textContent).to.contain(message);
      } finally {
        console.error = original;
      }
    });
  }

  it('picks up a JSON config added after the element upgraded', async () => {
    const form = await mount('property', {});
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ fields: ['company_name', 'email'] });
    form.append(script);
    await waitFor(() => shadow(form).querySelectorAll('label').length === 2, 'the JSON fields to render');
    expect(controlByLabel(form, 'Company')).to.not.equal(null);
  });
});

describe('visitor experience', () => {
  it('shows errors on blur after typing, not on every keystroke, and clears them when fixed', async () => {
    const form = await mount('attributes', { fields: ['email', 'phone'], required: 'email' });
    controlByLabel(form, 'Email').focus();
    await press('Tab'); // through an empty field: not a mistake yet
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('');
    await typeInto(form, 'Email', 'half@');
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('');
    await press('Tab');
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('Enter an email address like name@example.com.');
    await typeInto(form, 'Email', 'example.com');
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('');
  });

  it('a mouse click on Send right after typing a bad value still submits (no layout jump under the pointer)', async () => {
    const form = await mount('attributes', { fields: ['first_name', 'email', 'company_name'], required: 'first_name email' });
    const invalid = nextEvent(form, 'keen-invalid');
    await typeInto(form, 'Email', 'not-an-email');
    const box = submitButton(form).getBoundingClientRect();
    // Near the top edge: an error line appearing above would push the button out from under the pointer.
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + 4)] });
    const event = await invalid;
    expect(event.detail.errors.map((error) => error.field)).to.deep.equal(['first_name', 'email']);
    await resetMouse();
  });

  it('works by keyboard alone: Tab order, typing, Enter submits, focus on the first invalid field', async () => {
    const form = await mount('attributes', { fields: ['first_name', 'email', 'notes'], required: 'first_name email' });
    const invalid = nextEvent(form, 'keen-invalid');
    const order: string[] = [];
    controlByLabel(form, 'First name').focus();
    for (let i = 0; i < 3; i++) {
      order.push(shadow(form).activeElement?.getAttribute('name') ?? shadow(form).activeElement?.localName ?? '');
      await press('Tab');
    }
    order.push(shadow(form).activeElement?.getAttribute('part') ?? '');
    expect(order).to.deep.equal(['first_name', 'email', 'notes', 'submit']);
    await press('Enter'); // on the button: both fields empty
    const event = await invalid;
    expect(event.detail.errors.map((error) => [error.field, error.code])).to.deep.equal([
      ['first_name', 'required'],
      ['email', 'required'],
    ]);
    await form.updateComplete;
    expect(shadow(form).activeElement).to.equal(controlByLabel(form, 'First name'));
    expect(shadow(form).querySelector('[role="alert"]')?.textContent).to.contain('problems with 2 fields');
    await typeText('Ada');
    await press('Tab');
    await typeText('ada@example.com');
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    expect((await emulator.leads()).map((stored) => stored.lead['first_name'])).to.deep.equal(['Ada']);
  });

  it('stores exactly one lead on a double click and on a double Enter', async () => {
    await emulator.fault({ delayMs: 300, count: 2 });
    for (const trigger of ['click', 'enter'] as const) {
      const form = await mount('attributes', { fields: ['email'] });
      await typeInto(form, 'Email', `${trigger}@example.com`);
      const success = nextEvent(form, 'keen-success');
      if (trigger === 'click') {
        submitButton(form).focus();
        submitButton(form).click();
        submitButton(form).click();
      } else {
        await press('Enter');
        await press('Enter');
      }
      await success;
      form.remove();
    }
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['click@example.com', 'enter@example.com']);
  });

  it('shows the success-message attribute, then "Send another" brings a fresh form', async () => {
    const form = await mount('attributes', { fields: ['email'] });
    form.setAttribute('success-message', 'Thanks, we will call you within a day.');
    await typeInto(form, 'Email', 'thanks@example.com');
    await sendAndWait(form);
    expect(shadow(form).querySelector('[part="success"]')?.textContent).to.contain('Thanks, we will call you within a day.');
    shadow(form).querySelector<HTMLButtonElement>('[part="send-another"]')?.click();
    await form.updateComplete;
    await waitFor(() => shadow(form).activeElement === controlByLabel(form, 'Email'), 'focus on the first field');
    expect(controlByLabel(form, 'Email').value).to.equal('');
  });

  it('shows slotted header, footer and success content', async () => {
    const form = document.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    form.setAttribute('endpoint', emulator.apiUrl);
    form.setAttribute('channel', PUBLIC_CHANNEL);
    form.setAttribute('fields', 'email');
    form.innerHTML = '<h3 slot="header">Talk to sales</h3><small slot="footer">We never share your data.</small><p slot="success">Slotted thanks!</p>';
    document.body.append(form);
    await form.updateComplete;
    const assigned = (name: string) =>
      shadow(form).querySelector<HTMLSlotElement>(`slot[name="${name}"]`)?.assignedElements().map((el) => el.textContent);
    expect(assigned('header')).to.deep.equal(['Talk to sales']);
    expect(assigned('footer')).to.deep.equal(['We never share your data.']);
    await typeInto(form, 'Email', 'slot@example.com');
    await sendAndWait(form);
    expect(assigned('success')).to.deep.equal(['Slotted thanks!']);
  });

  it('redirects after success when asked to', async () => {
    const form = await mount('attributes', { fields: ['email'] });
    form.setAttribute('redirect', '#thank-you');
    await typeInto(form, 'Email', 'redirect@example.com');
    await sendAndWait(form);
    await waitFor(() => location.hash === '#thank-you', 'the redirect');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('offers validate(), submit() and reset() to scripts', async () => {
    const form = await mount('attributes', { fields: ['email'] });
    expect(form.validate()).to.equal(false);
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('Please fill in this field.');
    form.reset();
    await form.updateComplete;
    expect(errorOf(form, 'Email')).to.equal('');
    await typeInto(form, 'Email', 'script@example.com');
    expect(form.validate()).to.equal(true);
    const success = nextEvent(form, 'keen-success');
    await form.submit();
    await success;
    expect(await emulator.leads()).to.have.length(1);
  });
});
