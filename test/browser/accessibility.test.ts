import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import type { FormConfig } from '../../src/schema/form-config.js';
import { contrast, expectNoViolations, loadAxe } from './a11y-checks.js';
import { PUBLIC_CHANNEL, controlByLabel, emulateMedia, nextEvent, press, shadow, typeText, useEmulatorPerFile, waitFor } from './helpers.js';

const emulator = useEmulatorPerFile();

before(() => loadAxe());

afterEach(async () => {
  document.body.removeAttribute('style');
  await emulateMedia({ colorScheme: 'light', forcedColors: 'none', reducedMotion: 'no-preference' });
});

const fullConfig: FormConfig = {
  fields: [
    { name: 'first_name', width: 'half' },
    { name: 'last_name', width: 'half' },
    { name: 'email', required: true, help: 'We reply to this address.' },
    'phone',
    'company_name',
    'business_id',
    'employee',
    'notes',
    { property: 'a1000000-0000-4000-8000-000000000001', type: 'text', label: 'Referral code' },
    { property: 'a1000000-0000-4000-8000-000000000002', type: 'number', label: 'Team size', min: 1 },
    { property: 'a1000000-0000-4000-8000-000000000003', type: 'select', label: 'Industry', options: ['Software', 'Retail'] },
    { property: 'a1000000-0000-4000-8000-000000000004', type: 'checkbox', label: 'Send me the newsletter', required: true },
    { property: 'a1000000-0000-4000-8000-000000000005', type: 'textarea', label: 'Project details' },
  ],
};

/** The demo gallery's variants, built the way the demo builds them. */
const variants: Record<string, (form: KeenLeadForm, host: HTMLElement) => void> = {
  minimal: () => {},
  full: (form) => {
    form.config = fullConfig;
  },
  json: (form) => {
    form.innerHTML = `<h3 slot="header">Become a partner</h3><script type="application/json">${JSON.stringify({
      fields: [{ name: 'first_name', width: 'half', required: true }, { name: 'email', label: 'Work email', required: true }],
    })}</script><small slot="footer">We never share your details.</small>`;
  },
  'themed (page colours)': (form, host) => {
    form.setAttribute('theme', 'inherit');
    host.style.cssText = 'background:#f2f7f1;color:#14301f;padding:1rem;font-family:Georgia,serif';
    form.style.cssText = '--keen-accent:#1f6b3a;--keen-field-border:#55705e;--keen-radius:14px';
  },
  consent: (form) => {
    form.setAttribute('fields', 'email');
    form.setAttribute('consent', '');
    form.setAttribute('consent-link', 'https://example.com/privacy');
    form.setAttribute('consent-version', '2026-01');
    form.setAttribute('marketing-consent', '');
  },
  'themed (dark)': (form) => {
    form.setAttribute('theme', 'dark');
    form.style.cssText = '--keen-accent:#fbbf24;--keen-accent-text:#111827';
  },
};

async function mountVariant(name: string): Promise<KeenLeadForm> {
  const host = document.createElement('div');
  document.body.append(host);
  const form = document.createElement('keen-lead-form');
  // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
  form.setAttribute('min-time', '0');
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('endpoint', emulator.apiUrl);
  variants[name]?.(form, host);
  host.append(form);
  await form.updateComplete;
  return form;
}

function submitButton(form: KeenLeadForm): HTMLButtonElement {
  return shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;
}

async function fillValid(form: KeenLeadForm): Promise<void> {
  for (const control of shadow(form).querySelectorAll<HTMLInputElement>('input[required], input[inputmode="email"]')) {
    if (control.type === 'checkbox') control.click();
    else if (control.inputMode === 'email') {
      control.focus();
      await typeText('a11y@example.com');
    } else {
      control.focus();
      await typeText('Ada');
    }
  }
}

/** Each state the visitor can see, reached the way a visitor reaches it. */
const states: Record<string, (form: KeenLeadForm) => Promise<void>> = {
  empty: async () => {},
  invalid: async (form) => {
    const invalid = nextEvent(form, 'keen-invalid');
    submitButton(form).click();
    await invalid;
    await form.updateComplete;
  },
  sending: async (form) => {
    await emulator.fault({ delayMs: 1500 });
    await fillValid(form);
    submitButton(form).click();
    await waitFor(() => submitButton(form).getAttribute('aria-disabled') === 'true', 'the sending state');
  },
  queued: async (form) => {
    await emulator.fault({ status: 503, count: 5 });
    await fillValid(form);
    const queued = nextEvent(form, 'keen-queued');
    submitButton(form).click();
    await queued;
    await form.updateComplete;
  },
  error: async (form) => {
    // A final failure (Keen refused the lead): the form stays, with the visitor's input and the reason.
    await emulator.fault({ status: 400, body: '{"error":"email must be a string"}', headers: { 'Content-Type': 'application/json' } });
    await fillValid(form);
    const failed = nextEvent(form, 'keen-error');
    submitButton(form).click();
    await failed;
    await form.updateComplete;
  },
  success: async (form) => {
    await fillValid(form);
    const done = nextEvent(form, 'keen-success');
    submitButton(form).click();
    await done;
    await form.updateComplete;
  },
};

describe('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const variant of Object.keys(variants)) {
      for (const [state, reach] of Object.entries(states)) {
        it(`${variant}, ${state}, ${scheme}: no violations`, async () => {
          await emulateMedia({ colorScheme: scheme });
          const form = await mountVariant(variant);
          await reach(form);
          await expectNoViolations(form, `${variant}/${state}/${scheme}`);
        });
      }
    }
    it(`bad config, ${scheme}: no violations`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const original = console.error;
      console.error = () => {};
      try {
        const form = await mountVariant('minimal');
        form.setAttribute('fields', 'email fax');
        await form.updateComplete;
        expect(shadow(form).querySelector('.config-error')).to.not.equal(null);
        await expectNoViolations(form, `bad config/${scheme}`);
      } finally {
        console.error = original;
      }
    });
  }
});

describe('the axe check itself', () => {
  it('sees into the shadow root and reports an unlabelled control', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<input type="text">';
    document.body.append(host);
    const axe = await loadAxe();
    const { violations } = await axe.run(host, { runOnly: { type: 'tag', values: ['wcag2a'] } });
    expect(violations.map((violation) => violation.id)).to.include('label');
  });
});

describe('contrast of the default theme', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`meets 4.5:1 for text and 3:1 for borders and focus in ${scheme}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const form = await mountVariant('minimal');
      const background = getComputedStyle(form).backgroundColor;
      const root = shadow(form);
      const input = controlByLabel(form, 'Email');
      const button = submitButton(form);
      const legend = root.querySelector('.legend') as HTMLElement;
      const invalid = nextEvent(form, 'keen-invalid');
      button.click();
      await invalid;
      await form.updateComplete;
      const error = root.querySelector('.error:not(:empty)') as HTMLElement;
      const ratios = {
        text: contrast(getComputedStyle(form).color, background),
        muted: contrast(getComputedStyle(legend).color, background),
        error: contrast(getComputedStyle(error).color, background),
        button: contrast(getComputedStyle(button).color, getComputedStyle(button).backgroundColor),
        border: contrast(getComputedStyle(controlByLabel(form, 'Phone')).borderTopColor, background),
        focus: contrast(getComputedStyle(button).backgroundColor, background),
        field: contrast(getComputedStyle(input).color, getComputedStyle(input).backgroundColor),
      };
      for (const [name, ratio] of Object.entries(ratios)) {
        const needed = name === 'border' || name === 'focus' ? 3 : 4.5;
        expect(ratio, `${name} contrast in ${scheme}`).to.be.at.least(needed);
      }
    });
  }
});

describe('layout for everyone', () => {
  for (const dir of ['ltr', 'rtl'] as const) {
    it(`reflows at 320 CSS px without horizontal scrolling (${dir})`, async () => {
      // A 320 px container rather than a 320 px window: the form sizes itself by
      // its container (no viewport units or width media queries), and WebKit's
      // window cannot be made that narrow. The container scrolls, like a page
      // would, if anything is wider than it.
      const wrapper = document.createElement('div');
      wrapper.dir = dir;
      wrapper.style.cssText = 'width:320px;overflow:auto';
      document.body.append(wrapper);
      const form = document.createElement('keen-lead-form');
      // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
      form.setAttribute('min-time', '0');
      form.setAttribute('channel', PUBLIC_CHANNEL);
      form.config = fullConfig;
      wrapper.append(form);
      await form.updateComplete;
      const css = shadow(form).adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
      expect(css, 'the form sizes by its container').to.not.match(/\d[dsl]?v(w|i|min|max)\b|@media[^{]*width/);
      submitButton(form).click(); // errors and the summary make the form longest and widest
      await form.updateComplete;
      expect(wrapper.scrollWidth, 'scroll width at 320 px').to.be.at.most(wrapper.clientWidth);
      const formBox = form.getBoundingClientRect();
      expect(formBox.width).to.be.at.most(320);
      for (const control of shadow(form).querySelectorAll('input, select, textarea, button')) {
        const box = control.getBoundingClientRect();
        expect(box.left, 'control inside the viewport').to.be.at.least(formBox.left - 0.5);
        expect(box.right, 'control inside the viewport').to.be.at.most(formBox.right + 0.5);
      }
      if (dir === 'rtl') {
        // Labels start at the right edge in right-to-left.
        const label = shadow(form).querySelector('label') as HTMLElement;
        const field = label.parentElement as HTMLElement;
        expect(Math.abs(label.getBoundingClientRect().right - field.getBoundingClientRect().right)).to.be.below(1);
      }
    });
  }

  it('keeps working with WCAG text spacing (1.4.12) applied', async () => {
    const form = await mountVariant('full');
    form.style.cssText = 'line-height:1.5;letter-spacing:0.12em;word-spacing:0.16em';
    await form.updateComplete;
    for (const label of shadow(form).querySelectorAll('label')) {
      expect(label.scrollHeight, 'label text not clipped').to.be.at.most(label.clientHeight + 1);
    }
  });

  it('offers targets of at least 24 × 24 CSS px (2.5.8)', async () => {
    const form = await mountVariant('full');
    for (const target of shadow(form).querySelectorAll('input, select, textarea, button')) {
      const box = target.getBoundingClientRect();
      expect(Math.min(box.width, box.height), `${target.localName} ${target.getAttribute('type') ?? ''}`).to.be.at.least(24);
    }
  });

  it('shows borders and a focus ring in forced-colors mode', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const form = await mountVariant('minimal');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const input = controlByLabel(form, 'Email');
    const style = getComputedStyle(input);
    expect(style.borderTopStyle).to.equal('solid');
    expect(parseFloat(style.borderTopWidth)).to.be.at.least(1);
    expect(style.borderTopColor).to.not.equal('rgba(0, 0, 0, 0)');
    controlByLabel(form, 'Last name').focus();
    await press('Tab'); // keyboard focus, so :focus-visible applies
    expect(shadow(form).activeElement).to.equal(input);
    const focused = getComputedStyle(input);
    expect(focused.outlineStyle).to.equal('solid');
    expect(parseFloat(focused.outlineWidth)).to.be.at.least(2);
    const button = getComputedStyle(submitButton(form));
    expect(button.borderTopStyle).to.equal('solid');
  });

  it('has no transitions when the visitor prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const form = await mountVariant('minimal');
    expect(getComputedStyle(controlByLabel(form, 'Email')).transitionDuration).to.equal('0s');
  });
});

describe('keyboard-only journey', () => {
  it('tabs in order, hears the summary, fixes the field and lands on the success message', async () => {
    const form = await mountVariant('json');
    controlByLabel(form, 'First name').focus();
    const order: string[] = [];
    for (let step = 0; step < 3; step++) {
      const active = shadow(form).activeElement as HTMLElement | null;
      order.push(active?.getAttribute('name') ?? active?.getAttribute('part') ?? '?');
      if (step < 2) await press('Tab');
    }
    expect(order).to.deep.equal(['first_name', 'email', 'submit']);
    await press('Enter');
    await waitFor(() => (shadow(form).querySelector('[role="alert"]')?.textContent ?? '').trim() !== '', 'the summary');
    expect(shadow(form).querySelector('[role="alert"]')?.textContent?.trim()).to.equal('There are problems with 2 fields. Please check them.');
    expect(shadow(form).activeElement).to.equal(controlByLabel(form, 'First name'));
    const error = controlByLabel(form, 'First name').getAttribute('aria-describedby') ?? '';
    expect(shadow(form).getElementById(error)?.textContent).to.equal('Please fill in this field.');
    await typeText('Ada');
    await press('Tab');
    await typeText('ada@example.com');
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    await form.updateComplete;
    expect(shadow(form).activeElement?.getAttribute('part')).to.equal('success');
  });
});
