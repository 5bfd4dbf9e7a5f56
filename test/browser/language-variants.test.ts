import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { PUBLIC_CHANNEL, controlByLabel, shadow, waitFor } from './helpers.js';

/*
 * The single-language CDN files (issue 17): dist/cdn/keen-lead-form.<lang>.js
 * holds its language and English. Each is loaded, as a site would, in a page
 * of its own (one page can define the element only once).
 */

const LANGUAGES: ReadonlyArray<readonly [string, string, string]> = [
  // language, "First name" in it, a language whose catalogue the file does not hold
  ['da', 'Fornavn', 'de'],
  ['de', 'Vorname', 'fr'],
  ['es', 'Nombre', 'de'],
  ['fr', 'Prénom', 'es'],
  ['nb', 'Fornavn', 'nl'],
  ['nl', 'Voornaam', 'sv'],
  ['sv', 'Förnamn', 'da'],
];

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
  // A srcdoc frame shares this page's storage, and its form records a first
  // touch (the parent as referrer): gone with the frame, so no later test
  // finds an attribution it did not make.
  localStorage.clear();
  sessionStorage.clear();
});

/** A page in `pageLanguage` that loads `file` and shows a form. */
async function openPage(file: string, pageLanguage: string): Promise<KeenLeadForm> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="${pageLanguage}"><body>
    <script type="module" src="/dist/cdn/${file}"></script>
    <keen-lead-form channel="${PUBLIC_CHANNEL}" endpoint="https://keen.invalid/api" fields="first_name email"></keen-lead-form>
  </body></html>`;
  frames.push(frame);
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const view = frame.contentWindow as Window & typeof globalThis;
  await waitFor(() => view.customElements.get('keen-lead-form') !== undefined, `${file} to define the element`);
  const form = frame.contentDocument?.querySelector('keen-lead-form') as KeenLeadForm;
  await form.updateComplete;
  return form;
}

/** The visible label texts of the form's fields. */
function labels(form: KeenLeadForm): string[] {
  return [...shadow(form).querySelectorAll('label')].map((label) => label.textContent?.replace('*', '').trim() ?? '');
}

describe('single-language CDN files', () => {
  for (const [language, firstName, absent] of LANGUAGES) {
    it(`keen-lead-form.${language}.js defines the element, speaks ${language}, and falls back to English for ${absent}`, async () => {
      const own = await openPage(`keen-lead-form.${language}.js`, language);
      expect(labels(own)).to.include(firstName);
      expect(controlByLabel(own, firstName).localName).to.equal('input');

      const other = await openPage(`keen-lead-form.${language}.js`, absent);
      expect(labels(other)).to.include('First name');
      expect(labels(other)).to.include('Email');
    });
  }

  it('the all-language file still speaks every language (the control for the fallback above)', async () => {
    for (const [language, firstName] of LANGUAGES) {
      expect(labels(await openPage('keen-lead-form.js', language)), language).to.include(firstName);
    }
  });
});
