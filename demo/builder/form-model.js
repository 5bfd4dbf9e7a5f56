/*
 * The builder's model: a plain object describing the form being built, and
 * the one function that turns it into the element's configuration (shared
 * contract A: fields, blocks, step markers, show-if rules). No DOM here, so
 * the Node tests check it with plain values, and every snippet and the
 * preview are made from the same configuration.
 */

/** Keen's standard lead fields a visitor can fill in, in a sensible order. */
export const STANDARD_FIELD_NAMES = /** @type {const} */ ([
  'first_name',
  'last_name',
  'email',
  'phone',
  'company_name',
  'business_id',
  'employee',
  'notes',
]);

/** What the builder calls each standard field (the form itself uses its own translated labels). */
export const STANDARD_FIELD_TITLES = /** @type {Record<string, string>} */ ({
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company_name: 'Company',
  business_id: 'Business id',
  employee: 'Employee',
  notes: 'Notes',
});

/** Fields the element requires when the configuration says nothing (its `required` default). */
const REQUIRED_BY_DEFAULT = new Set(['email']);

/** Custom property types (contract A), and which of them need a list of options. */
export const PROPERTY_TYPES = /** @type {const} */ (['text', 'textarea', 'number', 'select', 'radio', 'checkboxes', 'checkbox', 'date', 'url']);
export const TYPES_WITH_OPTIONS = new Set(['select', 'radio', 'checkboxes']);

/** Show-if operators (contract A), and whether each takes a value. */
export const OPERATORS = /** @type {const} */ ([
  { id: 'equals', title: 'equals', takesValue: true },
  { id: 'notEquals', title: 'does not equal', takesValue: true },
  { id: 'oneOf', title: 'is one of (comma-separated)', takesValue: true },
  { id: 'filled', title: 'is filled', takesValue: false },
  { id: 'greaterThan', title: 'is greater than', takesValue: true },
  { id: 'lessThan', title: 'is less than', takesValue: true },
]);

export const LANGUAGES = /** @type {const} */ ([
  { code: '', title: "The page's language" },
  { code: 'en', title: 'English' },
  { code: 'da', title: 'Dansk' },
  { code: 'de', title: 'Deutsch' },
  { code: 'sv', title: 'Svenska' },
  { code: 'nb', title: 'Norsk bokmål' },
  { code: 'nl', title: 'Nederlands' },
  { code: 'fr', title: 'Français' },
  { code: 'es', title: 'Español' },
]);

/** Theme presets and schemes; the `theme` attribute is the two joined by a space ("rounded dark"). */
export const THEME_PRESETS = /** @type {const} */ (['', 'minimal', 'rounded', 'contrast']);
export const THEME_SCHEMES = /** @type {const} */ (['auto', 'light', 'dark', 'inherit']);

/** The `--keen-*` colours the builder offers, with the light default each starts from. */
export const COLOUR_PROPERTIES = /** @type {const} */ ([
  { name: '--keen-accent', title: 'Accent (button, focus)', initial: '#1d4ed8' },
  { name: '--keen-accent-text', title: 'Text on the accent', initial: '#ffffff' },
  { name: '--keen-background', title: 'Background', initial: '#ffffff' },
  { name: '--keen-text', title: 'Text', initial: '#1f2937' },
  { name: '--keen-field-border', title: 'Field border', initial: '#6b7280' },
  { name: '--keen-error', title: 'Errors', initial: '#b91c1c' },
]);

/**
 * @typedef {{ field: string, operator: string, value: string }} RuleCondition
 * @typedef {{ join: 'all' | 'any', conditions: RuleCondition[] }} Rule
 * @typedef {{ kind: 'standard', key: number, name: string, label: string, help: string, required: boolean, rule?: Rule }} StandardItem
 * @typedef {{ kind: 'property', key: number, property: string, type: string, label: string, help: string, required: boolean,
 *   options: string[], valueFormat: 'list' | 'json', min: string, max: string, rule?: Rule }} PropertyItem
 * @typedef {{ kind: 'block', key: number, block: 'heading' | 'text', text: string, rule?: Rule }} BlockItem
 * @typedef {{ kind: 'step', key: number, title: string }} StepItem
 * @typedef {StandardItem | PropertyItem | BlockItem | StepItem} Item
 * @typedef {{ channel: string, endpoint: string, relay: boolean, htmlFirst: boolean, lang: string, preset: string, scheme: string,
 *   colours: Record<string, string>, source: string, successMessage: string, items: Item[] }} FormState
 */

let nextKey = 1;
/** A key that tells items apart in the editor (never written to the configuration). */
export function newKey() {
  return nextKey++;
}

/** @param {string} name @returns {StandardItem} */
export function standardItem(name) {
  return { kind: 'standard', key: newKey(), name, label: '', help: '', required: REQUIRED_BY_DEFAULT.has(name) };
}

/** @param {Partial<PropertyItem>} [settings] @returns {PropertyItem} */
export function propertyItem(settings = {}) {
  return { kind: 'property', key: newKey(), property: '', type: 'text', label: '', help: '', required: false, options: [], valueFormat: 'list', min: '', max: '', ...settings };
}

/** @param {'heading' | 'text'} block @returns {BlockItem} */
export function blockItem(block) {
  return { kind: 'block', key: newKey(), block, text: '' };
}

/** @param {string} title @returns {StepItem} */
export function stepItem(title) {
  return { kind: 'step', key: newKey(), title };
}

/** @returns {FormState} */
export function initialState() {
  return {
    channel: '',
    endpoint: '',
    relay: false,
    // Relay mode only: the snippets carry the form as HTML too (it posts to the relay without script).
    htmlFirst: true,
    lang: '',
    preset: '',
    scheme: 'auto',
    colours: {},
    source: '',
    successMessage: '',
    items: ['first_name', 'last_name', 'email', 'notes'].map(standardItem),
  };
}

/**
 * The id a rule names a field by (contract A): the standard name or the property uuid.
 * Blocks and steps have none.
 * @param {Item} item
 */
export function fieldId(item) {
  if (item.kind === 'standard') return item.name;
  if (item.kind === 'property') return item.property.trim();
  return '';
}

/** @param {Item} item @returns {item is StandardItem | PropertyItem} */
export function isField(item) {
  return item.kind === 'standard' || item.kind === 'property';
}

/** What the builder calls an item in lists and rule pickers. */
export function itemTitle(/** @type {Item} */ item) {
  if (item.kind === 'standard') return item.label.trim() || STANDARD_FIELD_TITLES[item.name] || item.name;
  if (item.kind === 'property') return item.label.trim() || item.property.trim() || 'New custom property';
  if (item.kind === 'block') return `${item.block === 'heading' ? 'Heading' : 'Text'}: ${item.text.trim() || '(empty)'}`;
  return `Step: ${item.title.trim() || '(untitled)'}`;
}

/**
 * A condition's value as the rule compares it: numbers for the number
 * operators and number fields, true/false for a single checkbox, a list
 * for "one of", text otherwise.
 * @param {RuleCondition} condition
 * @param {Item | undefined} target
 */
function conditionValue(condition, target) {
  const text = condition.value.trim();
  if (condition.operator === 'oneOf') {
    return text.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => typedValue(part, target));
  }
  if (condition.operator === 'greaterThan' || condition.operator === 'lessThan') return Number(text);
  return typedValue(text, target);
}

/** @param {string} text @param {Item | undefined} target @returns {string | number | boolean} */
function typedValue(text, target) {
  if (target?.kind === 'property' && target.type === 'number' && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (target?.kind === 'property' && target.type === 'checkbox' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * A rule in the configuration's shape: one condition as it is, several
 * joined by `all` or `any`. Undefined when it has no conditions.
 * @param {Rule | undefined} rule
 * @param {Item[]} items
 */
export function ruleToShowIf(rule, items) {
  if (rule === undefined || rule.conditions.length === 0) return undefined;
  const conditions = rule.conditions.map((condition) => {
    const target = items.find((item) => isField(item) && fieldId(item) === condition.field);
    if (condition.operator === 'filled') return { field: condition.field, filled: true };
    return { field: condition.field, [condition.operator]: conditionValue(condition, target) };
  });
  return conditions.length === 1 ? conditions[0] : { [rule.join]: conditions };
}

/**
 * One item as an entry of `fields` (contract A). A standard field with
 * nothing changed stays its bare name, so the configuration reads like the
 * README's examples.
 * @param {Item} item
 * @param {Item[]} items
 */
export function itemToConfig(item, items) {
  if (item.kind === 'step') return { step: item.title.trim() };
  const showIf = 'rule' in item ? ruleToShowIf(item.rule, items) : undefined;
  if (item.kind === 'block') return { block: item.block, text: item.text, ...(showIf && { showIf }) };
  /** @type {Record<string, unknown>} */
  const entry = item.kind === 'standard' ? { name: item.name } : { property: item.property.trim(), type: item.type };
  if (item.label.trim() !== '') entry['label'] = item.label.trim();
  if (item.kind === 'property') {
    if (TYPES_WITH_OPTIONS.has(item.type)) entry['options'] = item.options.map((option) => option.trim()).filter((option) => option !== '');
    if (item.type === 'checkboxes' && item.valueFormat === 'json') entry['valueFormat'] = 'json';
    const bound = item.type === 'number' ? numberOrUndefined : item.type === 'date' ? dateOrUndefined : () => undefined;
    const min = bound(item.min);
    const max = bound(item.max);
    if (min !== undefined) entry['min'] = min;
    if (max !== undefined) entry['max'] = max;
  }
  if (item.help.trim() !== '') entry['help'] = item.help.trim();
  const requiredByDefault = item.kind === 'standard' && REQUIRED_BY_DEFAULT.has(item.name);
  if (item.required !== requiredByDefault) entry['required'] = item.required;
  if (showIf) entry['showIf'] = showIf;
  return item.kind === 'standard' && Object.keys(entry).length === 1 ? item.name : entry;
}

/** @param {string} text */
function numberOrUndefined(text) {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
}

/** @param {string} text */
function dateOrUndefined(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : undefined;
}

/**
 * The JSON configuration of the form (what the `<script type="application/json">`
 * child and the `config` property carry). Where the lead goes, the look and the
 * language are attributes, not part of it.
 * @param {FormState} state
 */
export function toConfig(state) {
  /** @type {Record<string, unknown>} */
  const config = {};
  if (state.source.trim() !== '') config['source'] = state.source.trim();
  if (state.successMessage.trim() !== '') config['successMessage'] = state.successMessage.trim();
  config['fields'] = state.items.map((item) => itemToConfig(item, state.items));
  return config;
}

/** The `theme` attribute: preset and scheme joined ("rounded dark"); empty for the default look. */
export function themeAttribute(/** @type {FormState} */ state) {
  return [state.preset, state.scheme === 'auto' ? '' : state.scheme].filter((part) => part !== '').join(' ');
}

/**
 * The element's attributes, in a stable order; values unescaped. Only what
 * differs from the element's defaults is written.
 * @param {FormState} state
 * @returns {[string, string | true][]}
 */
export function elementAttributes(state) {
  /** @type {[string, string | true][]} */
  const attributes = [];
  if (state.relay) attributes.push(['relay', true]);
  else if (state.channel.trim() !== '') attributes.push(['channel', state.channel.trim()]);
  if (state.endpoint.trim() !== '') attributes.push(['endpoint', state.endpoint.trim()]);
  const theme = themeAttribute(state);
  if (theme !== '') attributes.push(['theme', theme]);
  if (state.lang !== '') attributes.push(['lang', state.lang]);
  return attributes;
}

/** The colours the user changed, as `--keen-*` declarations in a stable order. */
export function colourDeclarations(/** @type {FormState} */ state) {
  return COLOUR_PROPERTIES.filter(({ name }) => /^#[0-9a-f]{6}$/i.test(state.colours[name] ?? '')).map(({ name }) => /** @type {[string, string]} */ ([name, state.colours[name] ?? '']));
}

/**
 * Turns the channel-fields configuration (contract D, from the relay's
 * `?action=fields`) into editor items. Unknown entries are reported, not dropped silently.
 * @param {unknown} json
 * @returns {{ items: Item[], problems: string[] }}
 */
export function itemsFromChannelConfig(json) {
  const fields = typeof json === 'object' && json !== null && Array.isArray(/** @type {{ fields?: unknown }} */ (json).fields) ? /** @type {unknown[]} */ (/** @type {{ fields: unknown[] }} */ (json).fields) : undefined;
  if (fields === undefined) return { items: [], problems: ['the answer has no "fields" list'] };
  /** @type {Item[]} */
  const items = [];
  const problems = [];
  for (const entry of fields) {
    if (typeof entry === 'string' && /** @type {readonly string[]} */ (STANDARD_FIELD_NAMES).includes(entry)) {
      items.push(standardItem(entry));
    } else if (typeof entry === 'object' && entry !== null && typeof (/** @type {{ property?: unknown }} */ (entry).property) === 'string') {
      const { property, type, label, options } = /** @type {{ property: string, type?: unknown, label?: unknown, options?: unknown }} */ (entry);
      items.push(
        propertyItem({
          property,
          type: typeof type === 'string' && /** @type {readonly string[]} */ (PROPERTY_TYPES).includes(type) ? type : 'text',
          label: typeof label === 'string' ? label : '',
          options: Array.isArray(options) ? options.map((option) => (typeof option === 'string' ? option : String(/** @type {{ value?: unknown }} */ (option)?.value ?? ''))) : [],
        }),
      );
    } else {
      problems.push(`left out an entry the builder does not know: ${JSON.stringify(entry)}`);
    }
  }
  return { items, problems };
}
