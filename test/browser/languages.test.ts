import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { CATALOGUES } from '../../src/i18n/catalogues.js';
import { PUBLIC_CHANNEL, controlByLabel, errorOf, nextEvent, shadow, typeInto, useEmulatorPerFile } from './helpers.js';

const emulator = useEmulatorPerFile();

afterEach(() => {
  document.documentElement.lang = 'en';
});

async function mount(attributes: Record<string, string>, parent: HTMLElement = document.body): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('endpoint', emulator.apiUrl);
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  parent.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  return shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;
}

describe('languages', () => {
  for (const [code, catalogue] of Object.entries(CATALOGUES)) {
    it(`speaks ${code}: labels, a missing field's message and the summary`, async () => {
      const form = await mount({ lang: code, fields: 'first_name email' });
      expect(shadow(form).querySelector('form')?.getAttribute('lang')).to.equal(code);
      expect(submitButton(form).textContent?.trim()).to.equal(catalogue.submit);
      const invalid = nextEvent(form, 'keen-invalid');
      submitButton(form).click();
      const event = await invalid;
      expect(event.detail.errors[0]?.message).to.equal(catalogue.required);
      await form.updateComplete;
      expect(errorOf(form, catalogue.email)).to.equal(catalogue.required);
      expect(shadow(form).querySelector('[role="alert"]')?.textContent?.trim()).to.equal(catalogue.errorSummary(1));
    });
  }

  it("takes the nearest ancestor's lang, else the document's, else English", async () => {
    const section = document.createElement('section');
    section.lang = 'de-AT';
    document.body.append(section);
    const inSection = await mount({ fields: 'email' }, section);
    expect(controlByLabel(inSection, 'E-Mail')).to.not.equal(null);

    document.documentElement.lang = 'sv-SE';
    const onPage = await mount({ fields: 'email' });
    expect(submitButton(onPage).textContent?.trim()).to.equal(CATALOGUES['sv']?.submit);

    document.documentElement.lang = 'pt-BR';
    const unknown = await mount({ fields: 'email' });
    expect(submitButton(unknown).textContent?.trim()).to.equal('Send');
    expect(shadow(unknown).querySelector('form')?.getAttribute('lang')).to.equal('en');
  });

  it("follows a change of the element's lang attribute", async () => {
    const form = await mount({ lang: 'da', fields: 'email' });
    expect(submitButton(form).textContent?.trim()).to.equal('Indsend');
    form.setAttribute('lang', 'fr');
    await form.updateComplete;
    expect(submitButton(form).textContent?.trim()).to.equal(CATALOGUES['fr']?.submit);
  });

  it('lets the site owner override any message from JSON, with {limit} placeholders', async () => {
    const form = document.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    form.setAttribute('channel', PUBLIC_CHANNEL);
    form.setAttribute('lang', 'da');
    form.innerHTML = `<script type="application/json">${JSON.stringify({
      fields: [{ name: 'first_name', maxLength: 3 }, 'email'],
      messages: { submit: 'Kontakt mig', tooLong: 'Højst {limit} bogstaver, tak' },
    })}</script>`;
    document.body.append(form);
    await form.updateComplete;
    expect(submitButton(form).textContent?.trim()).to.equal('Kontakt mig');
    controlByLabel(form, 'Fornavn').removeAttribute('maxlength'); // so the browser lets us type past it
    await typeInto(form, 'Fornavn', 'Anders');
    form.validate();
    await form.updateComplete;
    expect(errorOf(form, 'Fornavn')).to.equal('Højst 3 bogstaver, tak');
  });

  it('lets a script override messages with the messages property', async () => {
    const form = await mount({ fields: 'email' });
    form.messages = { submit: 'Request a demo' };
    await form.updateComplete;
    expect(submitButton(form).textContent?.trim()).to.equal('Request a demo');
  });

  it('reports an unknown message key as a configuration problem', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const form = await mount({ fields: 'email' });
      form.messages = { sumbit: 'typo' } as never;
      await form.updateComplete;
      expect(shadow(form).querySelector('.config-error')?.textContent).to.contain('messages.sumbit: unknown message key');
    } finally {
      console.error = original;
    }
  });

  it('accepts a decimal comma in a number field and sends the number', async () => {
    const form = await mount({ lang: 'de' });
    form.config = { fields: ['email', { property: 'a1000000-0000-4000-8000-000000000002', type: 'number', label: 'Teamgröße' }] };
    await form.updateComplete;
    await typeInto(form, 'E-Mail', 'komma@example.com');
    await typeInto(form, 'Teamgröße', '12,5');
    const success = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await success;
    expect((await emulator.leads())[0]?.lead['properties']).to.deep.equal([
      { property_definitions_id: 'a1000000-0000-4000-8000-000000000002', value: '12.5' },
    ]);
  });
});
