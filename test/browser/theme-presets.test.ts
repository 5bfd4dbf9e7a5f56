import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import type { FormConfig } from '../../src/schema/form-config.js';
import { contrast, expectNoViolations, loadAxe } from './a11y-checks.js';
import { PUBLIC_CHANNEL, clearPage, controlByLabel, emulateMedia, nextEvent, press, shadow, typeText, useEmulatorPerFile, waitFor } from './helpers.js';

/*
 * The theme presets (minimal, rounded, contrast) and the default look, each
 * forced light or dark with the scheme word (`rounded dark`), so every engine
 * checks both palettes; following the visitor's preference needs media
 * emulation and is tested in Chromium only.
 */

const emulator = useEmulatorPerFile();

const PRESETS = ['default', 'minimal', 'rounded', 'contrast'] as const;
const SCHEMES = ['light', 'dark'] as const;

const config: FormConfig = {
  fields: [
    { name: 'first_name', width: 'half' },
    { name: 'email', required: true, help: 'We reply to this address.' },
    { property: 'a1000000-0000-4000-8000-000000000003', type: 'select', label: 'Industry', options: ['Software', 'Retail'] },
    { property: 'a1000000-0000-4000-8000-000000000004', type: 'checkbox', label: 'Send me the newsletter' },
  ],
};

function themeOf(preset: (typeof PRESETS)[number], scheme: string): string {
  return preset === 'default' ? scheme : `${preset} ${scheme}`;
}

async function mount(theme: string | undefined, width?: string): Promise<KeenLeadForm> {
  const host = document.createElement('div');
  if (width !== undefined) host.style.width = width;
  document.body.append(host);
  const form = document.createElement('keen-lead-form');
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('draft', 'off');
  if (theme !== undefined) form.setAttribute('theme', theme);
  form.config = config;
  host.append(form);
  await form.updateComplete;
  return form;
}

/** Transitions (borders, colours, the tick) run to their end before colours are read. */
async function settled(form: KeenLeadForm): Promise<void> {
  await form.updateComplete;
  await Promise.all(shadow(form).getAnimations().map((animation) => animation.finished));
}

const submitButton = (form: KeenLeadForm): HTMLButtonElement => shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;

async function showErrors(form: KeenLeadForm): Promise<void> {
  const invalid = nextEvent(form, 'keen-invalid');
  submitButton(form).click();
  await invalid;
  await form.updateComplete;
}

async function sendValid(form: KeenLeadForm): Promise<void> {
  const email = controlByLabel(form, 'Email');
  email.focus();
  await typeText('look@example.com');
  submitButton(form).click();
}

before(() => loadAxe());

afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

describe('theme presets: accepted values', () => {
  for (const theme of ['minimal', 'rounded', 'contrast', 'rounded dark', 'contrast light', 'minimal inherit', 'auto', 'inherit']) {
    it(`theme="${theme}" shows the form`, async () => {
      const form = await mount(theme);
      expect(shadow(form).querySelector('form'), theme).to.not.equal(null);
      expect(shadow(form).querySelector('.config-error'), theme).to.equal(null);
    });
  }
});

describe('theme presets: contrast from computed styles', () => {
  for (const preset of PRESETS) {
    for (const scheme of SCHEMES) {
      it(`${preset} ${scheme}: text and labels 4.5:1, borders, controls and focus ring 3:1`, async () => {
        const form = await mount(themeOf(preset, scheme));
        const root = shadow(form);
        const background = getComputedStyle(form).backgroundColor;
        expect(background, 'the form paints an opaque background').to.match(/^rgb\(/);
        const email = controlByLabel(form, 'Email');
        const checkbox = controlByLabel(form, 'Send me the newsletter') as HTMLInputElement;
        const button = submitButton(form);
        await showErrors(form);
        const error = root.querySelector('.error:not(:empty)') as HTMLElement;
        const alert = root.querySelector('[part="alert"]') as HTMLElement;
        // Keyboard focus on the select, so :focus-visible draws the ring.
        controlByLabel(form, 'Email').focus();
        await press('Tab');
        const select = controlByLabel(form, 'Industry');
        expect(root.activeElement, 'Tab reaches the select').to.equal(select);
        await settled(form);
        const ring = getComputedStyle(select).outlineColor;
        expect(getComputedStyle(select).outlineStyle, 'focus ring').to.equal('solid');
        checkbox.click();
        await settled(form);
        const color = (element: Element, pseudo?: string): string => getComputedStyle(element, pseudo).color;
        const ratios: Record<string, [number, number]> = {
          text: [contrast(color(form), background), 4.5],
          label: [contrast(color(root.querySelector('label') as HTMLElement), background), 4.5],
          help: [contrast(color(root.querySelector('.help') as HTMLElement), background), 4.5],
          legend: [contrast(color(root.querySelector('.legend') as HTMLElement), background), 4.5],
          error: [contrast(color(error), background), 4.5],
          alert: [contrast(color(alert), background), 4.5],
          'field text': [contrast(color(email), getComputedStyle(email).backgroundColor), 4.5],
          'button text': [contrast(color(button), getComputedStyle(button).backgroundColor), 4.5],
          button: [contrast(getComputedStyle(button).backgroundColor, background), 3],
          'field border': [contrast(getComputedStyle(select).borderBottomColor, background), 3],
          'field border on the field': [contrast(getComputedStyle(select).borderBottomColor, getComputedStyle(select).backgroundColor), 3],
          'invalid border': [contrast(getComputedStyle(email).borderBottomColor, background), 3],
          'focus ring': [contrast(ring, background), 3],
          'checked box': [contrast(getComputedStyle(checkbox).backgroundColor, background), 3],
          'tick on the checked box': [contrast(getComputedStyle(checkbox, '::before').backgroundColor, getComputedStyle(checkbox).backgroundColor), 3],
        };
        const failing = Object.entries(ratios)
          .filter(([, [ratio, needed]]) => ratio < needed)
          .map(([name, [ratio, needed]]) => `${name} ${ratio.toFixed(2)} < ${needed}`);
        expect(failing, `${preset} ${scheme}`).to.deep.equal([]);
      });
    }
  }

  it('the success tick stands out 3:1 from the background, in every preset', async () => {
    for (const preset of PRESETS) {
      await clearPage();
      await emulator.reset();
      const form = await mount(themeOf(preset, 'light'));
      const done = nextEvent(form, 'keen-success');
      await sendValid(form);
      await done;
      await form.updateComplete;
      const icon = shadow(form).querySelector('.success .icon') as SVGElement;
      expect(contrast(getComputedStyle(icon).color, getComputedStyle(form).backgroundColor), preset).to.be.at.least(3);
    }
  });
});

describe('theme presets: axe-core, WCAG 2.2 A/AA', () => {
  const states: Record<string, (form: KeenLeadForm) => Promise<void>> = {
    empty: async () => {},
    errors: showErrors,
    queued: async (form) => {
      await emulator.fault({ status: 503, count: 5 });
      const queued = nextEvent(form, 'keen-queued');
      await sendValid(form);
      await queued;
      await form.updateComplete;
    },
    success: async (form) => {
      const done = nextEvent(form, 'keen-success');
      await sendValid(form);
      await done;
      await form.updateComplete;
    },
  };
  for (const preset of PRESETS) {
    for (const scheme of SCHEMES) {
      it(`${preset} ${scheme}: no violations when empty, with errors, queued and sent`, async () => {
        for (const [state, reach] of Object.entries(states)) {
          await clearPage();
          await emulator.reset();
          const form = await mount(themeOf(preset, scheme));
          await reach(form);
          await expectNoViolations(form, `${preset} ${scheme} ${state}`);
        }
      });
    }
  }
});

describe('theme presets: layout', () => {
  it('a form narrower than 30rem has a full-width button; a wide one keeps it at its own size', async () => {
    for (const preset of PRESETS) {
      const narrow = await mount(preset === 'default' ? undefined : preset, '320px');
      const narrowForm = shadow(narrow).querySelector('form') as HTMLFormElement;
      expect(submitButton(narrow).getBoundingClientRect().width, `${preset} at 320 px`).to.be.closeTo(narrowForm.getBoundingClientRect().width, 1);
      const wide = await mount(preset === 'default' ? undefined : preset, '720px');
      const wideForm = shadow(wide).querySelector('form') as HTMLFormElement;
      expect(submitButton(wide).getBoundingClientRect().width, `${preset} at 720 px`).to.be.below(wideForm.getBoundingClientRect().width / 2);
      narrow.parentElement?.remove();
      wide.parentElement?.remove();
    }
  });

  it('the default look adds no padding around the form; rounded asks for a surface', async () => {
    const plain = await mount(undefined);
    expect(getComputedStyle(plain).paddingTop).to.equal('0px');
    expect(getComputedStyle(plain).paddingInlineStart).to.equal('0px');
    const rounded = await mount('rounded');
    expect(parseFloat(getComputedStyle(rounded).paddingTop)).to.be.above(0);
    expect(getComputedStyle(rounded).boxShadow).to.not.equal('none');
  });

  it('a form in a shrink-to-fit parent (a flex row) still has a usable width', async () => {
    const row = document.createElement('div');
    row.style.cssText = 'display:flex;width:800px';
    document.body.append(row);
    const form = document.createElement('keen-lead-form');
    form.setAttribute('channel', PUBLIC_CHANNEL);
    row.append(form);
    await form.updateComplete;
    expect(form.getBoundingClientRect().width).to.be.at.least(255);
    row.remove();
  });

  it("the site's own --keen-* values win over a preset's", async () => {
    const form = await mount('rounded');
    form.style.cssText = '--keen-accent:#00ff00;--keen-button-radius:3px';
    const button = getComputedStyle(submitButton(form));
    expect(button.backgroundColor).to.equal('rgb(0, 255, 0)');
    expect(button.borderTopLeftRadius).to.equal('3px');
  });

  it('checkbox and select are drawn by the form over the native controls, which stay in the form', async () => {
    const form = await mount('light');
    const checkbox = controlByLabel(form, 'Send me the newsletter') as HTMLInputElement;
    const select = controlByLabel(form, 'Industry');
    expect(getComputedStyle(checkbox).appearance).to.equal('none');
    expect(getComputedStyle(select).appearance).to.equal('none');
    expect(checkbox.type).to.equal('checkbox');
    const unchecked = getComputedStyle(checkbox).backgroundColor;
    checkbox.focus();
    await press(' ');
    await waitFor(() => checkbox.checked, 'the box is ticked from the keyboard');
    await settled(form);
    expect(getComputedStyle(checkbox).backgroundColor, 'a ticked box looks ticked').to.not.equal(unchecked);
    expect(getComputedStyle(checkbox, '::before').transform, 'the tick shows').to.not.match(/matrix\(0, 0, 0, 0/);
  });

  it('errors carry a mark as well as a colour', async () => {
    const form = await mount('contrast');
    await showErrors(form);
    const error = shadow(form).querySelector('.error:not(:empty)') as HTMLElement;
    const mark = getComputedStyle(error, '::before');
    expect(mark.content, 'a visible "!" before the message').to.include('!');
    expect(mark.borderTopStyle).to.equal('solid');
  });
});

describe('theme presets: the visitor’s colour scheme', () => {
  it('a preset follows prefers-color-scheme unless a scheme is given', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const following = await mount('rounded');
    const forcedLight = await mount('rounded light');
    const forcedDark = await mount('rounded dark');
    expect(getComputedStyle(following).backgroundColor).to.equal(getComputedStyle(forcedDark).backgroundColor);
    expect(getComputedStyle(forcedLight).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(following).backgroundColor).to.not.equal('rgb(255, 255, 255)');
  });
});
