import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import type { FieldInput, FormConfig } from '../../src/schema/form-config.js';
import { expectNoViolations } from './a11y-checks.js';
import { PUBLIC_CHANNEL, controlByLabel, nextEvent, press, shadow, typeInto, typeText, useEmulatorPerFile, waitFor } from './helpers.js';

/*
 * Issue 15 in the browser: the new field types (radio and checkbox groups,
 * date, URL, static blocks), show-if rules and steps, against the emulator.
 * Values are read back as Keen stored them.
 */

const TEXT_PROPERTY = 'a1000000-0000-4000-8000-000000000001';
const NUMBER_PROPERTY = 'a1000000-0000-4000-8000-000000000002';
const SELECT_PROPERTY = 'a1000000-0000-4000-8000-000000000003';
const DETAILS_PROPERTY = 'a1000000-0000-4000-8000-000000000005';

const emulator = useEmulatorPerFile();

let formCount = 0;

/** Mounts a form configured through JSON or the `config` property. Each gets its own id, so history entries of one test never speak for the next. */
async function mount(config: FormConfig, route: 'json' | 'property' = 'property', id = `qualifying-${++formCount}`): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  form.id = id;
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  if (route === 'json') {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(config);
    form.append(script);
  } else {
    form.config = config;
  }
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function button(form: KeenLeadForm, part: string): HTMLButtonElement {
  const found = shadow(form).querySelector<HTMLButtonElement>(`button[part="${part}"]`);
  if (found === null) throw new Error(`no ${part} button`);
  return found;
}

async function sendAndWait(form: KeenLeadForm): Promise<void> {
  const done = Promise.race([nextEvent(form, 'keen-success'), nextEvent(form, 'keen-error')]);
  button(form, 'submit').click();
  await done;
  await form.updateComplete;
}

async function storedProperties(): Promise<unknown> {
  const [stored] = await emulator.leads();
  return stored?.lead['properties'];
}

/** The fieldset of a group, found by its legend's text. */
function group(form: KeenLeadForm, legendText: string): HTMLFieldSetElement {
  const legend = [...shadow(form).querySelectorAll('legend')].find((candidate) => candidate.textContent?.replace('*', '').trim() === legendText);
  if (legend?.parentElement === null || legend === undefined) throw new Error(`no group "${legendText}"`);
  return legend.parentElement as HTMLFieldSetElement;
}

/** The group's error text, found through its aria-describedby as assistive technology would. */
function groupError(form: KeenLeadForm, legendText: string): string {
  const ids = (group(form, legendText).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => shadow(form).getElementById(id)).filter((node) => node?.classList.contains('error')).map((node) => node?.textContent?.trim()).join(' ');
}

function focusedControl(form: KeenLeadForm): Element | null {
  return shadow(form).activeElement;
}

/**
 * Sets a date input's value as the native picker does, then fires its
 * events. Engines type into date inputs differently (segment order follows
 * the locale; WebKitGTK draws a text box), so the value is set, not typed.
 */
function pickDate(input: HTMLInputElement, day: string): void {
  input.focus();
  input.value = day;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function stepTitle(form: KeenLeadForm): HTMLElement | null {
  return shadow(form).querySelector<HTMLElement>('[part="step-title"]');
}

describe('new field types', () => {
  const industry: FieldInput = { property: SELECT_PROPERTY, type: 'radio', label: 'Industry', options: ['Software', 'Retail', 'Manufacturing'], required: true };

  for (const route of ['json', 'property'] as const) {
    it(`radio group (${route}): fieldset and legend, labelled radios, arrow keys, Keen stores the choice`, async () => {
      const form = await mount({ fields: ['email', industry] }, route);
      const fieldset = group(form, 'Industry');
      expect(fieldset.localName).to.equal('fieldset');
      const software = controlByLabel(form, 'Software') as HTMLInputElement;
      const retail = controlByLabel(form, 'Retail') as HTMLInputElement;
      expect([software.type, software.name === retail.name, fieldset.contains(software)]).to.deep.equal(['radio', true, true]);
      await typeInto(form, 'Email', 'radio@example.com');
      software.focus();
      await press('Space');
      await waitFor(() => software.checked, 'Space ticks the focused radio');
      await press('ArrowDown');
      await waitFor(() => retail.checked && focusedControl(form) === retail, 'ArrowDown moves to and chooses Retail');
      await sendAndWait(form);
      expect(await storedProperties()).to.deep.equal([{ property_definitions_id: SELECT_PROPERTY, value: 'Retail' }]);
    });
  }

  it('a required radio group with no choice: error on the group, aria-invalid, focus on its first radio', async () => {
    const form = await mount({ fields: ['email', industry] });
    await typeInto(form, 'Email', 'radio@example.com');
    button(form, 'submit').click();
    await waitFor(() => groupError(form, 'Industry') !== '', 'the group shows its error');
    expect(groupError(form, 'Industry')).to.equal('Please choose one of the options.');
    const software = controlByLabel(form, 'Software');
    expect(software.getAttribute('aria-invalid')).to.equal('true');
    await waitFor(() => focusedControl(form) === software, 'focus on the first radio of the invalid group');
    expect(await emulator.leads()).to.have.length(0);
  });

  for (const [format, expected] of [
    [undefined, 'Website, Integration'],
    ['json', '["Website","Integration"]'],
  ] as const) {
    it(`checkbox group sends its choices ${format === undefined ? 'as a comma list (default)' : 'as a JSON array'}, in the options' order`, async () => {
      const form = await mount({
        fields: [
          'email',
          { property: DETAILS_PROPERTY, type: 'checkboxes', label: 'Interested in', options: ['Website', 'App', 'Integration'], ...(format === undefined ? {} : { valueFormat: format }) },
        ],
      });
      expect(group(form, 'Interested in').querySelectorAll('input[type="checkbox"]')).to.have.length(3);
      await typeInto(form, 'Email', 'boxes@example.com');
      controlByLabel(form, 'Integration').focus();
      await press('Space');
      controlByLabel(form, 'App').focus();
      await press('Space');
      controlByLabel(form, 'Website').focus();
      await press('Space');
      await press('Tab'); // to App
      await press('Space'); // unticks App
      await waitFor(() => !(controlByLabel(form, 'App') as HTMLInputElement).checked, 'App unticked');
      await sendAndWait(form);
      expect(await storedProperties()).to.deep.equal([{ property_definitions_id: DETAILS_PROPERTY, value: expected }]);
    });
  }

  it('a required checkbox group asks for at least one choice', async () => {
    const form = await mount({
      fields: ['email', { property: DETAILS_PROPERTY, type: 'checkboxes', label: 'Interested in', options: ['Website', 'App'], required: true }],
    });
    await typeInto(form, 'Email', 'boxes@example.com');
    button(form, 'submit').click();
    await waitFor(() => groupError(form, 'Interested in') !== '', 'the group shows its error');
    expect(groupError(form, 'Interested in')).to.equal('Please choose at least one option.');
    await waitFor(() => focusedControl(form) === controlByLabel(form, 'Website'), 'focus on the first checkbox');
  });

  it('date: native picker with min/max, out of range refused with the day in words, Keen stores YYYY-MM-DD', async () => {
    const form = await mount({
      fields: ['email', { property: TEXT_PROPERTY, type: 'date', label: 'Start date', min: '2026-01-01', max: '2026-12-31', required: true }],
    });
    const date = controlByLabel(form, 'Start date') as HTMLInputElement;
    expect([date.type, date.min, date.max]).to.deep.equal(['date', '2026-01-01', '2026-12-31']);
    await typeInto(form, 'Email', 'date@example.com');
    pickDate(date, '2027-02-01');
    button(form, 'submit').click();
    await waitFor(() => date.getAttribute('aria-invalid') === 'true', 'the date is refused');
    const error = shadow(form).getElementById(`${date.id}-error`)?.textContent?.trim();
    expect(error).to.equal('Choose December 31, 2026 or earlier.');
    expect(await emulator.leads()).to.have.length(0);
    pickDate(date, '2026-03-15');
    await sendAndWait(form);
    expect(await storedProperties()).to.deep.equal([{ property_definitions_id: TEXT_PROPERTY, value: '2026-03-15' }]);
  });

  it('url: type url with autocomplete url, an address without http(s) refused, a web address stored', async () => {
    const form = await mount({ fields: ['email', { property: DETAILS_PROPERTY, type: 'url', label: 'Website' }] });
    const url = controlByLabel(form, 'Website') as HTMLInputElement;
    // The attribute: Firefox's autocomplete property reflects only the tokens it fills itself.
    expect([url.type, url.getAttribute('autocomplete')]).to.deep.equal(['url', 'url']);
    await typeInto(form, 'Email', 'url@example.com');
    await typeInto(form, 'Website', 'example');
    button(form, 'submit').click();
    await waitFor(() => url.getAttribute('aria-invalid') === 'true', 'the address is refused');
    expect(shadow(form).getElementById(`${url.id}-error`)?.textContent?.trim()).to.equal('Enter a web address like https://example.com.');
    url.select();
    await typeText('https://northwind.example/about');
    await sendAndWait(form);
    expect(await storedProperties()).to.deep.equal([{ property_definitions_id: DETAILS_PROPERTY, value: 'https://northwind.example/about' }]);
  });

  it('static heading and text blocks sit between the fields', async () => {
    const form = await mount({ fields: [{ block: 'heading', text: 'About you' }, 'email', { block: 'text', text: 'We answer within a day.' }, 'notes'] }, 'json');
    // The honeypot (inert, never seen) is not one of the fields a person reads.
    const order = [...shadow(form).querySelectorAll('.fields > :not([inert])')].map((node) => `${node.localName}:${node.getAttribute('part')}:${node.textContent?.replace('*', '').trim().slice(0, 12)}`);
    expect(order).to.deep.equal(['h4:block:About you', 'div:field:Email', 'p:block:We answer wi', 'div:field:Message']);
  });

  it('a radio group without options is a configuration error naming it', async () => {
    const form = await mount({ fields: ['email', { property: SELECT_PROPERTY, type: 'radio', label: 'Industry' }] });
    expect(shadow(form).querySelector('.config-error')?.textContent).to.contain(`property ${SELECT_PROPERTY} is a radio group but has no options`);
  });
});

describe('show-if rules', () => {
  const teamSize: FieldInput = { property: NUMBER_PROPERTY, type: 'number', label: 'Team size' };

  it('a field shown, filled, then hidden again is not sent (its value stays in the form)', async () => {
    const form = await mount({
      fields: ['email', teamSize, { property: TEXT_PROPERTY, type: 'text', label: 'Enterprise contact', showIf: { field: NUMBER_PROPERTY, greaterThan: 50 } }],
    });
    expect(() => controlByLabel(form, 'Enterprise contact')).to.throw();
    await typeInto(form, 'Email', 'rules@example.com');
    await typeInto(form, 'Team size', '120');
    await form.updateComplete;
    await typeInto(form, 'Enterprise contact', 'Anna');
    (controlByLabel(form, 'Team size') as HTMLInputElement).select();
    await typeText('5');
    await waitFor(() => shadow(form).querySelectorAll('label').length === 2, 'the enterprise field hides');
    await sendAndWait(form);
    expect(await storedProperties()).to.deep.equal([{ property_definitions_id: NUMBER_PROPERTY, value: '5' }]);
  });

  it('an invalid, required field hidden by its rule does not block sending', async () => {
    const form = await mount({
      fields: [
        'email',
        { property: SELECT_PROPERTY, type: 'radio', label: 'Industry', options: ['Software', 'Other'] },
        { property: TEXT_PROPERTY, type: 'text', label: 'Which industry?', required: true, minLength: 5, showIf: { field: SELECT_PROPERTY, equals: 'Other' } },
      ],
    });
    await typeInto(form, 'Email', 'hidden@example.com');
    controlByLabel(form, 'Other').focus();
    await press('Space');
    await form.updateComplete;
    await typeInto(form, 'Which industry?', 'Ab');
    controlByLabel(form, 'Other').focus();
    await press('ArrowUp'); // Software: the required, too-short field hides
    await waitFor(() => !shadow(form).textContent?.includes('Which industry?'), 'the field hides');
    await sendAndWait(form);
    expect(await storedProperties()).to.deep.equal([{ property_definitions_id: SELECT_PROPERTY, value: 'Software' }]);
  });

  it('all/any combinations decide together', async () => {
    const form = await mount({
      fields: [
        'email',
        { property: SELECT_PROPERTY, type: 'radio', label: 'Industry', options: ['Software', 'Retail', 'Other'] },
        teamSize,
        { block: 'text', text: 'A big software or retail team!', showIf: { all: [{ field: NUMBER_PROPERTY, greaterThan: 10 }, { any: [{ field: SELECT_PROPERTY, equals: 'Software' }, { field: SELECT_PROPERTY, oneOf: ['Retail'] }] }] } },
      ],
    });
    const shown = () => shadow(form).textContent?.includes('A big software or retail team!') ?? false;
    await typeInto(form, 'Team size', '20');
    await form.updateComplete;
    expect(shown(), 'no industry yet').to.equal(false);
    controlByLabel(form, 'Other').focus();
    await press('Space');
    await form.updateComplete;
    expect(shown(), 'Other').to.equal(false);
    await press('ArrowUp'); // Retail
    await waitFor(shown, 'Retail and 20 show the block');
    (controlByLabel(form, 'Team size') as HTMLInputElement).select();
    await typeText('3');
    await waitFor(() => !shown(), 'a team of 3 hides it');
  });

  it('focus stays in the field being typed in when a rule hides a field before it', async () => {
    const form = await mount({ fields: [{ name: 'phone', showIf: { field: 'email', filled: false } }, 'email', 'notes'] });
    const email = controlByLabel(form, 'Email');
    email.focus();
    await typeText('a');
    await waitFor(() => shadow(form).querySelectorAll('label').length === 2, 'phone hides');
    expect(focusedControl(form)).to.equal(email);
    await typeText('nna@example.com');
    expect((controlByLabel(form, 'Email') as HTMLInputElement).value).to.equal('anna@example.com');
  });

  for (const [what, rule, message] of [
    ['a missing field', { field: 'phone', filled: true }, 'fields[1].showIf.field: no field "phone" in this form'],
    ['itself', { field: 'notes', filled: true }, 'fields[1].showIf.field: a field cannot be shown depending on itself'],
    ['an unknown operator', { any: [{ field: 'email', contains: 'x' }] }, 'fields[1].showIf.any[0]: unknown operator "contains"'],
    ['greaterThan on a text field', { field: 'email', greaterThan: 3 }, 'fields[1].showIf.greaterThan: "email" is not a number field'],
  ] as const) {
    it(`a rule naming ${what} is a configuration error naming its path`, async () => {
      const form = await mount({ fields: ['email', { name: 'notes', showIf: rule as never }] }, 'json');
      expect(shadow(form).querySelector('form')).to.equal(null);
      expect(shadow(form).querySelector('.config-error')?.textContent).to.contain(message);
    });
  }
});

describe('steps', () => {
  const stepped: FormConfig = {
    fields: [
      { step: 'About you' },
      { name: 'first_name', required: true },
      { name: 'email', required: true },
      { step: 'Your company' },
      { name: 'company_name', required: true },
      { property: SELECT_PROPERTY, type: 'radio', label: 'Industry', options: ['Software', 'Retail'] },
      { step: 'Anything else?' },
      'notes',
    ],
  };

  async function fillFirstStep(form: KeenLeadForm): Promise<void> {
    await typeInto(form, 'First name', 'Anna');
    await typeInto(form, 'Email', 'anna@example.com');
  }

  it('shows one step with "Step 1 of 3" in its title; Next blocks on an invalid field and focuses it', async () => {
    const form = await mount(stepped);
    expect(stepTitle(form)?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Step 1 of 3 About you');
    expect(() => controlByLabel(form, 'Company')).to.throw();
    expect(button(form, 'next-button').textContent?.trim()).to.equal('Next');
    expect(shadow(form).querySelector('[part="back-button"]')).to.equal(null);
    await typeInto(form, 'First name', 'Anna');
    button(form, 'next-button').click();
    const email = controlByLabel(form, 'Email');
    await waitFor(() => focusedControl(form) === email, 'focus on the empty required email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(stepTitle(form)?.textContent).to.contain('Step 1 of 3');
  });

  it('Next moves on and focuses the step title (read as "Step 2 of 3 Your company"); Back keeps the values', async () => {
    const form = await mount(stepped);
    await fillFirstStep(form);
    button(form, 'next-button').click();
    await waitFor(() => focusedControl(form) === stepTitle(form) && (stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false), 'step 2 with focus on its title');
    expect(stepTitle(form)?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Step 2 of 3 Your company');
    await typeInto(form, 'Company', 'Northwind');
    button(form, 'back-button').click();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 1 of 3') ?? false, 'back on step 1');
    expect((controlByLabel(form, 'First name') as HTMLInputElement).value).to.equal('Anna');
    expect((controlByLabel(form, 'Email') as HTMLInputElement).value).to.equal('anna@example.com');
    button(form, 'next-button').click();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'step 2 again');
    expect((controlByLabel(form, 'Company') as HTMLInputElement).value).to.equal('Northwind');
  });

  it('Enter in a field moves to the next step, never sends early; the last step sends every step\'s values', async () => {
    const form = await mount(stepped);
    await fillFirstStep(form);
    await press('Enter');
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'Enter went to step 2');
    await typeInto(form, 'Company', 'Northwind');
    await press('Enter');
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 3 of 3') ?? false, 'Enter went to step 3');
    expect(await emulator.leads()).to.have.length(0);
    expect(button(form, 'submit').textContent?.trim()).to.equal('Send');
    await typeInto(form, 'Message', 'Hello');
    await sendAndWait(form);
    const [stored] = await emulator.leads();
    expect([stored?.lead['first_name'], stored?.lead['email'], stored?.lead['company_name'], stored?.lead['notes']]).to.deep.equal([
      'Anna',
      'anna@example.com',
      'Northwind',
      'Hello',
    ]);
  });

  it('a reload restores the step and the values (the draft keeps both)', async () => {
    const id = `reload-${++formCount}`;
    const form = await mount(stepped, 'property', id);
    await fillFirstStep(form);
    button(form, 'next-button').click();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'step 2');
    await typeInto(form, 'Company', 'Northwind');
    form.remove(); // as a reload does: the draft is written on the way out
    const again = await mount(stepped, 'property', id);
    expect(stepTitle(again)?.textContent).to.contain('Step 2 of 3');
    expect((controlByLabel(again, 'Company') as HTMLInputElement).value).to.equal('Northwind');
    button(again, 'back-button').click();
    await waitFor(() => stepTitle(again)?.textContent?.includes('Step 1 of 3') ?? false, 'step 1');
    expect((controlByLabel(again, 'Email') as HTMLInputElement).value).to.equal('anna@example.com');
  });

  it("the browser's back button returns to the previous step, keeping the page's own history state", async () => {
    history.replaceState({ page: 'own state' }, '');
    const form = await mount(stepped);
    await fillFirstStep(form);
    button(form, 'next-button').click();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'step 2');
    // A new entry (earlier tests may have left forward entries, so the length is no measure), the page's state kept in it.
    expect(history.state).to.deep.include({ page: 'own state', [`keen-lead-form-step:${form.id}`]: 1 });
    history.back();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 1 of 3') ?? false, 'the browser went back to step 1');
    expect(history.state).to.deep.equal({ page: 'own state' });
    expect((controlByLabel(form, 'First name') as HTMLInputElement).value).to.equal('Anna');
    history.forward();
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'forward to step 2');
  });

  it('a step whose fields are all hidden by rules is skipped and not counted', async () => {
    const form = await mount({
      fields: [
        { step: 'Start' },
        'email',
        { property: SELECT_PROPERTY, type: 'radio', label: 'Industry', options: ['Software', 'Other'] },
        { step: 'Tell us more' },
        { property: TEXT_PROPERTY, type: 'text', label: 'Which industry?', showIf: { field: SELECT_PROPERTY, equals: 'Other' } },
        { step: 'Done' },
        'notes',
      ],
    });
    expect(stepTitle(form)?.textContent).to.contain('Step 1 of 2');
    await typeInto(form, 'Email', 'skip@example.com');
    controlByLabel(form, 'Software').focus();
    await press('Space');
    await press('Enter');
    await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 2') ?? false, 'straight to the last step');
    expect(stepTitle(form)?.textContent).to.contain('Done');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no violations on any step (theme ${theme})`, async () => {
      const form = await mount(stepped);
      form.setAttribute('theme', theme);
      await form.updateComplete;
      await expectNoViolations(form, `step 1, ${theme}`);
      await typeInto(form, 'First name', 'Anna');
      button(form, 'next-button').click(); // with an error shown
      await waitFor(() => controlByLabel(form, 'Email').getAttribute('aria-invalid') === 'true', 'error shown');
      await expectNoViolations(form, `step 1 with an error, ${theme}`);
      await typeInto(form, 'Email', 'anna@example.com');
      button(form, 'next-button').click();
      await waitFor(() => stepTitle(form)?.textContent?.includes('Step 2 of 3') ?? false, 'step 2');
      await expectNoViolations(form, `step 2, ${theme}`);
      await typeInto(form, 'Company', 'Northwind');
      button(form, 'next-button').click();
      await waitFor(() => stepTitle(form)?.textContent?.includes('Step 3 of 3') ?? false, 'step 3');
      await expectNoViolations(form, `step 3, ${theme}`);
    });
  }
});
