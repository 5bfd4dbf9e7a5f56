// `fields-from="relay"` with the built CDN file: the form takes the channel's
// fields from the relay's ?action=fields (relay in Node and in workerd, in
// front of the emulator) and stores a lead with their values; a tab's copy
// renders at once; when the relay cannot answer, the page's own fields show
// and send, with one warning for the site owner; typed values and focus
// survive the swap. Also: the relay's (= the CLI's) JSON pasted into a page.
import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { controlByLabel, nextEvent, press, shadow, typeInto, typeText, useEmulatorPerFile, waitFor } from './helpers.js';

const emulator = useEmulatorPerFile();
const TEAM_SIZE = 'a1000000-0000-4000-8000-000000000002';
const REFERRAL_CODE = 'a1000000-0000-4000-8000-000000000001';
/** The public channel's visible property definitions (emulator/fixture.json), in Keen's order. */
const CHANNEL_LABELS = ['Referral code', 'Team size', 'Industry', 'Newsletter opt-in', 'Project details', 'Submission id', 'Preferred start', 'Website'];

interface StartedRelay {
  readonly url: string;
  readonly channelId: string;
}

async function startRelay(runtime: 'node' | 'workerd', options: { channelFields: boolean; instance?: string }): Promise<StartedRelay> {
  const payload = { runtime, emulatorUrl: emulator.url, origin: location.origin, ...options };
  // A server command answers within 20 s or the runner gives up on it, while workerd on a loaded
  // machine can take longer to start. The plugin keeps the relay it is starting, so asking again
  // waits for that same relay.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const started = await executeServerCommand<StartedRelay, object>('relay-start', payload);
      if (started === undefined) throw new Error('the relay plugin did not start a relay');
      return started;
    } catch (error) {
      if (attempt >= 4 || !/Did not receive a server response/.test(String(error))) throw error;
    }
  }
}

function labels(form: KeenLeadForm): string[] {
  return [...shadow(form).querySelectorAll('label')].map((label) => label.textContent?.replace('*', '').trim() ?? '');
}

function relayForm(endpoint: string | undefined, json?: unknown): KeenLeadForm {
  const form = document.createElement('keen-lead-form') as KeenLeadForm;
  form.setAttribute('relay', '');
  form.setAttribute('fields-from', 'relay');
  if (endpoint !== undefined) form.setAttribute('endpoint', endpoint);
  if (json !== undefined) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(json);
    form.append(script);
  }
  document.body.append(form);
  return form;
}

/** Records console.warn calls during a test. */
function watchWarnings(): { readonly calls: string[]; restore(): void } {
  const original = console.warn;
  const calls: string[] = [];
  console.warn = (...args: unknown[]) => void calls.push(args.map(String).join(' '));
  return { calls, restore: () => (console.warn = original) };
}

beforeEach(() => sessionStorage.clear());

for (const runtime of ['node', 'workerd'] as const) {
  describe(`fields-from="relay" through the ${runtime} relay`, () => {
    let relay: StartedRelay;
    before(async function () {
      this.timeout(90_000); // starting workerd takes seconds on a loaded machine
      relay = await startRelay(runtime, { channelFields: true });
    });

    it("renders the channel's fields in Keen's order and stores a lead with their values", async () => {
      const form = relayForm(relay.url);
      await waitFor(() => labels(form).includes('Industry'), "the channel's fields");
      expect(labels(form)).to.deep.equal(['First name', 'Last name', 'Email', 'Phone', 'Company', ...CHANNEL_LABELS, 'Message']);
      const industry = controlByLabel(form, 'Industry') as HTMLSelectElement;
      expect([...industry.options].map((option) => option.value)).to.deep.equal(['', 'Software', 'Retail', 'Manufacturing', 'Other']);

      await typeInto(form, 'Email', `${runtime}-fields@example.com`);
      await typeInto(form, 'Team size', '12');
      await typeInto(form, 'Referral code', 'PARTNER-7');
      const success = nextEvent(form, 'keen-success');
      controlByLabel(form, 'Email').focus();
      await press('Enter');
      await success;
      const [stored] = await emulator.leads();
      expect(stored?.lead['email']).to.equal(`${runtime}-fields@example.com`);
      expect(stored?.lead['channels_id']).to.equal(relay.channelId);
      expect(stored?.lead['properties']).to.deep.include.members([
        { property_definitions_id: TEAM_SIZE, value: '12' },
        { property_definitions_id: REFERRAL_CODE, value: 'PARTNER-7' },
      ]);
    });
  });
}

describe('fields-from="relay": cache, fallback, swap', () => {
  it("renders this tab's copy of the relay's fields in the very first render", async () => {
    const relay = await startRelay('node', { channelFields: true });
    const first = relayForm(relay.url);
    await waitFor(() => labels(first).includes('Industry'), "the channel's fields");
    first.remove();

    const second = relayForm(relay.url);
    await second.updateComplete; // the first render: no request could have been answered yet
    expect(labels(second)).to.include.members(CHANNEL_LABELS);
  });

  it("shows and sends the page's own fields when the relay does not serve fields, with one warning", async () => {
    const relay = await startRelay('node', { channelFields: false });
    const warnings = watchWarnings();
    try {
      const form = relayForm(relay.url, { fields: ['first_name', 'email', { property: REFERRAL_CODE, type: 'text', label: 'Your code' }] });
      await form.updateComplete;
      expect(labels(form)).to.deep.equal(['First name', 'Email', 'Your code']);
      await waitFor(() => warnings.calls.length > 0, 'the warning for the site owner');
      expect(warnings.calls).to.have.length(1);
      expect(warnings.calls[0]).to.match(/showing the page's fields; the relay's \(.*action=fields\) answered 404/);
      expect(labels(form), 'the fields stay').to.deep.equal(['First name', 'Email', 'Your code']);

      await typeInto(form, 'Email', 'fallback@example.com');
      await typeInto(form, 'Your code', 'STATIC-1');
      const success = nextEvent(form, 'keen-success');
      await press('Enter');
      await success;
      const [stored] = await emulator.leads();
      expect(stored?.lead['email']).to.equal('fallback@example.com');
      expect(stored?.lead['properties']).to.deep.equal([{ property_definitions_id: REFERRAL_CODE, value: 'STATIC-1' }]);
    } finally {
      warnings.restore();
    }
  });

  it("keeps the page's fields when the relay cannot be reached at all", async () => {
    const warnings = watchWarnings();
    try {
      // The emulator's origin with nothing at that path would answer; a closed port cannot.
      const form = relayForm('http://127.0.0.1:9/relay', { fields: ['email', 'notes'] });
      await form.updateComplete;
      expect(labels(form)).to.deep.equal(['Email', 'Message']);
      await waitFor(() => warnings.calls.length > 0, 'the warning for the site owner', 8000);
      expect(warnings.calls[0]).to.match(/showing the page's fields; the relay's .* (unreachable|timed out)/);
      expect(labels(form)).to.deep.equal(['Email', 'Message']);
      expect(shadow(form).querySelector('.config-error')).to.equal(null);
    } finally {
      warnings.restore();
    }
  });

  it('keeps what the visitor typed, and their focus, when the fields arrive while they type', async () => {
    // A fresh relay (empty server-side cache) whose call to Keen is slow, so the swap happens mid-typing.
    const relay = await startRelay('node', { channelFields: true, instance: 'slow' });
    await emulator.fault({ delayMs: 1500 });
    const form = relayForm(relay.url);
    await form.updateComplete;
    expect(labels(form)).to.not.include('Industry');
    await typeInto(form, 'Email', 'early');
    await waitFor(() => labels(form).includes('Industry'), "the channel's fields", 8000);
    await typeText('@example.com');
    const email = controlByLabel(form, 'Email') as HTMLInputElement;
    expect(email.value).to.equal('early@example.com');
    expect(shadow(form).activeElement).to.equal(email);
  });

  it("asks nothing while the endpoint is not set (Keen's serves no fields), and loads once a script sets it", async () => {
    const relay = await startRelay('node', { channelFields: true });
    const warnings = watchWarnings();
    try {
      const form = relayForm(undefined);
      await form.updateComplete;
      expect(labels(form)).to.not.include('Industry');
      form.setAttribute('endpoint', relay.url);
      await waitFor(() => labels(form).includes('Industry'), "the channel's fields");
      expect(warnings.calls, 'no failed request to Keen').to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });

  it('is a configuration error without the relay attribute', async () => {
    const form = document.createElement('keen-lead-form') as KeenLeadForm;
    form.setAttribute('fields-from', 'relay');
    form.setAttribute('channel', 'c0ffee00-0000-4000-8000-000000000001');
    const errors = console.error;
    console.error = () => undefined;
    try {
      document.body.append(form);
      await form.updateComplete;
    } finally {
      console.error = errors;
    }
    expect(shadow(form).querySelector('.config-error')?.textContent).to.match(/fields-from: needs the relay attribute/);
  });

  it("the relay's answer (the CLI's output) pasted into a page's JSON block stores a lead Keen accepts", async () => {
    const relay = await startRelay('node', { channelFields: true });
    const text = await (await fetch(`${relay.url}/?action=fields`)).text();
    const form = document.createElement('keen-lead-form') as KeenLeadForm;
    form.setAttribute('channel', relay.channelId);
    form.setAttribute('endpoint', emulator.apiUrl);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = text;
    form.append(script);
    document.body.append(form);
    await form.updateComplete;
    expect(labels(form)).to.include.members(CHANNEL_LABELS);
    await typeInto(form, 'Email', 'pasted@example.com');
    await typeInto(form, 'Team size', '3');
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    const [stored] = await emulator.leads();
    expect(stored?.lead['properties']).to.deep.include.members([{ property_definitions_id: TEAM_SIZE, value: '3' }]);
  });
});
