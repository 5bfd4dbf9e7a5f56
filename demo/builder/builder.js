/*
 * The builder page: an editor for the model in form-model.js, a live
 * preview that is the real <keen-lead-form> (the built CDN file) rendered
 * from the very HTML the CDN snippet holds, and the snippets with Copy
 * buttons. Plain DOM: the page is a tool, not part of the widget's bundle.
 *
 * Keyboard and screen readers: every control has a label, groups are
 * fieldsets, items are reordered with buttons (no drag), a re-render keeps
 * focus on the control the user was in, and "Copied" is said in a live region.
 */
import {
  COLOUR_PROPERTIES,
  LANGUAGES,
  OPERATORS,
  PROPERTY_TYPES,
  STANDARD_FIELD_NAMES,
  STANDARD_FIELD_TITLES,
  THEME_PRESETS,
  THEME_SCHEMES,
  TYPES_WITH_OPTIONS,
  blockItem,
  fieldId,
  initialState,
  isField,
  itemTitle,
  itemsFromChannelConfig,
  propertyItem,
  standardItem,
  stepItem,
} from './form-model.js';
import { cdnSnippet, elementHtml, npmSnippet, shortcodeSnippet } from './snippets.js';

/** Where the demo's emulator and relay run; empty in the static site, where the user enters an endpoint. */
const { emulatorUrl, relayUrl } = await import('../config.js').catch(() => ({ emulatorUrl: '', relayUrl: '' }));
const inDemo = emulatorUrl !== '';
const emulatorApi = inDemo ? `${emulatorUrl}/functions/v1/keen-api` : '';

/** @type {import('./form-model.js').CdnReport | undefined} */
const cdnReport = await fetch(new URL('../../dist/cdn/report.json', import.meta.url))
  .then((response) => (response.ok ? response.json() : undefined))
  .catch(() => undefined);

const state = initialState();
if (inDemo) {
  state.channel = 'c0ffee00-0000-4000-8000-000000000001';
  state.endpoint = emulatorApi;
}
/** The item whose settings are open in the editor. */
let selectedKey = state.items[0]?.key;
/** Said under "Load fields from channel" after it ran. */
let channelFieldsMessage = '';

const editor = /** @type {HTMLElement} */ (document.getElementById('editor'));
const preview = /** @type {HTMLElement} */ (document.getElementById('preview'));
const snippets = /** @type {HTMLElement} */ (document.getElementById('snippets'));
const copyStatus = /** @type {HTMLElement} */ (document.getElementById('copy-status'));
const previewNote = /** @type {HTMLElement} */ (document.getElementById('preview-note'));

/**
 * A small element factory: properties (on*, textContent, value…) and attributes in one object.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {(Node | string | false | undefined)[]} children
 */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name in element && !name.includes('-') && name !== 'list') /** @type {Record<string, unknown>} */ (element)[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== false && child !== undefined) element.append(child);
  return element;
}

/** A labelled text input bound to `read`/`write`; typing refreshes the preview, not the editor (focus stays). */
function textInput(/** @type {string} */ id, /** @type {string} */ label, /** @type {() => string} */ read, /** @type {(value: string) => void} */ write, extra = {}) {
  return [
    h('label', { htmlFor: id }, label),
    h('input', { id, type: 'text', value: read(), oninput: (/** @type {Event} */ event) => { write(/** @type {HTMLInputElement} */ (event.target).value); changed({ list: true }); }, ...extra }),
  ];
}

/** A labelled select; changing it re-renders the editor (what it shows can depend on the choice). */
function selectInput(/** @type {string} */ id, /** @type {string} */ label, /** @type {readonly (string | { value: string, title: string })[]} */ options, /** @type {string} */ current, /** @type {(value: string) => void} */ write) {
  return [
    h('label', { htmlFor: id }, label),
    h(
      'select',
      { id, onchange: (/** @type {Event} */ event) => { write(/** @type {HTMLSelectElement} */ (event.target).value); changed({ editor: true }); } },
      ...options.map((option) => {
        const { value, title } = typeof option === 'string' ? { value: option, title: option } : option;
        return h('option', { value, selected: value === current }, title);
      }),
    ),
  ];
}

function checkbox(/** @type {string} */ id, /** @type {string} */ label, /** @type {boolean} */ checked, /** @type {(value: boolean) => void} */ write) {
  return h(
    'label',
    { className: 'inline', htmlFor: id },
    h('input', { id, type: 'checkbox', checked, onchange: (/** @type {Event} */ event) => { write(/** @type {HTMLInputElement} */ (event.target).checked); changed({ editor: true }); } }),
    label,
  );
}

// ——— The editor ———

function renderEditor() {
  const focusedId = document.activeElement instanceof HTMLElement && editor.contains(document.activeElement) ? document.activeElement.id : '';
  editor.replaceChildren(destinationFieldset(), itemsFieldset(), selectedItemFieldset() ?? '', lookFieldset(), afterSendingFieldset());
  if (focusedId !== '') {
    const again = document.getElementById(focusedId);
    if (again instanceof HTMLElement && !(again instanceof HTMLButtonElement && again.disabled)) again.focus();
    else focusFallback(focusedId);
  }
}

/** After a move to the top or bottom the pressed button is disabled: its twin takes the focus. */
function focusFallback(/** @type {string} */ id) {
  const twin = id.startsWith('move-up-') ? id.replace('move-up-', 'move-down-') : id.startsWith('move-down-') ? id.replace('move-down-', 'move-up-') : '';
  const target = document.getElementById(twin) ?? document.getElementById('items-heading');
  target?.focus();
}

function destinationFieldset() {
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Where leads go'),
    checkbox('relay', 'Send through a relay (the relay adds the channel id; none on the page)', state.relay, (relay) => {
      state.relay = relay;
      if (inDemo) state.endpoint = relay ? relayUrl : emulatorApi;
    }),
    state.relay &&
      checkbox('html-first', 'Write the form as HTML too (works before and without the script)', state.htmlFirst, (htmlFirst) => {
        state.htmlFirst = htmlFirst;
      }),
    state.relay &&
      state.htmlFirst &&
      h('p', { className: 'hint', id: 'html-first-hint' }, 'The CDN and npm snippets then hold the form itself: visitors can type before the script arrives, and it posts to your relay if the script never runs. Its words are in the language chosen under Look and language (English for the page’s language).'),
    ...(state.relay ? [] : textInput('channel', 'Channel id', () => state.channel, (value) => (state.channel = value))),
    ...textInput('endpoint', state.relay ? 'Relay URL' : 'Endpoint (Keen API URL; empty for Keen itself)', () => state.endpoint, (value) => (state.endpoint = value), { placeholder: state.relay ? 'https://www.example.com/keen-lead' : 'https://data.keenpartner.com/functions/v1/keen-api' }),
    inDemo && h('p', { className: 'hint' }, 'In this demo the endpoint is the local Keen emulator (or the demo relay): leads sent from the preview are stored there.'),
    relayUrl !== '' &&
      h(
        'div',
        {},
        h('button', { type: 'button', id: 'load-channel-fields', onclick: loadChannelFields }, 'Load fields from channel'),
        h('p', { className: 'hint', id: 'channel-fields-message', role: 'status' }, channelFieldsMessage),
      ),
  );
}

function itemsFieldset() {
  const available = STANDARD_FIELD_NAMES.filter((name) => !state.items.some((item) => item.kind === 'standard' && item.name === name));
  return h(
    'fieldset',
    { 'aria-describedby': 'items-hint' },
    h('legend', { id: 'items-heading', tabIndex: -1 }, 'Fields, blocks and steps'),
    h('p', { className: 'hint', id: 'items-hint' }, 'In the order the form shows them. A step starts a new page of the form; fields before the first step are on a first page.'),
    itemList(),
    available.length > 0 &&
      h(
        'div',
        { className: 'row' },
        h('div', {}, ...selectInputPlain('add-standard', 'Standard field', available.map((name) => ({ value: name, title: STANDARD_FIELD_TITLES[name] ?? name })))),
        h('button', { type: 'button', id: 'add-standard-button', onclick: addStandardField }, 'Add field'),
      ),
    h(
      'div',
      { className: 'row' },
      h('button', { type: 'button', id: 'add-property', onclick: () => addItem(propertyItem()) }, 'Add custom property'),
      h('button', { type: 'button', id: 'add-heading', onclick: () => addItem(blockItem('heading')) }, 'Add heading'),
      h('button', { type: 'button', id: 'add-text', onclick: () => addItem(blockItem('text')) }, 'Add text'),
      h('button', { type: 'button', id: 'add-step', onclick: () => addItem(stepItem(`Step ${state.items.filter((item) => item.kind === 'step').length + 1}`)) }, 'Add step'),
    ),
  );
}

function itemList() {
  return h('ol', { className: 'items' }, ...state.items.map((item, index) => itemRow(item, index)));
}

/** A select whose value is read when a button is pressed (no re-render on change). */
function selectInputPlain(/** @type {string} */ id, /** @type {string} */ label, /** @type {{ value: string, title: string }[]} */ options) {
  return [h('label', { htmlFor: id }, label), h('select', { id }, ...options.map(({ value, title }) => h('option', { value }, title)))];
}

function addStandardField() {
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById('add-standard'));
  if (select === null || select.value === '') return;
  addItem(standardItem(select.value));
}

/** @param {import('./form-model.js').Item} item */
function addItem(item) {
  state.items.push(item);
  selectedKey = item.key;
  changed({ editor: true });
  // The new item's first setting, so keyboard users carry on where they are needed.
  const first = editor.querySelector('#selected-item input, #selected-item select, #selected-item textarea');
  if (first instanceof HTMLElement) first.focus();
}

/** @param {import('./form-model.js').Item} item @param {number} index */
function itemRow(item, index) {
  const title = itemTitle(item);
  const selected = item.key === selectedKey;
  return h(
    'li',
    { className: item.kind === 'step' ? 'step' : '', 'aria-current': selected ? 'true' : undefined },
    h('span', { className: 'name', id: `item-name-${item.key}` }, title),
    h('button', { type: 'button', id: `edit-${item.key}`, 'aria-label': `Edit ${title}`, 'aria-pressed': String(selected), onclick: () => { selectedKey = item.key; changed({ editor: true }); } }, 'Edit'),
    h('button', { type: 'button', id: `move-up-${item.key}`, 'aria-label': `Move ${title} up`, disabled: index === 0, onclick: () => moveItem(index, -1) }, '↑'),
    h('button', { type: 'button', id: `move-down-${item.key}`, 'aria-label': `Move ${title} down`, disabled: index === state.items.length - 1, onclick: () => moveItem(index, 1) }, '↓'),
    h('button', { type: 'button', id: `remove-${item.key}`, 'aria-label': `Remove ${title}`, onclick: () => removeItem(index) }, 'Remove'),
  );
}

/** @param {number} index @param {-1 | 1} by */
function moveItem(index, by) {
  const [item] = state.items.splice(index, 1);
  if (item === undefined) return;
  state.items.splice(index + by, 0, item);
  changed({ editor: true });
  copyStatus.textContent = `Moved ${itemTitle(item)} to position ${index + by + 1} of ${state.items.length}.`;
}

/** @param {number} index */
function removeItem(index) {
  const [item] = state.items.splice(index, 1);
  if (item === undefined) return;
  if (selectedKey === item.key) selectedKey = state.items[Math.min(index, state.items.length - 1)]?.key;
  changed({ editor: true });
  copyStatus.textContent = `Removed ${itemTitle(item)}.`;
  document.getElementById('items-heading')?.focus();
}

function selectedItemFieldset() {
  const item = state.items.find((candidate) => candidate.key === selectedKey);
  if (item === undefined) return undefined;
  const id = (/** @type {string} */ name) => `item-${item.key}-${name}`;
  /** @type {(Node | string | false | undefined)[]} */
  const controls = [];
  if (item.kind === 'step') {
    controls.push(...textInput(id('title'), 'Step title', () => item.title, (value) => (item.title = value)));
  } else if (item.kind === 'block') {
    controls.push(...selectInput(id('block'), 'Block', [{ value: 'heading', title: 'Heading' }, { value: 'text', title: 'Text' }], item.block, (value) => (item.block = value === 'text' ? 'text' : 'heading')));
    controls.push(h('label', { htmlFor: id('text') }, 'Text'), h('textarea', { id: id('text'), rows: 2, value: item.text, oninput: (/** @type {Event} */ event) => { item.text = /** @type {HTMLTextAreaElement} */ (event.target).value; changed({ list: true }); } }));
  } else {
    if (item.kind === 'property') {
      controls.push(...textInput(id('property'), 'Property id (uuid from the channel in Keen)', () => item.property, (value) => (item.property = value), { spellcheck: false, autocomplete: 'off' }));
      controls.push(...selectInput(id('type'), 'Type', PROPERTY_TYPES, item.type, (value) => (item.type = value)));
    }
    controls.push(...textInput(id('label'), item.kind === 'standard' ? 'Label (empty: the translated default)' : 'Label', () => item.label, (value) => (item.label = value)));
    controls.push(...textInput(id('help'), 'Help text', () => item.help, (value) => (item.help = value)));
    controls.push(h('div', {}, checkbox(id('required'), 'Required', item.required, (value) => (item.required = value))));
    if (item.kind === 'property' && TYPES_WITH_OPTIONS.has(item.type)) {
      controls.push(
        h('label', { htmlFor: id('options') }, 'Options, one per line'),
        h('textarea', { id: id('options'), rows: 4, value: item.options.join('\n'), oninput: (/** @type {Event} */ event) => { item.options = /** @type {HTMLTextAreaElement} */ (event.target).value.split('\n'); changed({}); } }),
      );
    }
    if (item.kind === 'property' && item.type === 'checkboxes') {
      controls.push(...selectInput(id('value-format'), 'Sent to Keen as', [{ value: 'list', title: 'A readable list ("A, B")' }, { value: 'json', title: 'A JSON array (["A","B"])' }], item.valueFormat, (value) => (item.valueFormat = value === 'json' ? 'json' : 'list')));
    }
    if (item.kind === 'property' && (item.type === 'number' || item.type === 'date')) {
      const placeholder = item.type === 'date' ? 'YYYY-MM-DD' : '';
      controls.push(h('div', { className: 'row' }, h('div', {}, ...textInput(id('min'), 'Minimum', () => item.min, (value) => (item.min = value), { placeholder })), h('div', {}, ...textInput(id('max'), 'Maximum', () => item.max, (value) => (item.max = value), { placeholder }))));
    }
  }
  if (item.kind !== 'step') controls.push(ruleFieldset(item));
  return h('fieldset', { id: 'selected-item' }, h('legend', {}, `Settings of ${itemTitle(item)}`), ...controls);
}

/** The show-if rule editor: conditions on other fields (field, operator, value), joined by all or any. */
function ruleFieldset(/** @type {Exclude<import('./form-model.js').Item, import('./form-model.js').StepItem>} */ item) {
  const rule = item.rule ?? { join: 'all', conditions: [] };
  const targets = state.items.filter((candidate) => isField(candidate) && candidate.key !== item.key && fieldId(candidate) !== '');
  const id = (/** @type {string} */ name) => `item-${item.key}-rule-${name}`;
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Show only when'),
    rule.conditions.length === 0 && h('p', { className: 'hint' }, 'Always shown. Add a condition to show it only when other answers say so.'),
    rule.conditions.length > 1 &&
      h('div', {}, ...selectInput(id('join'), 'Combine conditions', [{ value: 'all', title: 'All of them hold' }, { value: 'any', title: 'Any of them holds' }], rule.join, (value) => (rule.join = value === 'any' ? 'any' : 'all'))),
    ...rule.conditions.map((condition, index) => {
      const operator = OPERATORS.find((candidate) => candidate.id === condition.operator);
      const n = index + 1;
      return h(
        'fieldset',
        {},
        h('legend', {}, `Condition ${n}`),
        h(
          'div',
          { className: 'row' },
          h('div', {}, ...selectInput(id(`${index}-field`), 'Field', [{ value: '', title: '(choose a field)' }, ...targets.map((target) => ({ value: fieldId(target), title: itemTitle(target) }))], condition.field, (value) => (condition.field = value))),
          h('div', {}, ...selectInput(id(`${index}-operator`), 'Operator', OPERATORS.map(({ id: value, title }) => ({ value, title })), condition.operator, (value) => (condition.operator = value))),
          operator?.takesValue !== false && h('div', {}, ...textInput(id(`${index}-value`), 'Value', () => condition.value, (value) => (condition.value = value))),
          h('button', { type: 'button', id: id(`${index}-remove`), 'aria-label': `Remove condition ${n}`, onclick: () => { rule.conditions.splice(index, 1); changed({ editor: true }); document.getElementById(id('add'))?.focus(); } }, 'Remove'),
        ),
      );
    }),
    h(
      'button',
      {
        type: 'button',
        id: id('add'),
        disabled: targets.length === 0,
        onclick: () => {
          rule.conditions.push({ field: fieldId(targets[0] ?? item), operator: 'equals', value: '' });
          item.rule = rule;
          changed({ editor: true });
          document.getElementById(id(`${rule.conditions.length - 1}-field`))?.focus();
        },
      },
      'Add condition',
    ),
  );
}

function lookFieldset() {
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Look and language'),
    ...selectInput('lang', 'Language', LANGUAGES.map(({ code, title }) => ({ value: code, title })), state.lang, (value) => (state.lang = value)),
    ...selectInput('theme-preset', 'Theme preset', THEME_PRESETS.map((preset) => ({ value: preset, title: preset === '' ? 'Default' : preset })), state.preset, (value) => (state.preset = value)),
    ...selectInput('theme-scheme', 'Colour scheme', THEME_SCHEMES.map((scheme) => ({ value: scheme, title: scheme === 'auto' ? "auto (the visitor's light or dark)" : scheme === 'inherit' ? "inherit (the page's colours)" : scheme })), state.scheme, (value) => (state.scheme = value)),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Colours (the --keen-* custom properties)'),
      h('p', { className: 'hint' }, 'Only colours you change are written. Check the contrast of the colours you choose.'),
      ...COLOUR_PROPERTIES.map(({ name, title, initial }) =>
        h(
          'div',
          { className: 'row' },
          h('label', { htmlFor: `colour-${name}` }, `${title} (${name})`),
          h('input', { id: `colour-${name}`, type: 'color', value: state.colours[name] ?? initial, oninput: (/** @type {Event} */ event) => { state.colours[name] = /** @type {HTMLInputElement} */ (event.target).value; changed({}); } }),
        ),
      ),
      h('button', { type: 'button', id: 'reset-colours', onclick: () => { state.colours = {}; changed({ editor: true }); } }, 'Reset colours'),
    ),
  );
}

function afterSendingFieldset() {
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Lead details'),
    ...textInput('source', 'Source (sent with every lead; empty: "Website")', () => state.source, (value) => (state.source = value)),
    ...textInput('success-message', 'Success message (empty: the translated default)', () => state.successMessage, (value) => (state.successMessage = value)),
  );
}

async function loadChannelFields() {
  channelFieldsMessage = 'Loading the channel’s fields…';
  changed({ editor: true });
  try {
    const url = new URL(relayUrl);
    url.searchParams.set('action', 'fields');
    const response = await fetch(url);
    const json = await response.json().catch(() => undefined);
    if (!response.ok) throw new Error(typeof json?.error === 'string' ? json.error : `the relay answered ${response.status}`);
    const { items, problems } = itemsFromChannelConfig(json);
    if (items.length === 0) throw new Error(problems[0] ?? 'the channel has no fields');
    state.items = items;
    selectedKey = items[0]?.key;
    channelFieldsMessage = `Loaded ${items.length} fields from the channel.${problems.length > 0 ? ` ${problems.join('; ')}.` : ''}`;
  } catch (error) {
    // Nothing the user built is lost: the list stays as it was.
    channelFieldsMessage = `Could not load the channel's fields: ${error instanceof Error ? error.message : String(error)}. Your fields are unchanged.`;
  }
  changed({ editor: true });
}

// ——— Preview and snippets ———

let previewTimer = 0;
/** The HTML last put into the preview: an edit that changes nothing keeps the form (and what was typed in it). */
let previewHtml = '';

function renderPreview() {
  preview.dataset['state'] = 'current';
  const html = elementHtml(state);
  if (html === previewHtml) return;
  previewHtml = html;
  // Parsed as one piece, so the element upgrades with its JSON child already in place, as on a site.
  preview.innerHTML = html;
  previewNote.textContent = state.endpoint.trim() === '' && !inDemo ? 'With no endpoint the preview sends real leads to Keen.' : `Leads from the preview go to ${state.endpoint.trim() || "Keen"}.`;
}

/** Which snippets there are, each with a title and a line on what it needs. */
const SNIPPETS = /** @type {const} */ ([
  { id: 'cdn', title: 'CDN (any website)', hint: 'Paste into the page’s HTML. The integrity hash pins the exact file.' },
  { id: 'npm', title: 'npm (apps)', hint: 'After npm install keen-lead-form; the element is appended to #contact.' },
  { id: 'wordpress', title: 'WordPress shortcode', hint: 'Needs the Keen Lead Form plugin. In relay mode the plugin’s own relay (Settings → Send through this site) is used.' },
]);

function snippetText(/** @type {string} */ id) {
  if (id === 'cdn') return cdnReport === undefined ? `<!-- The build's dist/cdn/report.json (version and integrity hash) could not be loaded. -->\n${elementHtml(state)}` : cdnSnippet(state, cdnReport);
  if (id === 'npm') return npmSnippet(state);
  return shortcodeSnippet(state);
}

function renderSnippets() {
  if (snippets.childElementCount === 0) {
    snippets.append(
      ...SNIPPETS.map(({ id, title, hint }) =>
        h(
          'div',
          { className: 'snippet' },
          h('h3', { id: `snippet-${id}-heading` }, title, h('button', { type: 'button', id: `copy-${id}`, 'aria-label': `Copy the ${title} snippet`, onclick: () => copySnippet(id, title) }, 'Copy')),
          h('p', { className: 'hint' }, hint),
          h('pre', { tabIndex: 0, 'aria-labelledby': `snippet-${id}-heading` }, h('code', { id: `snippet-${id}` })),
        ),
      ),
    );
  }
  for (const { id } of SNIPPETS) {
    const code = document.getElementById(`snippet-${id}`);
    if (code !== null) code.textContent = snippetText(id);
  }
}

async function copySnippet(/** @type {string} */ id, /** @type {string} */ title) {
  const text = snippetText(id);
  try {
    await navigator.clipboard.writeText(text);
    copyStatus.textContent = `Copied the ${title} snippet.`;
  } catch {
    // No clipboard permission (an http page, an old browser): select the text so Ctrl+C copies it.
    const code = document.getElementById(`snippet-${id}`);
    if (code !== null) getSelection()?.selectAllChildren(code);
    copyStatus.textContent = `Could not copy automatically: the ${title} snippet is selected, press Ctrl+C (⌘C) to copy it.`;
  }
}

/**
 * Something in the model changed. The preview and snippets always follow;
 * the editor is rebuilt only when its shape changed (rebuilding while typing
 * would move the caret), and item names in the list follow labels as typed.
 * @param {{ editor?: boolean, list?: boolean }} what
 */
function changed({ editor: rebuild = false, list = false }) {
  if (rebuild) renderEditor();
  else if (list) {
    // Names follow what is typed, in the list (its buttons' labels too) and the settings' legend;
    // the focus is in the settings, so replacing the list moves nothing.
    editor.querySelector('ol.items')?.replaceWith(itemList());
    const selected = state.items.find((item) => item.key === selectedKey);
    const legend = editor.querySelector('#selected-item > legend');
    if (legend !== null && selected !== undefined) legend.textContent = `Settings of ${itemTitle(selected)}`;
  }
  renderSnippets();
  clearTimeout(previewTimer);
  // Tells tests (and styles) that the preview is behind the snippets for a moment.
  preview.dataset['state'] = 'pending';
  previewTimer = window.setTimeout(renderPreview, rebuild ? 0 : 300);
}

// The static site has no demo to go back to.
document.getElementById('demo-link')?.toggleAttribute('hidden', !inDemo);
renderEditor();
renderSnippets();
renderPreview();
document.body.dataset['ready'] = 'true';
