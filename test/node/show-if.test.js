// @ts-check
// The show-if rules and the layout they live in, as plain values: the
// configuration checks (each problem names its path), the evaluation of every
// operator, all/any, chains of rules, cycles and skipped steps. The built
// library (dist/lib) is what runs here, as in the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveFields } from '../../dist/lib/schema/form-config.js';
import { parseFormConfig } from '../../dist/lib/schema/form-config.js';
import { resolveLayout, shownLayout } from '../../dist/lib/forms/form-layout.js';
import { conditionHolds, fieldLookup, fieldsHiddenByRules } from '../../dist/lib/forms/show-if.js';
import { buildLeadPayload, createLeadFormSchema } from '../../dist/lib/schema/validate-lead-form.js';

const SIZE = 'a1000000-0000-4000-8000-000000000002';
const INDUSTRY = 'a1000000-0000-4000-8000-000000000003';
const TOPICS = 'a1000000-0000-4000-8000-000000000005';

/** @param {readonly import('../../dist/lib/schema/form-config.js').FieldInput[]} inputs */
function layoutOf(inputs) {
  const fields = resolveFields(inputs, []);
  if (!fields.ok) throw new Error(fields.problems.join('\n'));
  return { fields: fields.value, layout: resolveLayout(inputs, fields.value) };
}

/** @type {import('../../dist/lib/schema/form-config.js').FieldInput[]} */
const BASE = [
  'email',
  { name: 'notes', multiline: true },
  { property: SIZE, type: 'number', label: 'Team size' },
  { property: INDUSTRY, type: 'radio', label: 'Industry', options: ['Software', 'Retail', 'Other'] },
  { property: TOPICS, type: 'checkboxes', label: 'Topics', options: ['Web', 'App'] },
  { name: 'phone' },
];

const { fields } = layoutOf(BASE);
const lookup = fieldLookup(fields);

/** @param {any} condition @param {Record<string, string | boolean>} values */
const holds = (condition, values) => conditionHolds(condition, lookup, (field) => values[field.id]);

const cases = [
  ['equals text', { field: 'email', equals: 'a@b.co' }, { email: ' a@b.co ' }, true],
  ['equals, other text', { field: 'email', equals: 'a@b.co' }, { email: 'x@b.co' }, false],
  ['equals by property uuid', { field: INDUSTRY, equals: 'Retail' }, { [`property:${INDUSTRY}`]: 'Retail' }, true],
  ['equals a number (decimal comma)', { field: SIZE, equals: 2.5 }, { [`property:${SIZE}`]: '2,5' }, true],
  ['notEquals on an empty field', { field: INDUSTRY, notEquals: 'Other' }, {}, true],
  ['notEquals', { field: INDUSTRY, notEquals: 'Other' }, { [`property:${INDUSTRY}`]: 'Other' }, false],
  ['oneOf', { field: INDUSTRY, oneOf: ['Retail', 'Other'] }, { [`property:${INDUSTRY}`]: 'Other' }, true],
  ['oneOf, none', { field: INDUSTRY, oneOf: ['Retail', 'Other'] }, { [`property:${INDUSTRY}`]: 'Software' }, false],
  ['filled', { field: 'notes', filled: true }, { notes: '  ' }, false],
  ['filled: false', { field: 'notes', filled: false }, {}, true],
  ['filled checkbox group with nothing ticked', { field: TOPICS, filled: true }, { [`property:${TOPICS}`]: '[]' }, false],
  ['checkbox group equals = includes', { field: TOPICS, equals: 'App' }, { [`property:${TOPICS}`]: '["Web","App"]' }, true],
  ['greaterThan', { field: SIZE, greaterThan: 10 }, { [`property:${SIZE}`]: '11' }, true],
  ['greaterThan, equal', { field: SIZE, greaterThan: 10 }, { [`property:${SIZE}`]: '10' }, false],
  ['greaterThan, not a number yet', { field: SIZE, greaterThan: 10 }, { [`property:${SIZE}`]: 'abc' }, false],
  ['lessThan', { field: SIZE, lessThan: 10 }, { [`property:${SIZE}`]: '-3' }, true],
  ['all', { all: [{ field: 'email', filled: true }, { field: SIZE, greaterThan: 1 }] }, { email: 'a', [`property:${SIZE}`]: '2' }, true],
  ['all, one fails', { all: [{ field: 'email', filled: true }, { field: SIZE, greaterThan: 1 }] }, { email: 'a', [`property:${SIZE}`]: '1' }, false],
  ['any', { any: [{ field: 'email', filled: true }, { field: SIZE, greaterThan: 1 }] }, { [`property:${SIZE}`]: '5' }, true],
  ['any, none', { any: [{ field: 'email', filled: true }, { field: SIZE, greaterThan: 1 }] }, {}, false],
  ['any inside all', { all: [{ field: 'email', filled: true }, { any: [{ field: INDUSTRY, equals: 'Retail' }, { field: INDUSTRY, equals: 'Other' }] }] }, { email: 'a', [`property:${INDUSTRY}`]: 'Other' }, true],
];

for (const [name, condition, values, expected] of cases) {
  test(`rule: ${name}`, () => assert.equal(holds(condition, values), expected));
}

test('a chain of rules: a field depending on a hidden field is hidden too', () => {
  const { fields: chained } = layoutOf([
    'email',
    { name: 'phone', showIf: { field: 'email', filled: true } },
    { name: 'notes', showIf: { field: 'phone', filled: true } },
  ]);
  assert.deepEqual([...fieldsHiddenByRules(chained, { phone: '123' })], ['phone', 'notes']);
  assert.deepEqual([...fieldsHiddenByRules(chained, { email: 'a', phone: '123' })], []);
});

const problems = [
  ['a missing field', { field: 'company_name', filled: true }, 'fields[6].showIf.field: no field "company_name" in this form'],
  ['itself', { field: 'phone', filled: true }, 'fields[6].showIf.field: a field cannot be shown depending on itself'],
  ['an unknown operator', { field: 'email', contains: 'x' }, 'fields[6].showIf: unknown operator "contains"; use one of equals, notEquals, oneOf, filled, greaterThan, lessThan'],
  ['two operators', { field: 'email', filled: true, equals: 'x' }, 'fields[6].showIf: expected exactly one of equals, notEquals, oneOf, filled, greaterThan, lessThan'],
  ['greaterThan on text', { field: 'email', greaterThan: 1 }, 'fields[6].showIf.greaterThan: "email" is not a number field'],
  ['lessThan with text', { field: SIZE, lessThan: '5' }, 'fields[6].showIf.lessThan: expected a number'],
  ['an empty any', { any: [] }, 'fields[6].showIf.any: expected a non-empty list of conditions'],
  ['a bad rule deep inside', { all: [{ field: 'email', filled: true }, { any: [{ field: 'fax', equals: 1 }] }] }, 'fields[6].showIf.all[1].any[0].field: no field "fax" in this form'],
  ['no field', { equals: 1 }, 'fields[6].showIf: expected "field" (a field\'s name or property id), or "all"/"any"'],
  ['oneOf not a list', { field: 'email', oneOf: 'a' }, 'fields[6].showIf.oneOf: expected a non-empty list of values'],
];

for (const [name, rule, message] of problems) {
  test(`a rule naming ${name} is a configuration problem naming its path`, () => {
    const inputs = [...BASE.slice(0, 5), { block: 'text', text: 'x' }, { name: 'phone', showIf: rule }];
    const { layout } = layoutOf(/** @type {any} */ (inputs));
    assert.equal(layout.ok, false);
    assert.deepEqual(!layout.ok && layout.problems, [message]);
  });
}

test('rules that depend on each other in a circle are refused', () => {
  const { layout } = layoutOf([
    { name: 'email', showIf: { field: 'phone', filled: true } },
    { name: 'phone', showIf: { field: 'email', filled: true } },
  ]);
  assert.deepEqual(!layout.ok && layout.problems, ['fields: the show-if rules of email depend on each other in a circle']);
});

test('a showIf that is not an object fails the config schema, naming the path', () => {
  const result = parseFormConfig({ fields: [{ name: 'email', showIf: 'phone' }] });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.problems[0] ?? '' : '', /^config\.fields\[0\]\.showIf: expected a condition/);
});

test('steps: markers split the form; fields before the first marker form an untitled first step; empty steps are refused', () => {
  const { layout } = layoutOf(['email', { step: 'Two' }, 'phone', { block: 'heading', text: 'More' }, 'notes']);
  assert.ok(layout.ok);
  assert.equal(layout.value.stepped, true);
  assert.deepEqual(layout.value.steps.map((step) => [step.title, step.items.length]), [[undefined, 1], ['Two', 3]]);
  const empty = layoutOf([{ step: 'One' }, { step: 'Two' }, 'email']).layout;
  assert.deepEqual(!empty.ok && empty.problems, ['fields: step 1 ("One") has no fields or blocks']);
  const flat = layoutOf(['email', 'phone']).layout;
  assert.ok(flat.ok && !flat.value.stepped && flat.value.steps.length === 1);
});

test('a step whose fields are all hidden by rules is skipped; a hidden-by-rule block is left out', () => {
  const { layout } = layoutOf([
    { step: 'One' },
    'email',
    { step: 'Two' },
    { name: 'phone', showIf: { field: 'email', filled: true } },
    { block: 'text', text: 'Hi', showIf: { field: 'email', equals: 'x' } },
    { step: 'Three' },
    'notes',
  ]);
  assert.ok(layout.ok);
  const empty = shownLayout(layout.value, {});
  assert.deepEqual(empty.steps.map((items) => items?.length), [1, undefined, 1]);
  const filled = shownLayout(layout.value, { email: 'a@b.co' });
  assert.deepEqual(filled.steps.map((items) => items?.length), [1, 1, 1]);
});

test('field types: date limits, URL, checkbox list/json and radio options checked by the schema; hidden-by-rule fields left out of the payload', () => {
  const inputs = [
    { property: INDUSTRY, type: 'date', label: 'Start', min: '2026-01-01', max: '2026-12-31' },
    { property: SIZE, type: 'url', label: 'Site' },
    { property: TOPICS, type: 'checkboxes', label: 'Topics', options: ['Web', 'App'], valueFormat: 'json' },
  ];
  const resolved = resolveFields(/** @type {any} */ (inputs), []);
  assert.ok(resolved.ok);
  const schema = createLeadFormSchema(resolved.value);
  const send = (/** @type {Record<string, string>} */ values) => buildLeadPayload(schema, resolved.value, values, { channelId: 'c' });
  const codes = (/** @type {Record<string, string>} */ values) => {
    const result = send(values);
    return result.ok ? [] : result.fieldErrors.map((error) => [error.code, error.day]);
  };
  assert.deepEqual(codes({ [`property:${INDUSTRY}`]: '2025-12-31' }), [['tooEarly', '2026-01-01']]);
  assert.deepEqual(codes({ [`property:${INDUSTRY}`]: '2027-01-01' }), [['tooLate', '2026-12-31']]);
  assert.deepEqual(codes({ [`property:${INDUSTRY}`]: '2026-02-30' }), [['invalidDate', undefined]]);
  assert.deepEqual(codes({ [`property:${SIZE}`]: 'ftp://example.com' }), [['invalidUrl', undefined]]);
  assert.deepEqual(codes({ [`property:${SIZE}`]: 'https://nodot' }), [['invalidUrl', undefined]]);
  assert.deepEqual(codes({ [`property:${TOPICS}`]: '["Web","Fax"]' }), [['invalidOption', undefined]]);
  const ok = send({ [`property:${INDUSTRY}`]: '2026-06-01', [`property:${SIZE}`]: 'https://example.com', [`property:${TOPICS}`]: '["App","Web"]' });
  assert.ok(ok.ok);
  assert.deepEqual(ok.payload.properties, [
    { property_definitions_id: INDUSTRY, value: '2026-06-01' },
    { property_definitions_id: SIZE, value: 'https://example.com' },
    { property_definitions_id: TOPICS, value: '["Web","App"]' },
  ]);
});

test('min/max must suit the field: days for a date, numbers for a number; valueFormat only on checkboxes', () => {
  const result = resolveFields(
    /** @type {any} */ ([
      { property: INDUSTRY, type: 'date', label: 'Start', min: 3 },
      { property: SIZE, type: 'number', label: 'Size', max: '2026-01-01' },
      { property: TOPICS, type: 'text', label: 'T', valueFormat: 'json' },
      { property: 'x', type: 'date', label: 'D', min: '2026-05-01', max: '2026-01-01' },
    ]),
    [],
  );
  assert.deepEqual(!result.ok && result.problems, [
    `fields: property ${INDUSTRY}'s "min" must be a day as "YYYY-MM-DD", got 3`,
    `fields: property ${SIZE}'s "max" must be a number, got "2026-01-01"`,
    `fields: property ${TOPICS} has "valueFormat", which only a checkboxes field takes`,
    'fields: property x\'s "min" (2026-05-01) is after its "max" (2026-01-01)',
  ]);
});
