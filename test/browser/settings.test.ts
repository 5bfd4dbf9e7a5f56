import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import type { FormConfig } from '../../src/schema/form-config.js';
import { PUBLIC_CHANNEL, shadow, typeInto, useEmulatorPerFile } from './helpers.js';

/*
 * Every setting enters through one checked path: a bad attribute or property
 * value shows the configuration box naming the setting, the value and what
 * is allowed, is logged once, and nothing is ever sent or thanked for.
 */

const emulator = useEmulatorPerFile();
const TEXT_PROPERTY = 'a1000000-0000-4000-8000-000000000001';

/** console.error calls while `run` runs (and the test's own problems are not printed). */
async function consoleErrorsDuring(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return errors;
}

async function mount(attributes: Record<string, string>, config?: FormConfig): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('endpoint', emulator.apiUrl);
  if (config?.fields === undefined) form.setAttribute('fields', 'email');
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  if (config !== undefined) form.config = config;
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function configBox(form: KeenLeadForm): string {
  return shadow(form).querySelector('.config-error')?.textContent?.replace(/\s+/g, ' ') ?? '';
}

/** Mounts the form, tries to send through every way there is, and returns what was logged. */
async function mountAndTryToSend(attributes: Record<string, string>, config?: FormConfig): Promise<{ form: KeenLeadForm; errors: string[] }> {
  let form: KeenLeadForm | undefined;
  const thanked: string[] = [];
  const errors = await consoleErrorsDuring(async () => {
    form = await mount(attributes, config);
    for (const name of ['keen-success', 'keen-delivered', 'keen-queued', 'keen-submit'] as const) form.addEventListener(name, () => thanked.push(name));
    await form.submit();
    form.requestUpdate();
    await form.updateComplete;
  });
  if (form === undefined) throw new Error('not mounted');
  expect(shadow(form).querySelector('form'), 'no form is shown').to.equal(null);
  expect(shadow(form).querySelector('[part="success"], [part="queued"]'), 'no thank-you, no queued panel').to.equal(null);
  expect(thanked, 'no send events').to.deep.equal([]);
  expect(await emulator.requests(), 'nothing reached Keen').to.deep.equal([]);
  expect(form.outbox, 'nothing queued').to.deep.equal([]);
  return { form, errors };
}

const TIMEOUT_RULE = 'expected a whole number of milliseconds from 1000 to 120000';

describe('every setting is checked', () => {
  for (const value of ['15s', 'abc', '0', '', '-1', '1e12', '999', '120001', '1.5']) {
    it(`refuses timeout="${value}" visibly, logs it once, and sends nothing`, async () => {
      const { form, errors } = await mountAndTryToSend({ timeout: value });
      expect(configBox(form), configBox(form)).to.contain(`timeout: ${TIMEOUT_RULE}, got ${/^\d+$/.test(value) ? value : JSON.stringify(value)}`);
      expect(errors.filter((text) => text.includes('timeout:'))).to.have.length(1);
    });
  }

  it('refuses a timeout property that is not a sane number, and accepts a good one', async () => {
    const form = await mount({});
    const errors = await consoleErrorsDuring(async () => {
      form.timeout = Number.NaN;
      await form.updateComplete;
    });
    expect(configBox(form)).to.contain(`timeout: ${TIMEOUT_RULE}`);
    expect(errors).to.have.length(1);
    form.timeout = 20000;
    await form.updateComplete;
    expect(shadow(form).querySelector('form')).to.not.equal(null);
  });

  it('accepts timeout="15000" and sends with it', async () => {
    const form = await mount({ timeout: '15000' });
    expect(form.timeout).to.equal(15000);
    await typeInto(form, 'Email', 'timeout@example.com');
    await form.submit();
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['timeout@example.com']);
  });

  const refused: ReadonlyArray<[string, Record<string, string>, FormConfig | undefined, string]> = [
    ['theme="Dark" (case matters)', { theme: 'Dark' }, undefined, 'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "Dark"'],
    ['theme="blue"', { theme: 'blue' }, undefined, 'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "blue"'],
    ['theme="dark rounded" (the preset comes first)', { theme: 'dark rounded' }, undefined, 'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "dark rounded"'],
    ['theme="Rounded" (case matters)', { theme: 'Rounded' }, undefined, 'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "Rounded"'],
    ['theme="rounded contrast" (one preset)', { theme: 'rounded contrast' }, undefined, 'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "rounded contrast"'],
    ['draft="maybe"', { draft: 'maybe' }, undefined, 'draft: expected one of "on", "off", got "maybe"'],
    ['endpoint="javascript:alert(1)"', { endpoint: 'javascript:alert(1)' }, undefined, 'endpoint: expected an http(s) URL, got "javascript:alert(1)"'],
    ['endpoint=""', { endpoint: '' }, undefined, 'endpoint: expected an http(s) URL, got ""'],
    ['a data: endpoint in the config', {}, { endpoint: 'data:text/html,hi' }, 'config.endpoint: expected an http(s) URL, got "data:text/html,hi"'],
    ['redirect="javascript:alert(1)"', { redirect: 'javascript:alert(1)' }, undefined, 'redirect: expected an http(s) URL, got "javascript:alert(1)"'],
    ['submission-id-property=""', { 'submission-id-property': ' ' }, undefined, 'submission-id-property: expected a property definition id'],
    [
      'a hidden field whose value breaks its own pattern',
      {},
      { fields: ['email', { name: 'business_id', hidden: true, value: '12', pattern: '\\d{8}' }] },
      'the hidden field business_id has the value "12", which breaks its own rule (pattern)',
    ],
    [
      'a hidden field whose value is too long',
      {},
      { fields: ['email', { name: 'source', hidden: true, value: 'Spring campaign', maxLength: 5 }] },
      'the hidden field source has the value "Spring campaign", which breaks its own rule (tooLong 5)',
    ],
    [
      'a property field without a label',
      {},
      { fields: ['email', { property: TEXT_PROPERTY, type: 'text' }] },
      `fields: property ${TEXT_PROPERTY} needs a "label"`,
    ],
    ['a nested quantifier (a+)+b', {}, { fields: ['email', { name: 'notes', pattern: '(a+)+b' }] }, 'config.fields[1].pattern: "(a+)+" repeats a group'],
    ['a nested quantifier (a*)*', {}, { fields: ['email', { name: 'notes', pattern: '(a*)*' }] }, 'config.fields[1].pattern: "(a*)*" repeats a group'],
    ['overlapping alternatives (a|aa)+', {}, { fields: ['email', { name: 'notes', pattern: 'x(a|aa)+y' }] }, 'config.fields[1].pattern: "(a|aa)+" repeats a group'],
  ];
  for (const [name, attributes, config, message] of refused) {
    it(`refuses ${name} visibly, logs it once, and sends nothing`, async () => {
      const { form, errors } = await mountAndTryToSend(attributes, config);
      expect(configBox(form)).to.contain(message);
      expect(errors.filter((text) => text.includes(message))).to.have.length(1);
    });
  }

  it('a hidden field whose value keeps its rules is sent; a property label is not needed while hidden', async () => {
    const form = await mount({}, {
      fields: ['email', { name: 'business_id', hidden: true, value: '12345678', pattern: '\\d{8}' }, { property: TEXT_PROPERTY, type: 'text', hidden: true, value: 'P-1' }],
    });
    await typeInto(form, 'Email', 'hidden-ok@example.com');
    await form.submit();
    const [stored] = await emulator.leads();
    expect(stored?.lead['business_id']).to.equal('12345678');
  });

  it('a pattern that freezes no browser is accepted: the refusal is not a blanket one', async () => {
    const form = await mount({}, { fields: ['email', { name: 'business_id', pattern: '\\d{8}|[A-Z]{2}(-|\\.)?\\d+' }] });
    expect(configBox(form)).to.equal('');
    expect(shadow(form).querySelector('form')).to.not.equal(null);
  });

  it('shows the form once a bad value is fixed, and logs a new problem once more', async () => {
    let form: KeenLeadForm | undefined;
    const errors = await consoleErrorsDuring(async () => {
      form = await mount({ timeout: '15s' });
      form.setAttribute('timeout', '15000');
      await form.updateComplete;
      expect(shadow(form).querySelector('form')).to.not.equal(null);
      form.setAttribute('theme', 'Dark');
      await form.updateComplete;
      form.setAttribute('source', 'still Dark'); // a re-resolution with the same problem: not logged again
      await form.updateComplete;
    });
    expect(errors.map((text) => text.split('\n')[1])).to.deep.equal([
      `timeout: ${TIMEOUT_RULE}, got "15s"`,
      'theme: expected a colour scheme ("auto", "light", "dark", "inherit"), a preset ("minimal", "rounded", "contrast") or a preset and a scheme ("rounded dark"), got "Dark"',
    ]);
    expect(form?.getAttribute('theme')).to.equal('Dark');
  });
});
