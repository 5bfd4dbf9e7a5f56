// @ts-check
// The HTML-first generator (contract E), from the built server module
// (dist/lib/html/render-form-html.js, re-exported by keen-lead-form/relay):
// every field type, blocks, steps, show-if, consent, hidden fields, escaping,
// refilling values and errors, direct mode, languages and ids. Runs after
// `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { FormHtmlConfigError, renderFormBody, renderFormHtml } from '../../dist/lib/relay/index.js';
import { PRE_UPGRADE_CSS } from '../../dist/lib/html/pre-upgrade-style.js';

const RELAY = { relay: '', endpoint: 'https://site.example/keen-relay' };

/** The opening tag of the element carrying `attribute="value"` (first match). */
function tagWith(/** @type {string} */ html, /** @type {string} */ attribute, /** @type {string} */ value) {
  const match = html.match(new RegExp(`<[a-z0-9]+[^>]*\\s${attribute}="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`));
  assert.ok(match, `no tag with ${attribute}="${value}" in\n${html}`);
  return match[0];
}

/** The markup of the field wrapper with `data-field-id`, up to its closing tag. */
function fieldBlock(/** @type {string} */ html, /** @type {string} */ id) {
  const start = html.indexOf(`data-field-id="${id}"`);
  assert.ok(start >= 0, `no field ${id}`);
  const open = html.lastIndexOf('<', start);
  const tag = html.slice(open + 1, html.indexOf(' ', open));
  return html.slice(open, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

test('the whole element: host attributes, a post form to the relay, config, honeypot, style, fields in order, submit', () => {
  const html = renderFormHtml({ config: { fields: ['first_name', 'email', 'notes'] }, attributes: { ...RELAY, theme: 'rounded' } });
  assert.match(html, /^<keen-lead-form relay endpoint="https:\/\/site\.example\/keen-relay" theme="rounded">\n<form /);
  assert.match(html, /<\/form>\n<\/keen-lead-form>$/);
  const form = tagWith(html, 'class', 'keen-html');
  assert.match(form, /method="post"/);
  assert.match(form, /action="https:\/\/site\.example\/keen-relay"/);
  assert.match(form, /accept-charset="UTF-8"/);
  assert.ok(html.includes(`<style>${PRE_UPGRADE_CSS}</style>`));
  assert.match(html, /<div class="keen-html-hp" aria-hidden="true" style="position:absolute;left:-10000px;[^"]*"><input name="keen_hp_reference" type="text" tabindex="-1" autocomplete="off" data-1p-ignore data-lpignore="true" data-bwignore data-form-type="other"><\/div>/);
  const order = ['first_name', 'email', 'notes'].map((id) => html.indexOf(`data-field-id="${id}"`));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.match(html, /<button type="submit" class="keen-html-submit">Send<\/button>\n<\/form>/);
  assert.equal(renderFormBody({ config: { fields: ['first_name', 'email', 'notes'] }, attributes: RELAY }), html.slice(html.indexOf('<form'), html.lastIndexOf('\n</keen-lead-form>')).replace(' theme="rounded"', ''));
});

/** The JSON in keen_form, decoded as a browser decodes the attribute. */
function keenForm(/** @type {string} */ html) {
  const value = /value="([^"]*)"/.exec(tagWith(html, 'name', 'keen_form'))?.[1] ?? '';
  assert.ok(!value.includes('"'), 'quotes are escaped');
  return JSON.parse(value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'));
}

test('keen_form carries the configuration as given plus v and lang, JSON escaped into the attribute', () => {
  const config = {
    fields: /** @type {const} */ (['email', 'notes']),
    source: 'Landing "A"',
    redirect: 'https://site.example/thanks',
    successMessage: 'Tak </script>',
    referralParam: 'ref',
    messages: { submit: 'Go' },
  };
  const html = renderFormBody({ config, attributes: { ...RELAY, required: 'email notes' }, lang: 'de-AT' });
  assert.deepEqual(keenForm(html), {
    v: 1,
    lang: 'de',
    fields: ['email', 'notes'],
    required: ['email', 'notes'],
    messages: { submit: 'Go' },
    source: 'Landing "A"',
    redirect: 'https://site.example/thanks',
    successMessage: 'Tak </script>',
    referralParam: 'ref',
  });
  assert.match(html, />Go<\/button>/, 'messages override the catalogue as in the element');
});

test('keen_form: the attributes decide fields, consent and texts; where leads go stays on the host', () => {
  const html = renderFormBody({
    config: { fields: ['email'], channel: 'secret-ish', endpoint: 'https://keen.example/api', source: 'Config' },
    attributes: { ...RELAY, fields: 'first_name email', source: 'Attribute', consent: '', 'consent-version': '2026-01', 'success-message': 'Thanks!' },
  });
  assert.deepEqual(keenForm(html), { v: 1, lang: 'en', fields: ['first_name', 'email'], source: 'Attribute', successMessage: 'Thanks!', consent: { version: '2026-01' } });
});

test('the standard fields: labels, autocomplete, inputmode, maxlength and the required marker as the element renders them', () => {
  const html = renderFormBody({ config: { fields: ['first_name', 'last_name', 'email', 'phone', 'company_name', 'notes'] }, attributes: RELAY });
  assert.match(fieldBlock(html, 'email'), /^<div class="keen-html-field keen-html-full" data-field-id="email"><label for="keen-html-email">Email<span aria-hidden="true"> \*<\/span><\/label><input id="keen-html-email" name="email" type="text" inputmode="email" autocomplete="email" maxlength="254" required><\/div>$/);
  assert.match(fieldBlock(html, 'phone'), /type="tel" inputmode="tel" autocomplete="tel" maxlength="40">/);
  assert.match(fieldBlock(html, 'first_name'), /class="keen-html-field keen-html-half"/);
  assert.match(fieldBlock(html, 'notes'), /<textarea id="keen-html-notes" name="notes" autocomplete="off" maxlength="5000"><\/textarea>/);
  assert.ok(!/required/.test(fieldBlock(html, 'phone')));
  assert.match(html, /<p class="keen-html-legend">Fields marked \* are required\.<\/p>/);
});

test('every property type: select with its placeholder, checkbox, radio and checkbox groups, textarea, number, date, url', () => {
  const config = {
    fields: [
      { property: 'sel', type: 'select', label: 'Size', options: ['S', { value: 'm', label: 'Medium' }], required: true },
      { property: 'box', type: 'checkbox', label: 'Call me' },
      { property: 'rad', type: 'radio', label: 'Plan', options: ['A', 'B'], required: true, help: 'Pick one' },
      { property: 'many', type: 'checkboxes', label: 'Topics', options: ['X', 'Y'] },
      { property: 'long', type: 'textarea', label: 'Story', placeholder: 'Tell us' },
      { property: 'num', type: 'number', label: 'Seats', min: 1, max: 9 },
      { property: 'day', type: 'date', label: 'Start', min: '2026-01-01', max: '2026-12-31' },
      { property: 'web', type: 'url', label: 'Site' },
      { property: 'txt', type: 'text', label: 'Code', minLength: 2 },
    ],
  };
  const html = renderFormBody({ config: /** @type {any} */ (config), attributes: RELAY });
  assert.match(fieldBlock(html, 'property:sel'), /<select id="keen-html-property-sel" name="property:sel" autocomplete="off" required><option value="" selected>Choose…<\/option><option value="S">S<\/option><option value="m">Medium<\/option><\/select>/);
  assert.match(fieldBlock(html, 'property:box'), /class="keen-html-field keen-html-full keen-html-checkbox".*<input id="keen-html-property-box" name="property:box" type="checkbox" value="on"> <label for="keen-html-property-box">Call me<\/label>/);
  const radio = fieldBlock(html, 'property:rad');
  assert.match(radio, /^<fieldset class="keen-html-field keen-html-full keen-html-group" data-field-id="property:rad" id="keen-html-property-rad" aria-describedby="keen-html-property-rad-help"><legend>Plan<span aria-hidden="true"> \*<\/span><\/legend>/);
  assert.match(radio, /<label><input type="radio" name="property:rad" value="A" required> A<\/label><label><input type="radio" name="property:rad" value="B" required> B<\/label>/);
  assert.match(radio, /<p class="keen-html-help" id="keen-html-property-rad-help">Pick one<\/p><\/fieldset>$/);
  assert.match(fieldBlock(html, 'property:many'), /<label><input type="checkbox" name="property:many" value="X"> X<\/label><label><input type="checkbox" name="property:many" value="Y"> Y<\/label>/);
  assert.match(fieldBlock(html, 'property:long'), /<textarea id="keen-html-property-long" name="property:long" autocomplete="off" maxlength="5000" placeholder="Tell us"><\/textarea>/);
  // As the element: text with a decimal keyboard, no min/max attributes (the validator checks them).
  assert.match(fieldBlock(html, 'property:num'), /<input id="keen-html-property-num" name="property:num" type="text" inputmode="decimal" autocomplete="off">/);
  assert.match(fieldBlock(html, 'property:day'), /type="date" min="2026-01-01" max="2026-12-31" autocomplete="off">/);
  assert.match(fieldBlock(html, 'property:web'), /type="url" autocomplete="url" maxlength="2000">/);
  assert.match(fieldBlock(html, 'property:txt'), /type="text" autocomplete="off" minlength="2" maxlength="1000">/);
});

test('hidden fields are hidden inputs with their value; blocks, steps and show-if markers', () => {
  const config = {
    fields: [
      { step: 'About you' },
      { block: 'heading', text: 'Hello' },
      'email',
      { name: 'source', hidden: true, value: 'spring-campaign' },
      { step: 'Your needs' },
      { block: 'text', text: 'Only if filled', showIf: { field: 'email', filled: true } },
      { name: 'notes', showIf: { field: 'email', filled: true } },
    ],
  };
  const html = renderFormBody({ config: /** @type {any} */ (config), attributes: RELAY });
  assert.match(html, /<input type="hidden" name="source" value="spring-campaign">/);
  // Refilling after an error never takes a hidden field's value from the post.
  assert.match(renderFormBody({ config: /** @type {any} */ (config), attributes: RELAY, values: { source: 'forged' } }), /<input type="hidden" name="source" value="spring-campaign">/);
  assert.ok(!html.includes('data-field-id="source"'), 'no visible wrapper for a hidden field');
  assert.match(html, /<h3 class="keen-html-step">About you<\/h3>\n<h4 class="keen-html-block">Hello<\/h4>/);
  assert.ok(html.indexOf('>Your needs</h3>') > html.indexOf('data-field-id="email"'));
  assert.match(html, /<p class="keen-html-block" data-keen-show-if="\{&quot;field&quot;:&quot;email&quot;,&quot;filled&quot;:true\}">Only if filled<\/p>/);
  assert.match(fieldBlock(html, 'notes'), /data-field-id="notes" data-keen-show-if="\{&quot;field&quot;:&quot;email&quot;,&quot;filled&quot;:true\}"/);
});

test('consent and marketing consent: required box with the policy link, optional box; attributes as the element merges them', () => {
  const html = renderFormBody({ config: { fields: ['email'], consent: { link: 'https://site.example/privacy' } }, attributes: { ...RELAY, 'marketing-consent': '' } });
  assert.match(html, /<div class="keen-html-field keen-html-consent" data-field-id="keen_consent"><input type="checkbox" id="keen-html-keen_consent" name="keen_consent" value="yes" required> <label for="keen-html-keen_consent">I agree to the processing of my data as described in the <a href="https:\/\/site\.example\/privacy" target="_blank" rel="noopener">privacy policy<\/a>\.<span aria-hidden="true"> \*<\/span><\/label><\/div>/);
  assert.match(html, /<input type="checkbox" id="keen-html-keen_marketing_consent" name="keen_marketing_consent" value="yes"> <label for="keen-html-keen_marketing_consent">Yes, I would like to receive news and offers by email\.<\/label>/);
  const own = renderFormBody({ config: { fields: ['email'] }, attributes: { ...RELAY, consent: 'I accept the terms', 'consent-link': 'https://site.example/terms' } });
  // The link text is not in the text: the link follows, as in the element.
  assert.match(own, /I accept the terms<span aria-hidden="true"> \*<\/span><\/label><p class="keen-html-help"><a href="https:\/\/site\.example\/terms" target="_blank" rel="noopener">privacy policy<\/a><\/p>/);
});

test('everything is escaped: a label, help, option, block, value and attribute with markup or quotes comes out inert', () => {
  const evil = `<script>alert(1)</script>" onfocus="x' &amp;`;
  const config = {
    fields: [
      { name: 'first_name', label: evil, help: evil, placeholder: evil, value: evil },
      { property: 'p', type: 'select', label: evil, options: [{ value: evil, label: evil }] },
      { block: 'text', text: evil },
    ],
    messages: { submit: evil },
  };
  const html = renderFormHtml({ config: /** @type {any} */ (config), attributes: { ...RELAY, 'data-x': evil } });
  assert.ok(!html.includes('<script>'), 'no script tag');
  assert.ok(!/"\s*onfocus=/.test(html), 'no attribute breaks out');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onfocus=&quot;x&#39; &amp;amp;'));
  assert.throws(() => renderFormHtml({ config: {}, attributes: { ...RELAY, 'on"x': '1' } }), FormHtmlConfigError);
});

test('values and errors refill the form after an error: values shown, messages linked with aria-describedby and aria-invalid', () => {
  const config = {
    fields: [
      'email',
      'notes',
      { property: 'sel', type: 'select', label: 'Size', options: ['S', 'M'] },
      { property: 'rad', type: 'radio', label: 'Plan', options: ['A', 'B'] },
      { property: 'many', type: 'checkboxes', label: 'Topics', options: ['X', 'Y', 'Z'] },
      { property: 'box', type: 'checkbox', label: 'Call me' },
    ],
    consent: {},
  };
  const html = renderFormBody({
    config: /** @type {any} */ (config),
    attributes: RELAY,
    values: { email: 'anna@', notes: 'Hi <there>', 'property:sel': 'M', 'property:rad': 'B', 'property:many': ['X', 'Z'], 'property:box': 'on', keen_consent: 'yes' },
    errors: { email: 'Enter an email address like name@example.com.' },
  });
  assert.match(fieldBlock(html, 'email'), /<input id="keen-html-email" name="email" type="text" inputmode="email" autocomplete="email" maxlength="254" value="anna@" required aria-invalid="true" aria-describedby="keen-html-email-error"><p class="keen-html-error" id="keen-html-email-error">Enter an email address like name@example\.com\.<\/p>/);
  assert.match(fieldBlock(html, 'notes'), />Hi &lt;there&gt;<\/textarea>/);
  assert.match(fieldBlock(html, 'property:sel'), /<option value="">Choose…<\/option><option value="S">S<\/option><option value="M" selected>M<\/option>/);
  assert.match(fieldBlock(html, 'property:rad'), /value="B" checked>/);
  assert.match(fieldBlock(html, 'property:many'), /value="X" checked>.*value="Y">.*value="Z" checked>/);
  assert.match(fieldBlock(html, 'property:box'), /type="checkbox" value="on" checked>/);
  assert.match(html, /name="keen_consent" value="yes" required checked>/);
  assert.match(html, /<p class="keen-html-alert" role="alert">There is a problem with 1 field\. Please check it\.<\/p>/);
});

test('direct mode (channel, no relay): no action or method, a localised noscript note before the button', () => {
  const html = renderFormHtml({ config: { fields: ['email'] }, attributes: { channel: 'ch-1' }, lang: 'da' });
  const form = tagWith(html, 'class', 'keen-html');
  assert.ok(!/action=|method=/.test(form), form);
  assert.match(html, /<noscript><p class="keen-html-noscript">Denne formular kræver JavaScript[^<]*<\/p><\/noscript>\n<button type="submit" class="keen-html-submit">Indsend<\/button>/);
  assert.ok(!renderFormBody({ config: { fields: ['email'] }, attributes: RELAY }).includes('<noscript>'));
});

test('languages: the labels, placeholder option and button of the form language; lang written on the host', () => {
  const html = renderFormHtml({ config: { fields: ['email', { property: 'p', type: 'select', label: 'Str', options: ['S'] }] }, attributes: RELAY, lang: 'da' });
  assert.match(html, /^<keen-lead-form relay endpoint="[^"]+" lang="da">/);
  assert.match(html, /<label for="keen-html-email">E-mail<span/);
  assert.match(html, /<option value="" selected>Vælg…<\/option>/);
  assert.match(html, />Indsend<\/button>/);
  assert.match(renderFormBody({ config: { fields: ['email'] }, attributes: { ...RELAY, lang: 'nn-NO' } }), /E-post/);
  assert.match(renderFormBody({ config: { fields: ['email'] }, attributes: RELAY, lang: 'xx' }), /<label for="keen-html-email">Email/);
});

test('ids: keen-html-<field id> with characters outside [A-Za-z0-9_-] replaced by "-"', () => {
  const html = renderFormBody({ config: { fields: [{ property: '3f2a.b c/é', type: 'text', label: 'Odd' }] }, attributes: RELAY });
  assert.match(html, /<label for="keen-html-property-3f2a-b-c--">Odd<\/label><input id="keen-html-property-3f2a-b-c--" name="property:3f2a.b c\/é"/);
});

test('relay="<URL>" alone works as the action and becomes the endpoint the element posts to', () => {
  const html = renderFormHtml({ config: { fields: ['email'] }, attributes: { relay: 'https://site.example/r' } });
  assert.match(html, /^<keen-lead-form relay="https:\/\/site\.example\/r" endpoint="https:\/\/site\.example\/r">/);
  assert.match(html, /action="https:\/\/site\.example\/r"/);
});

test('a configuration the element would refuse throws FormHtmlConfigError naming every problem', () => {
  /** @param {import('../../dist/lib/relay/index.js').HtmlFormInput} input */
  const problemsOf = (input) => {
    try {
      renderFormHtml(input);
    } catch (error) {
      assert.ok(error instanceof FormHtmlConfigError);
      return error.problems;
    }
    assert.fail('did not throw');
  };
  assert.deepEqual(problemsOf({ config: { fields: ['email', 'email'] }, attributes: RELAY }), ['fields: email appears twice']);
  assert.match(problemsOf({ config: { fields: ['email'] }, attributes: {} }).join(), /channel is missing/);
  assert.match(problemsOf({ config: { fields: ['email'] }, attributes: { relay: '' } }).join(), /relay's URL/);
  assert.match(problemsOf({ config: { fields: ['email'], messages: { nope: 'x' } }, attributes: RELAY }).join(), /messages\.nope: unknown message key/);
  assert.match(problemsOf({ config: { fields: ['email'] }, attributes: { ...RELAY, timeout: '15s' } }).join(), /timeout: expected a whole number/);
  assert.match(problemsOf({ config: { fields: ['email'] }, attributes: { ...RELAY, required: 'phone' } }).join(), /required: "phone" is not one of the fields/);
});

test('server-only: the generator never enters the CDN files, and no browser entry imports src/html', () => {
  for (const file of readdirSync('dist/cdn').filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join('dist/cdn', file), 'utf8');
    for (const marker of ['accept-charset', 'keen-html-hp', 'keen-lead-form:not(:defined) .keen-html']) {
      assert.ok(!text.includes(marker), `${file} contains "${marker}"`);
    }
  }
  // The size budget's must-not-contain list (checked by every build) names it too.
  const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
  assert.ok(budget.mustNotContain.some((/** @type {{ text: string }} */ rule) => rule.text === 'accept-charset'));
  // Import graph from the browser entries: src/html is never reached.
  const seen = new Set();
  const queue = ['src/cdn.ts', 'src/index.ts', 'src/define.ts'].map((file) => resolve(file));
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.pop());
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), /** @type {string} */ (specifier)).replace(/\.js$/, '.ts');
      queue.push(target);
    }
  }
  assert.ok(seen.size > 20, `walked ${seen.size} modules`);
  assert.deepEqual([...seen].filter((file) => file.includes('/src/html/') || file.endsWith('no-script.ts')), []);
});

/** Every selector of a style sheet's style rules (at-rules' preludes left out, nested rules included), split at top-level commas. */
function selectorsOf(/** @type {string} */ css) {
  /** @type {string[]} */
  const selectors = [];
  let start = 0;
  for (let index = 0; index < css.length; index++) {
    const char = css[index];
    if (char === '}' || char === ';') start = index + 1;
    if (char !== '{') continue;
    const prelude = css.slice(start, index).trim();
    start = index + 1;
    if (prelude.startsWith('@')) continue;
    let depth = 0;
    let from = 0;
    for (let at = 0; at <= prelude.length; at++) {
      const c = prelude[at];
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (at === prelude.length || (c === ',' && depth === 0)) {
        selectors.push(prelude.slice(from, at).trim());
        from = at + 1;
      }
    }
  }
  return selectors;
}

test('the pre-upgrade style: every selector is the light form inside a not-yet-defined element, with at most theme conditions on the host', () => {
  const selectors = selectorsOf(PRE_UPGRADE_CSS);
  assert.ok(selectors.length > 40, `${selectors.length} selectors`);
  const scoped = /^keen-lead-form(\[theme~=(minimal|rounded|contrast|dark|inherit)\]|:not\(\[theme~=light\],\[theme~=inherit\]\))*:not\(:defined\) \.keen-html(?![\w-])/;
  assert.deepEqual(selectors.filter((selector) => !scoped.test(selector)), []);
  // Each preset and scheme word the element knows has its rules here (README "Theme presets").
  for (const word of ['minimal', 'rounded', 'contrast', 'dark', 'inherit']) {
    assert.ok(selectors.some((selector) => selector.includes(`[theme~=${word}]`)), word);
  }
  // The dark palette by preference, unless the host asks for light or the page's colours, as the element does.
  assert.match(PRE_UPGRADE_CSS, /@media \(prefers-color-scheme:dark\)\{keen-lead-form:not\(\[theme~=light\],\[theme~=inherit\]\):not\(:defined\) \.keen-html\{/);
});

test('the pre-upgrade style stays small (it is in every HTML-first page): under 10 000 characters, 2 KB gzipped', async () => {
  const { gzipSync } = await import('node:zlib');
  assert.ok(PRE_UPGRADE_CSS.length < 10000, `${PRE_UPGRADE_CSS.length} characters`);
  assert.ok(gzipSync(PRE_UPGRADE_CSS).length < 2048, `${gzipSync(PRE_UPGRADE_CSS).length} bytes gzipped`);
});
