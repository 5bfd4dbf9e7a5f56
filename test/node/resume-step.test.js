// @ts-check
// Where a multi-step form opens when it takes over its HTML-first copy
// (src/forms/resume-step.ts), as plain values: the focused field's step, else
// the furthest typed step, never past a step that Next would refuse, show-if
// rules and the consent boxes (drawn on the last step shown). The built
// library (dist/lib) is what runs here, as in the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveFields } from '../../dist/lib/schema/form-config.js';
import { resolveLayout } from '../../dist/lib/forms/form-layout.js';
import { resumePoint } from '../../dist/lib/forms/resume-step.js';
import { createLeadFormSchema } from '../../dist/lib/schema/validate-lead-form.js';

const PLAN = 'a1000000-0000-4000-8000-000000000003';

/** @type {import('../../dist/lib/schema/form-config.js').FieldInput[]} */
const INPUTS = [
  { step: 'About you' },
  'first_name',
  { name: 'email', required: true },
  { step: 'Plan' },
  { property: PLAN, type: 'radio', label: 'Plan', options: ['Basic', 'Pro'] },
  // Shown only for Pro: its step is skipped otherwise.
  { step: 'Pro details' },
  { name: 'company_name', showIf: { field: PLAN, equals: 'Pro' } },
  { step: 'Last' },
  'notes',
];

const fields = resolveFields(INPUTS, []);
if (!fields.ok) throw new Error(fields.problems.join('\n'));
const layout = resolveLayout(INPUTS, fields.value);
if (!layout.ok) throw new Error(layout.problems.join('\n'));
const schema = createLeadFormSchema(fields.value);

const VALID = { email: 'anna@example.dk' };

for (const [name, values, typed, focused, expected] of /** @type {const} */ ([
  ['nothing typed', {}, [], undefined, { step: 0, fieldId: undefined }],
  ['focus on the first step', VALID, ['email'], 'email', { step: 0, fieldId: 'email' }],
  ['focus on a later step, earlier steps valid', { ...VALID, notes: 'Hi' }, ['email', 'notes'], 'notes', { step: 3, fieldId: 'notes' }],
  ['focus on an earlier step than the furthest typed: the focus wins', { ...VALID, notes: 'Hi' }, ['email', 'notes'], 'first_name', { step: 0, fieldId: 'first_name' }],
  ['no focus: the furthest typed step', { ...VALID, notes: 'Hi' }, ['email', 'notes'], undefined, { step: 3, fieldId: undefined }],
  ['an earlier step fails Next: it opens at the field to fix', { email: 'anna@', notes: 'Hi' }, ['email', 'notes'], 'notes', { step: 0, fieldId: 'email' }],
  ['a required field left empty on an earlier step counts as failing', { notes: 'Hi' }, ['notes'], 'notes', { step: 0, fieldId: 'email' }],
  ['a field its rule hides is not where the visitor is: the typed steps decide', { ...VALID, [`property:${PLAN}`]: 'Basic', company_name: 'Acme' }, ['email', `property:${PLAN}`, 'company_name'], 'company_name', { step: 1, fieldId: undefined }],
  ['a field its rule shows', { ...VALID, [`property:${PLAN}`]: 'Pro', company_name: 'Acme' }, ['email', `property:${PLAN}`, 'company_name'], 'company_name', { step: 2, fieldId: 'company_name' }],
  ['a ticked consent box is on the last step shown', { ...VALID, consent: true }, ['email', 'consent'], 'consent', { step: 3, fieldId: 'consent' }],
])) {
  test(`resume point: ${name}`, () => {
    assert.deepEqual(resumePoint(layout.value, schema, values, typed, focused), expected);
  });
}
