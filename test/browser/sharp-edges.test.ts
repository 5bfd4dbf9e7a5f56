import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { CATALOGUES } from '../../src/i18n/catalogues.js';
import { en } from '../../src/i18n/en.js';
import { PUBLIC_CHANNEL, errorOf, nextEvent, press, shadow, typeInto, useEmulatorPerFile, waitFor } from './helpers.js';

const emulator = useEmulatorPerFile();
const da = CATALOGUES['da'] ?? en;
const de = CATALOGUES['de'] ?? en;

afterEach(() => {
  document.documentElement.lang = 'en';
});

async function mount(attributes: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('fields', 'email');
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  parent.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  return shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The texts a sighted visitor sees in the form: rendered, and bigger than the 1px of a visually hidden region. */
function visibleTexts(form: KeenLeadForm): string[] {
  const walker = document.createTreeWalker(shadow(form), NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const box = node.parentElement?.getBoundingClientRect();
    if (text !== '' && box !== undefined && box.width > 1 && box.height > 1) texts.push(text);
  }
  return texts;
}

describe('the language follows the page at once', () => {
  it('<html lang> changed after load: the next frame is in the new language, without a keystroke', async () => {
    const form = await mount();
    expect(submitButton(form).textContent?.trim()).to.equal(en.submit);
    document.documentElement.lang = 'da';
    await nextFrame();
    expect(submitButton(form).textContent?.trim()).to.equal(da.submit);
    expect(shadow(form).querySelector('form')?.getAttribute('lang')).to.equal('da');
  });

  it("an ancestor's lang changed after load: every form inside follows, one observer for all", async () => {
    const section = document.createElement('section');
    section.lang = 'en';
    document.body.append(section);
    const first = await mount({}, section);
    const second = await mount({}, section);
    const outside = await mount();
    section.lang = 'de';
    await nextFrame();
    expect([first, second, outside].map((form) => submitButton(form).textContent?.trim())).to.deep.equal([de.submit, de.submit, en.submit]);
  });

  it('a form removed and added again still follows', async () => {
    const form = await mount();
    form.remove();
    document.body.append(form);
    document.documentElement.lang = 'da';
    await nextFrame();
    expect(submitButton(form).textContent?.trim()).to.equal(da.submit);
  });
});

describe('message overrides insert text literally', () => {
  it("shows server text with $&, $` and $' as it came", async () => {
    const reason = "bad $& and $` and $' and $$ here";
    await emulator.fault({ status: 400, body: JSON.stringify({ error: reason }), headers: { 'Content-Type': 'application/json' } });
    const form = await mount();
    form.messages = { failureRejected: 'Not sent: {reason} (code {reason})' };
    await form.updateComplete;
    const failed = nextEvent(form, 'keen-error');
    await typeInto(form, 'Email', 'dollar@example.com');
    submitButton(form).click();
    await failed;
    await form.updateComplete;
    expect(shadow(form).querySelector('[part="alert"]')?.textContent).to.equal(`Not sent: ${reason} (code ${reason})`);
  });
});

describe('internationalised email addresses', () => {
  for (const address of ['anna@exämple.dk', 'æøå@firma.dk', 'jürgen.müller@bücher.de']) {
    it(`accepts ${address} and Keen gets exactly what was typed`, async () => {
      const form = await mount();
      const success = nextEvent(form, 'keen-success');
      await typeInto(form, 'Email', address);
      await press('Enter');
      await success;
      const [stored] = await emulator.leads();
      expect(stored?.lead['email']).to.equal(address);
      expect(stored?.request.body).to.contain(`"email":"${address}"`);
    });
  }

  for (const junk of ['anna@exämple', 'æøå@', 'anna@@firma.dk', 'an na@firma.dk', 'anna@firma..dk', '.anna@firma.dk', 'anna@firma.d']) {
    it(`still refuses ${junk}`, async () => {
      const form = await mount();
      const invalid = nextEvent(form, 'keen-invalid');
      await typeInto(form, 'Email', junk);
      await press('Enter');
      expect((await invalid).detail.errors.map((error) => error.code)).to.deep.equal(['invalidEmail']);
      await form.updateComplete;
      expect(errorOf(form, 'Email')).to.equal(en.invalidEmail);
      expect(await emulator.requests()).to.deep.equal([]);
    });
  }
});

describe('the queued panel', () => {
  async function queueOne(): Promise<KeenLeadForm> {
    await emulator.fault({ status: 503, body: '{"error":"busy"}', headers: { 'Content-Type': 'application/json' } });
    const form = await mount();
    const queued = nextEvent(form, 'keen-queued');
    await typeInto(form, 'Email', 'later@example.com');
    submitButton(form).click();
    await queued;
    await form.updateComplete;
    return form;
  }

  it('is its own state: its message inside it, no thank-you and no "Send another"', async () => {
    const form = await queueOne();
    const panel = shadow(form).querySelector<HTMLElement>('[part="queued"]');
    expect(panel?.textContent).to.contain(en.queuedRetrying);
    expect(panel?.textContent).to.contain(en.queuedNote);
    expect(shadow(form).querySelector('[part="send-another"]')).to.equal(null);
    expect(shadow(form).querySelector('[part="success"]')).to.equal(null);
    expect(shadow(form).activeElement).to.equal(panel);
    expect(visibleTexts(form)).to.deep.equal([en.queuedHeading, en.queuedRetrying, en.queuedNote]);
  });

  it('when the lead arrives later, exactly one success message replaces it', async () => {
    const form = await queueOne();
    const delivered = nextEvent(form, 'keen-delivered');
    await delivered;
    await waitFor(() => shadow(form).querySelector('[role="status"]')?.textContent === en.delivered, 'the live region to say it was sent');
    expect(shadow(form).querySelector('[part="queued"]')).to.equal(null);
    expect(shadow(form).querySelectorAll('[part="success"]')).to.have.length(1);
    expect(visibleTexts(form)).to.deep.equal([en.successHeading, en.success, en.sendAnother]);
    expect(shadow(form).activeElement).to.equal(shadow(form).querySelector('[part="success"]'));
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(['later@example.com']);
  });

  it('a later delivery does not take focus from where the visitor went meanwhile', async () => {
    const form = await queueOne();
    const elsewhere = document.createElement('input');
    elsewhere.setAttribute('aria-label', 'Search');
    document.body.append(elsewhere);
    elsewhere.focus();
    await nextEvent(form, 'keen-delivered');
    await form.updateComplete;
    expect(shadow(form).querySelector('[part="success"]')).to.not.equal(null);
    expect(document.activeElement).to.equal(elsewhere);
  });
});
