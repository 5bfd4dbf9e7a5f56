// The built CDN file, exactly as a site loads it, on real pages of their own
// (iframes navigated to real URLs, sharing this origin's storage).
import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { PUBLIC_CHANNEL, controlByLabel, nextEvent, shadow, useEmulatorPerFile, waitFor, type StoredLead } from './helpers.js';

const emulator = useEmulatorPerFile();

const PAGES = `${location.origin}/test/fixtures/attribution`;
const REFERRAL_CODE_PROPERTY = 'a1000000-0000-4000-8000-000000000001';
const PROJECT_DETAILS_PROPERTY = 'a1000000-0000-4000-8000-000000000005';
const INDUSTRY_PROPERTY = 'a1000000-0000-4000-8000-000000000003';
const ATTRIBUTION_KEY = 'keen-lead-form:attribution:v1';
const REPORTS_KEY = 'keen-lead-form:lead-reports:v1';

type PageWindow = Window & typeof globalThis & { dataLayer?: unknown[]; keenConsent?: boolean };

/** One browser tab, navigated from page to page like a visitor would. */
class Tab {
  readonly frame = document.createElement('iframe');

  constructor() {
    document.body.append(this.frame);
  }

  get window(): PageWindow {
    return this.frame.contentWindow as PageWindow;
  }

  /** Loads a real page (a navigation: new document, same session storage). */
  async visit(path: string): Promise<PageWindow> {
    const loaded = new Promise((resolve) => this.frame.addEventListener('load', resolve, { once: true }));
    this.frame.src = `${PAGES}/${path}`;
    await loaded;
    await waitFor(() => this.window.customElements.get('keen-lead-form') !== undefined, `the script on ${path}`);
    return this.window;
  }

  /** Puts a form on the current page, as the site's markup would. */
  async addForm(attributes: Record<string, string>, json?: unknown): Promise<KeenLeadForm> {
    const page = this.window.document;
    const form = page.createElement('keen-lead-form');
    // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
    form.setAttribute('min-time', '0');
    form.id = 'contact';
    form.setAttribute('endpoint', emulator.apiUrl);
    form.setAttribute('channel', PUBLIC_CHANNEL);
    form.setAttribute('timeout', '1000');
    for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
    if (json !== undefined) {
      const script = page.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify(json);
      form.append(script);
    }
    page.body.append(form);
    await form.updateComplete;
    return form;
  }
}

/** Types into a field of a form in another page the way an input event would arrive. */
function fill(form: KeenLeadForm, label: string, value: string): void {
  const control = controlByLabel(form, label);
  control.value = value;
  control.dispatchEvent(new (control.ownerDocument.defaultView as PageWindow).Event('input', { bubbles: true, composed: true }));
}

function send(form: KeenLeadForm): void {
  (shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement).click();
}

async function sendAndStore(form: KeenLeadForm): Promise<StoredLead> {
  const success = nextEvent(form, 'keen-success');
  send(form);
  await success;
  const leads = await emulator.leads();
  expect(leads).to.have.length(1);
  return leads[0] as StoredLead;
}

function sentBody(stored: StoredLead): Record<string, unknown> {
  return JSON.parse(stored.request.body) as Record<string, unknown>;
}

function generateLeadEvents(page: PageWindow): Record<string, unknown>[] {
  return (page.dataLayer ?? []).filter((entry) => (entry as { event?: unknown }).event === 'generate_lead') as Record<string, unknown>[];
}

/** API requests answered, dropped or aborted so far: the widget's finished delivery attempts. */
async function posts(): Promise<number> {
  return (await emulator.requests()).filter((request) => request.method === 'POST' && request.outcome !== 'pending').length;
}

let tabs: Tab[] = [];
function openTab(): Tab {
  const tab = new Tab();
  tabs.push(tab);
  return tab;
}

afterEach(() => {
  for (const tab of tabs) tab.frame.remove();
  tabs = [];
  sessionStorage.clear();
});

describe('attribution across pages', () => {
  it('a campaign landing, then the form on another page: the lead carries it in source, notes and a property', async () => {
    const tab = openTab();
    await tab.visit('landing.html?utm_source=newsletter&utm_campaign=spring&gclid=abc');
    expect(JSON.parse(tab.window.sessionStorage.getItem(ATTRIBUTION_KEY) ?? 'null')).to.have.nested.property('first.gclid', 'abc');
    await tab.visit('contact.html');
    const form = await tab.addForm({ fields: 'email notes' }, { attributionProperties: { gclid: REFERRAL_CODE_PROPERTY } });
    fill(form, 'Email', 'ada@example.com');
    fill(form, 'Message', 'Please call me.');
    const { lead } = await sendAndStore(form);

    expect(lead['source']).to.equal('Website / newsletter / spring');
    expect(lead['notes']).to.equal(
      [
        'Please call me.',
        '',
        'Attribution',
        `First touch: utm_source=newsletter, utm_campaign=spring, gclid=abc, landing_page=${PAGES}/landing.html`,
        `Sent from: ${PAGES}/contact.html`,
      ].join('\n'),
    );
    expect(lead['properties']).to.deep.equal([{ property_definitions_id: REFERRAL_CODE_PROPERTY, value: 'abc' }]);
  });

  it('a second campaign visit updates the last touch and keeps the first', async () => {
    const tab = openTab();
    await tab.visit('landing.html?utm_source=newsletter&utm_campaign=spring&gclid=abc');
    await tab.visit('landing.html?utm_source=partner&ref=acme');
    await tab.visit('contact.html');
    const form = await tab.addForm(
      { fields: 'email', 'source-template': '{source} / {utm_source} / {last_utm_source}' },
      { attributionProperties: { last_ref: REFERRAL_CODE_PROPERTY } },
    );
    fill(form, 'Email', 'ada@example.com');
    const { lead } = await sendAndStore(form);
    expect(lead['source']).to.equal('Website / newsletter / partner');
    expect(lead['notes']).to.contain(`First touch: utm_source=newsletter, utm_campaign=spring, gclid=abc, landing_page=${PAGES}/landing.html`);
    expect(lead['notes']).to.contain(`Last touch: utm_source=partner, ref=acme, landing_page=${PAGES}/landing.html`);
    expect(lead['properties']).to.deep.equal([{ property_definitions_id: REFERRAL_CODE_PROPERTY, value: 'acme' }]);
  });

  it('no campaign: the lead is exactly what the visitor typed, with source as configured', async () => {
    const tab = openTab();
    await tab.visit('contact.html');
    const form = await tab.addForm({ fields: 'email', source: 'Pricing page' });
    fill(form, 'Email', 'ada@example.com');
    const stored = await sendAndStore(form);
    expect(sentBody(stored)).to.deep.equal({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, source: 'Pricing page', email: 'ada@example.com' });
  });

  it('the notes block and the source template can be switched off', async () => {
    const tab = openTab();
    await tab.visit('contact.html?utm_source=newsletter&utm_campaign=spring');
    const form = await tab.addForm({ fields: 'email', 'attribution-notes': 'off', 'source-template': 'off' });
    fill(form, 'Email', 'ada@example.com');
    const stored = await sendAndStore(form);
    expect(sentBody(stored)).to.deep.equal({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, source: 'Website', email: 'ada@example.com' });
  });

  it('persist keeps attribution in localStorage with its expiry; off captures and sends nothing', async () => {
    const tab = openTab();
    await tab.visit('contact.html?utm_source=newsletter');
    await tab.addForm({ attribution: 'persist' });
    const kept = JSON.parse(localStorage.getItem(ATTRIBUTION_KEY) ?? 'null') as { expires: number };
    expect(kept).to.have.nested.property('first.utm_source', 'newsletter');
    expect(kept.expires - Date.now()).to.be.within(89 * 86_400_000, 90 * 86_400_000);
    localStorage.clear();
    sessionStorage.clear();

    await tab.visit('contact.html?utm_source=newsletter');
    sessionStorage.clear(); // what the page's own script captured
    const form = await tab.addForm({ fields: 'email', attribution: 'off' });
    fill(form, 'Email', 'ada@example.com');
    const stored = await sendAndStore(form);
    expect(sentBody(stored)).to.deep.equal({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, source: 'Website', email: 'ada@example.com' });
    expect([sessionStorage.getItem(ATTRIBUTION_KEY), localStorage.getItem(ATTRIBUTION_KEY)]).to.deep.equal([null, null]);
  });

  it('a bad attribution setting is a configuration error naming it', async () => {
    const tab = openTab();
    await tab.visit('contact.html');
    const form = await tab.addForm({ attribution: 'forever' });
    expect(shadow(form).querySelector('.config-error')?.textContent).to.contain('attribution');
  });
});

describe('values from the URL', () => {
  it('prefills visible and hidden fields; markup stays inert text; over-long values are cut', async () => {
    const tab = openTab();
    const long = 'x'.repeat(300);
    await tab.visit(
      `contact.html?email=ada%40example.com&code=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&details=${long}&utm_campaign=%3Cb%3Espring%3C%2Fb%3E`,
    );
    const form = await tab.addForm({}, {
      fields: [
        { name: 'email', prefill: 'email' },
        { property: REFERRAL_CODE_PROPERTY, type: 'text', hidden: true, prefill: 'code' },
        { property: PROJECT_DETAILS_PROPERTY, type: 'text', label: 'Details', prefill: 'details' },
        { property: INDUSTRY_PROPERTY, type: 'select', label: 'Industry', options: ['Software', 'Retail'], hidden: true, value: 'Retail', prefill: 'industry' },
      ],
      sourceTemplate: '{utm_campaign}',
    });
    const email = controlByLabel(form, 'Email') as HTMLInputElement;
    expect(email.value).to.equal('ada@example.com');
    expect(email.readOnly || email.disabled, 'a prefilled visible field stays editable').to.equal(false);
    fill(form, 'Email', 'grace@example.com');
    expect((controlByLabel(form, 'Details') as HTMLInputElement).value).to.equal('x'.repeat(200));

    const { lead } = await sendAndStore(form);
    expect(lead['email']).to.equal('grace@example.com');
    expect(lead['properties']).to.deep.equal([
      { property_definitions_id: REFERRAL_CODE_PROPERTY, value: '<img src=x onerror=alert(1)>' },
      { property_definitions_id: PROJECT_DETAILS_PROPERTY, value: 'x'.repeat(200) },
      { property_definitions_id: INDUSTRY_PROPERTY, value: 'Retail' },
    ]);
    expect(lead['source']).to.equal('<b>spring</b>');
    expect(tab.window.document.querySelectorAll('img, b')).to.have.length(0);
  });

  it('a prefill value a hidden field refuses keeps its configured value', async () => {
    const tab = openTab();
    await tab.visit('contact.html?industry=Nonsense');
    const form = await tab.addForm({}, {
      fields: ['email', { property: INDUSTRY_PROPERTY, type: 'select', options: ['Software', 'Retail'], hidden: true, value: 'Retail', prefill: 'industry' }],
    });
    fill(form, 'Email', 'ada@example.com');
    const { lead } = await sendAndStore(form);
    expect(lead['properties']).to.deep.equal([{ property_definitions_id: INDUSTRY_PROPERTY, value: 'Retail' }]);
  });
});

describe('analytics', () => {
  it('one generate_lead per delivered lead, with no personal data, and a keen-conversion event', async () => {
    const tab = openTab();
    await tab.visit('contact.html?utm_source=newsletter');
    const form = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    const conversions: unknown[] = [];
    form.addEventListener('keen-conversion', (event) => conversions.push(event.detail));
    fill(form, 'Email', 'ada@example.com');
    const first = nextEvent(form, 'keen-delivered');
    send(form);
    const { detail } = await first;

    const events = generateLeadEvents(tab.window);
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ event: 'generate_lead', form_id: 'contact', submission_id: detail.submissionId, lead_source: 'newsletter' });
    expect(JSON.stringify(events)).not.to.contain('ada@example.com');
    expect(conversions).to.deep.equal([{ formId: 'contact', submissionId: detail.submissionId, attribution: events[0]?.['attribution'] }]);

    (shadow(form).querySelector('[part="send-another"]') as HTMLButtonElement).click();
    await form.updateComplete;
    fill(form, 'Email', 'grace@example.com');
    const second = nextEvent(form, 'keen-delivered');
    send(form);
    await second;
    await form.updateComplete;
    expect(generateLeadEvents(tab.window).map((event) => event['submission_id'])).to.deep.equal([detail.submissionId, (await second).detail.submissionId]);
    expect(localStorage.getItem(REPORTS_KEY), 'no report left waiting').to.equal(null);
  });

  it('none for a failed lead', async () => {
    const tab = openTab();
    await tab.visit('contact.html');
    const form = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    await emulator.fault({ status: 400, body: '{"error":"Bad"}', headers: { 'Content-Type': 'application/json' } });
    fill(form, 'Email', 'ada@example.com');
    const failed = nextEvent(form, 'keen-error');
    send(form);
    await failed;
    expect(generateLeadEvents(tab.window)).to.deep.equal([]);
    expect(localStorage.getItem(REPORTS_KEY)).to.equal(null);
  });

  it('one, late, for a queued lead once it is delivered', async () => {
    const tab = openTab();
    await tab.visit('contact.html');
    const form = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    await emulator.fault({ status: 503 });
    fill(form, 'Email', 'ada@example.com');
    const queued = nextEvent(form, 'keen-queued');
    send(form);
    const { detail } = await queued;
    expect(generateLeadEvents(tab.window), 'nothing while queued').to.deep.equal([]);
    const delivered = nextEvent(form, 'keen-delivered');
    await form.flushOutbox();
    await delivered;
    await waitFor(() => generateLeadEvents(tab.window).length > 0, 'the late report');
    await form.flushOutbox();
    expect(generateLeadEvents(tab.window).map((event) => event['submission_id'])).to.deep.equal([detail.submissionId]);
  });

  it('one, on a later page view that delivers the queued lead', async function () {
    this.timeout(20_000);
    const tab = openTab();
    await tab.visit('contact.html?utm_source=newsletter');
    const form = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    await emulator.fault({ status: 503, count: 50 });
    fill(form, 'Email', 'ada@example.com');
    const queued = nextEvent(form, 'keen-queued');
    send(form);
    const { detail } = await queued;
    const firstPage = tab.window;
    const attemptsBefore = await posts();
    await tab.visit('contact.html'); // the visitor moves on; the lead is still queued
    // The leaving page's last (keepalive) attempt must fail before the network comes back.
    await waitFor(async () => (await posts()) > attemptsBefore, 'the last attempt of the page left');
    expect(generateLeadEvents(firstPage)).to.deep.equal([]);
    await emulator.reset(); // the network is back
    const later = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    await later.flushOutbox();
    await waitFor(async () => (await emulator.leads()).length === 1, 'the delivery', 15_000);
    await waitFor(() => generateLeadEvents(tab.window).length > 0, 'the report on the later page');
    const events = generateLeadEvents(tab.window);
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ form_id: 'contact', submission_id: detail.submissionId, lead_source: 'newsletter' });
  });
});

describe('consent', () => {
  it('required and not given: nothing in storage, nothing sent beyond the visitor’s own fields; captured once given', async () => {
    const tab = openTab();
    await tab.visit('consent-landing.html?utm_source=newsletter&utm_campaign=spring&gclid=abc');
    await tab.visit('consent-contact.html?utm_source=newsletter');
    const form = await tab.addForm({ fields: 'email', analytics: 'datalayer' });
    expect([sessionStorage.getItem(ATTRIBUTION_KEY), localStorage.getItem(ATTRIBUTION_KEY)]).to.deep.equal([null, null]);
    fill(form, 'Email', 'ada@example.com');
    const stored = await sendAndStore(form);
    expect(sentBody(stored)).to.deep.equal({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, source: 'Website', email: 'ada@example.com' });
    // (The outbox's delivery receipt, which holds no lead data, may stay a while.)
    const kept = Object.keys(sessionStorage).concat(Object.keys(localStorage)).filter((key) => key.startsWith('keen-lead-form:'));
    expect(kept.filter((key) => !key.startsWith('keen-lead-form:receipts:'))).to.deep.equal([]);
    expect(generateLeadEvents(tab.window)[0]).not.to.have.property('attribution');

    tab.window.dispatchEvent(new Event('keen-consent'));
    expect(JSON.parse(sessionStorage.getItem(ATTRIBUTION_KEY) ?? 'null')).to.have.nested.property('first.utm_source', 'newsletter');
    tab.window.dispatchEvent(new CustomEvent('keen-consent', { detail: false }));
    expect(sessionStorage.getItem(ATTRIBUTION_KEY), 'withdrawn: forgotten').to.equal(null);
  });
});
