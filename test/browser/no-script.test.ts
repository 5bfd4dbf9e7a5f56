// A page whose widget script never loads (blocked): the HTML-first markup
// from the generator, in an iframe, posts as a real form navigation to the
// relay (in Node and in workerd), which answers with an HTML page. The relay
// is reached through the test server's origin (relay-plugin's proxy) so the
// test can read the page the iframe navigated to.
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import { renderFormHtml } from '../../src/html/render-form-html.js';
import { parseFormConfig } from '../../src/schema/form-config.js';
import { useEmulatorPerFile, waitFor } from './helpers.js';

const emulator = useEmulatorPerFile();

/** The fixture channel's "Website" property: receives the page the form was sent from. */
const PAGE_PROPERTY = 'a1000000-0000-4000-8000-000000000009';

function formConfig() {
  const parsed = parseFormConfig({ fields: ['first_name', 'email', 'notes'], consent: {}, attributionProperties: { page: PAGE_PROPERTY } });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}

/** An iframe holding the markup and a widget script that never arrives; resolves once it is loaded. */
async function blockedScriptPage(relayPath: string): Promise<HTMLIFrameElement> {
  const markup = renderFormHtml({ config: formConfig(), attributes: { relay: relayPath, lang: 'en' } });
  const frame = document.createElement('iframe');
  frame.style.width = '600px';
  frame.style.height = '900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  // The script's URL answers 404, as a blocker or a failed CDN would leave it.
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/__blocked__/keen-lead-form.js"></script></head><body><h1>Contact</h1>${markup}</body></html>`;
  document.body.append(frame);
  await loaded;
  return frame;
}

function frameDocument(frame: HTMLIFrameElement): Document {
  const doc = frame.contentDocument;
  if (doc === null) throw new Error('the frame is not readable');
  return doc;
}

function element<T extends Element>(doc: Document, selector: string): T {
  const found = doc.querySelector<T>(selector);
  if (found === null) throw new Error(`nothing matches ${selector}`);
  return found;
}

function fill(doc: Document, name: string, value: string): void {
  const input = doc.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
  if (input === null) throw new Error(`no input named ${name}`);
  input.value = value;
}

/** Submits as a visitor does (the button) and waits for the page the relay answers. */
async function submitAndWait(frame: HTMLIFrameElement): Promise<Document> {
  const before = frameDocument(frame);
  const navigated = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  before.querySelector<HTMLButtonElement>('.keen-html-submit')?.click();
  await navigated;
  const doc = frameDocument(frame);
  await waitFor(() => doc.readyState === 'complete', 'the relay page loaded');
  return doc;
}

for (const runtime of ['node', 'workerd'] as const) {
  describe(`the HTML form without script, through the ${runtime} relay`, () => {
    let relay: { url: string; samePath: string };
    before(async function () {
      this.timeout(60_000); // starting workerd takes seconds on a loaded machine
      const started = await executeServerCommand<{ url: string; samePath: string }, object>('relay-start', {
        runtime,
        emulatorUrl: emulator.url,
        origin: location.origin,
      });
      if (started === undefined) throw new Error('the relay plugin did not start a relay');
      relay = started;
    });
    afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

    it('sends as a plain form: the thank-you page shows and Keen stores the lead once', async () => {
      const frame = await blockedScriptPage(relay.samePath);
      const doc = frameDocument(frame);
      expect(frame.contentWindow?.customElements.get('keen-lead-form'), 'the widget never ran').to.equal(undefined);
      fill(doc, 'first_name', `No script ${runtime}`);
      fill(doc, 'email', `noscript-${runtime}@example.com`);
      fill(doc, 'notes', 'Line one\nLine two æøå');
      element<HTMLInputElement>(doc, '[name="keen_consent"]').checked = true;

      const page = await submitAndWait(frame);
      expect(page.querySelector('h1')?.textContent).to.equal('Message sent');
      expect(page.documentElement.lang).to.equal('en');
      expect(page.querySelector('meta[name="keen-relay-checks"]')?.getAttribute('content')).to.equal('honeypot, rate-limit');

      const leads = await emulator.leads();
      expect(leads).to.have.length(1);
      const stored: Record<string, unknown> = leads[0]?.lead ?? {};
      expect(stored['first_name']).to.equal(`No script ${runtime}`);
      expect(stored['email']).to.equal(`noscript-${runtime}@example.com`);
      // The browser sends the textarea's line breaks as CRLF (the HTML form encoding).
      expect(String(stored['notes'])).to.match(/^Line one\r?\nLine two æøå\n\nConsent: "I agree to the processing of my data as described in the privacy policy\." at /);
      // The page the form was on (the browser's Referer), as the widget would record it: no query.
      expect(stored['properties']).to.deep.equal([{ property_definitions_id: PAGE_PROPERTY, value: `${location.origin}${location.pathname}` }]);
    });

    it('an invalid email: the problems page holds the input, and sending it corrected stores the lead', async () => {
      const frame = await blockedScriptPage(relay.samePath);
      const doc = frameDocument(frame);
      fill(doc, 'first_name', 'Typo');
      fill(doc, 'email', 'typo@example');
      element<HTMLInputElement>(doc, '[name="keen_consent"]').checked = true;
      // The browser's own check would stop an empty required field, not this one: the relay's check answers.
      const page = await submitAndWait(frame);
      expect(page.querySelector('h1')?.textContent).to.equal('Please check your details');
      const problem = page.querySelector<HTMLAnchorElement>('.keen-page-problems a');
      expect(problem?.getAttribute('href')).to.equal('#keen-html-email');
      const email = element<HTMLInputElement>(page, '#keen-html-email');
      expect(email.value).to.equal('typo@example');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(page.querySelector<HTMLInputElement>('[name="first_name"]')?.value).to.equal('Typo');
      expect(page.querySelector<HTMLInputElement>('[name="keen_consent"]')?.checked).to.equal(true);
      // The form's page rides along: the next post's Referer is the relay's page.
      expect(page.querySelector<HTMLInputElement>('[name="keen_page"]')?.value).to.equal(location.href);
      expect(await emulator.leads()).to.have.length(0);

      email.value = 'typo@example.com';
      const thanks = await submitAndWait(frame);
      expect(thanks.querySelector('h1')?.textContent).to.equal('Message sent');
      const leads = await emulator.leads();
      expect(leads).to.have.length(1);
      expect(leads[0]?.lead['email']).to.equal('typo@example.com');
      expect(leads[0]?.lead['properties']).to.deep.equal([{ property_definitions_id: PAGE_PROPERTY, value: `${location.origin}${location.pathname}` }]);
      const back = Array.from(thanks.querySelectorAll('a')).find((link) => link.textContent === 'Back to the page');
      expect(back?.getAttribute('href'), 'back to the form\'s page, not the relay').to.equal(location.href);
    });
  });
}
