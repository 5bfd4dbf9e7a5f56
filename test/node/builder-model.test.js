// @ts-check
// The builder's model and snippets as plain values: the configuration each
// editor state produces (contract A), and snippets that survive any text a
// user types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blockItem,
  initialState,
  itemToConfig,
  itemsFromChannelConfig,
  propertyItem,
  ruleToShowIf,
  standardItem,
  stepItem,
  themeAttribute,
  toConfig,
} from '../../demo/builder/form-model.js';
import { cdnSnippet, elementHtml, npmSnippet, scriptSafeJson, shortcodeSnippet } from '../../demo/builder/snippets.js';

const SIZE = 'a1000000-0000-4000-8000-000000000002';
const INDUSTRY = 'a1000000-0000-4000-8000-000000000003';
const NEWSLETTER = 'a1000000-0000-4000-8000-000000000004';

test('standard fields stay bare names unless something differs from their defaults', () => {
  const items = [standardItem('first_name'), standardItem('email'), { ...standardItem('email'), required: false }, { ...standardItem('phone'), required: true, label: ' Mobile ' }];
  assert.deepEqual(
    items.map((item) => itemToConfig(item, items)),
    ['first_name', 'email', { name: 'email', required: false }, { name: 'phone', label: 'Mobile', required: true }],
  );
});

test('custom properties carry only the settings their type uses', () => {
  /** @type {[import('../../demo/builder/form-model.js').PropertyItem, object][]} */
  const cases = [
    [propertyItem({ property: ` ${INDUSTRY} `, type: 'select', label: 'Industry', options: ['Software', ' ', 'Retail '] }), { property: INDUSTRY, type: 'select', label: 'Industry', options: ['Software', 'Retail'] }],
    [propertyItem({ property: 'p', type: 'checkboxes', options: ['A', 'B'], valueFormat: 'json' }), { property: 'p', type: 'checkboxes', options: ['A', 'B'], valueFormat: 'json' }],
    [propertyItem({ property: 'p', type: 'checkboxes', options: ['A'], valueFormat: 'list' }), { property: 'p', type: 'checkboxes', options: ['A'] }],
    [propertyItem({ property: 'p', type: 'number', min: '1', max: 'x' }), { property: 'p', type: 'number', min: 1 }],
    [propertyItem({ property: 'p', type: 'date', min: '2026-01-01', max: '2026-1-1' }), { property: 'p', type: 'date', min: '2026-01-01' }],
    [propertyItem({ property: 'p', type: 'text', options: ['ignored'], min: '3', help: 'Say it', required: true }), { property: 'p', type: 'text', help: 'Say it', required: true }],
  ];
  for (const [item, expected] of cases) assert.deepEqual(itemToConfig(item, [item]), expected);
});

test('rules: one condition as it is, several joined by all/any, values typed by operator and field', () => {
  const items = [propertyItem({ property: SIZE, type: 'number' }), propertyItem({ property: NEWSLETTER, type: 'checkbox' }), propertyItem({ property: INDUSTRY, type: 'select', options: ['A'] }), standardItem('email')];
  /** @type {[import('../../demo/builder/form-model.js').Rule, unknown][]} */
  const cases = [
    [{ join: 'all', conditions: [] }, undefined],
    [{ join: 'all', conditions: [{ field: INDUSTRY, operator: 'equals', value: 'Retail' }] }, { field: INDUSTRY, equals: 'Retail' }],
    [{ join: 'all', conditions: [{ field: SIZE, operator: 'notEquals', value: '10' }] }, { field: SIZE, notEquals: 10 }],
    [{ join: 'all', conditions: [{ field: NEWSLETTER, operator: 'equals', value: 'true' }] }, { field: NEWSLETTER, equals: true }],
    [{ join: 'all', conditions: [{ field: INDUSTRY, operator: 'oneOf', value: 'Retail, Software,' }] }, { field: INDUSTRY, oneOf: ['Retail', 'Software'] }],
    [{ join: 'all', conditions: [{ field: 'email', operator: 'filled', value: 'ignored' }] }, { field: 'email', filled: true }],
    [
      { join: 'any', conditions: [{ field: SIZE, operator: 'greaterThan', value: '5' }, { field: SIZE, operator: 'lessThan', value: '2' }] },
      { any: [{ field: SIZE, greaterThan: 5 }, { field: SIZE, lessThan: 2 }] },
    ],
    [
      { join: 'all', conditions: [{ field: 'email', operator: 'filled', value: '' }, { field: INDUSTRY, operator: 'notEquals', value: 'A' }] },
      { all: [{ field: 'email', filled: true }, { field: INDUSTRY, notEquals: 'A' }] },
    ],
  ];
  for (const [rule, expected] of cases) assert.deepEqual(ruleToShowIf(rule, items), expected, JSON.stringify(rule));
});

test('steps, blocks and rules make the configuration of contract A', () => {
  const state = initialState();
  state.source = ' Builder ';
  const industry = propertyItem({ property: INDUSTRY, type: 'radio', label: 'Industry', options: ['Software', 'Retail'] });
  const heading = { ...blockItem('heading'), text: 'Retail partners', rule: { join: /** @type {const} */ ('all'), conditions: [{ field: INDUSTRY, operator: 'equals', value: 'Retail' }] } };
  state.items = [stepItem(' About you '), standardItem('email'), stepItem('Company'), industry, heading];
  assert.deepEqual(toConfig(state), {
    source: 'Builder',
    fields: [
      { step: 'About you' },
      'email',
      { step: 'Company' },
      { property: INDUSTRY, type: 'radio', label: 'Industry', options: ['Software', 'Retail'] },
      { block: 'heading', text: 'Retail partners', showIf: { field: INDUSTRY, equals: 'Retail' } },
    ],
  });
});

test('theme: preset and scheme joined, defaults left out', () => {
  const state = initialState();
  /** @type {[string, string, string][]} */
  const cases = [['', 'auto', ''], ['', 'dark', 'dark'], ['rounded', 'auto', 'rounded'], ['rounded', 'dark', 'rounded dark'], ['contrast', 'inherit', 'contrast inherit']];
  for (const [preset, scheme, expected] of cases) assert.equal(themeAttribute({ ...state, preset, scheme }), expected);
});

test('typed text cannot break out of the snippets', () => {
  const state = initialState();
  state.channel = 'abc" onclick="x';
  state.items = [propertyItem({ property: 'p', type: 'text', label: '</script><img src=x onerror=alert(1)> [/keen_lead_form] & "' })];
  const html = elementHtml(state);
  assert.match(html, /^<keen-lead-form channel="abc&quot; onclick=&quot;x">/);
  assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the closing tag of the JSON block');
  const json = /<script type="application\/json">([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
  assert.deepEqual(JSON.parse(json), toConfig(state));
  const shortcode = shortcodeSnippet(state);
  assert.equal(shortcode.match(/\[\/keen_lead_form\]/g)?.length, 1, 'only the closing shortcode tag');
  assert.doesNotMatch(shortcode, /channel="abc"/, 'quotes are removed from shortcode attributes');
  const enclosed = /^\[keen_lead_form[^\]]*\](.*)\[\/keen_lead_form\]$/.exec(shortcode)?.[1] ?? '';
  assert.deepEqual(JSON.parse(enclosed), toConfig(state));
  assert.equal(scriptSafeJson('<'), '"\\u003c"');
});

test('the CDN snippet pins the version and hash; the npm snippet sets the same settings as properties', () => {
  const state = initialState();
  state.channel = 'CH';
  state.endpoint = 'https://example.com/api';
  state.preset = 'rounded';
  state.scheme = 'dark';
  state.lang = 'de';
  state.colours = { '--keen-accent': '#123456', '--keen-text': 'not-a-colour' };
  const cdn = cdnSnippet(state, { version: '1.2.3', integrity: 'sha384-abc' });
  assert.match(cdn, /src="https:\/\/cdn\.jsdelivr\.net\/npm\/keen-lead-form@1\.2\.3\/dist\/cdn\/keen-lead-form\.js"\n\s+integrity="sha384-abc" crossorigin="anonymous"/);
  assert.match(cdn, /<keen-lead-form channel="CH" endpoint="https:\/\/example\.com\/api" theme="rounded dark" lang="de" style="--keen-accent: #123456">/);
  const npm = npmSnippet(state);
  for (const line of ['form.channel = "CH";', 'form.endpoint = "https://example.com/api";', 'form.setAttribute("lang", "de");', 'form.style.setProperty("--keen-accent", "#123456");']) {
    assert.ok(npm.includes(line), `${line} in\n${npm}`);
  }
  assert.match(npm, /form\.theme = "rounded dark"/);
  assert.match(shortcodeSnippet(state), /^\[keen_lead_form channel="CH" endpoint="https:\/\/example\.com\/api" theme="rounded dark" lang="de"\]\{/);
  assert.match(shortcodeSnippet(state), /keen-lead-form \{\n {2}--keen-accent: #123456;\n\}/);
});

test('relay mode: no channel on the page, and the shortcode leaves the relay to the plugin', () => {
  const state = initialState();
  state.channel = 'CH';
  state.relay = true;
  state.endpoint = 'https://example.com/relay';
  assert.match(elementHtml(state), /^<keen-lead-form relay endpoint="https:\/\/example\.com\/relay">/);
  assert.match(shortcodeSnippet(state), /^\[keen_lead_form\]\{/);
});

test('relay mode writes the HTML-first form into the CDN and npm snippets; off, without a relay or without a URL it does not', () => {
  const state = initialState();
  state.relay = true;
  state.endpoint = 'https://example.com/relay';
  state.lang = 'da';
  const report = { version: '1.2.3', integrity: 'sha384-abc' };
  const cdn = cdnSnippet(state, report);
  assert.match(cdn, /crossorigin="anonymous"><\/script>\n\n<keen-lead-form relay endpoint="https:\/\/example\.com\/relay" lang="da">\n<form class="keen-html" method="post" action="https:\/\/example\.com\/relay"/);
  for (const label of ['Fornavn', 'Efternavn', 'E-mail', 'Besked']) assert.ok(cdn.includes(`>${label}`), `${label} in the form`);
  assert.ok(!cdn.includes('application/json'));
  const npm = npmSnippet(state);
  assert.ok(npm.includes('<form class="keen-html" method="post" action="https://example.com/relay"'));
  assert.match(npm, /^import 'keen-lead-form\/define';/m);
  assert.match(cdnSnippet({ ...state, htmlFirst: false }, report), /<script type="application\/json">/);
  assert.ok(!cdnSnippet({ ...state, relay: false, channel: 'CH' }, report).includes('keen-html'));
  const noUrl = cdnSnippet({ ...state, endpoint: '' }, report);
  assert.match(noUrl, /<!-- The form is not written as HTML yet: relay: the form needs your relay's URL/);
  assert.match(noUrl, /<script type="application\/json">/);
  // A label with markup stays text in the HTML-first form too.
  const evil = { ...state, items: [{ ...standardItem('email'), label: '<img src=x onerror=alert(1)>' }] };
  assert.ok(cdnSnippet(evil, report).includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!cdnSnippet(evil, report).includes('<img'));
});

test("the channel's fields (contract D) become editor items; unknown entries are reported", () => {
  const { items, problems } = itemsFromChannelConfig({
    fields: ['first_name', 'email', { property: INDUSTRY, type: 'select', label: 'Industry', options: ['A', 'B'] }, { property: NEWSLETTER, type: 'checkbox', label: 'Opt-in' }, 42, 'notes'],
  });
  const state = { ...initialState(), items };
  assert.deepEqual(toConfig(state).fields, ['first_name', 'email', { property: INDUSTRY, type: 'select', label: 'Industry', options: ['A', 'B'] }, { property: NEWSLETTER, type: 'checkbox', label: 'Opt-in' }, 'notes']);
  assert.deepEqual(problems, ['left out an entry the builder does not know: 42']);
  assert.deepEqual(itemsFromChannelConfig({ error: 'x' }).problems, ['the answer has no "fields" list']);
});
