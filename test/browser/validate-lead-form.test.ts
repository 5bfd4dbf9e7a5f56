import { expect } from 'chai';
import { standardField, type FieldDefinition } from '../../src/schema/fields.js';
import { parseLeadPayload } from '../../src/schema/lead-payload.js';
import { buildLeadPayload, createLeadFormSchema, parseDecimal, type FormValues } from '../../src/schema/validate-lead-form.js';

const CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';

function check(fields: FieldDefinition[], values: FormValues) {
  return buildLeadPayload(createLeadFormSchema(fields), fields, values, { channelId: CHANNEL, source: 'Website' });
}

function errorCodes(fields: FieldDefinition[], values: FormValues): string[] {
  const result = check(fields, values);
  return result.ok ? [] : result.fieldErrors.map((error) => `${error.fieldId}:${error.code}${error.limit === undefined ? '' : `(${error.limit})`}`);
}

describe('validating what a visitor typed', () => {
  const email = standardField('email', true);
  const phone = standardField('phone', false);
  const firstName = standardField('first_name', false);

  const rules: ReadonlyArray<[string, FieldDefinition[], FormValues, string[]]> = [
    ['a missing required field', [email], {}, ['email:required']],
    ['a required field of spaces', [email], { email: '   ' }, ['email:required']],
    ['an email without @', [email], { email: 'nobody.example.com' }, ['email:invalidEmail']],
    ['an email without a domain dot', [email], { email: 'a@b' }, ['email:invalidEmail']],
    ['a fine email, padded', [email], { email: '  ada@example.com ' }, []],
    ['an international phone', [phone], { phone: '+45 12 34 56 78' }, []],
    ['a US phone with brackets', [phone], { phone: '(555) 123-4567' }, []],
    ['a phone with letters', [phone], { phone: '555-CALL-NOW' }, ['phone:invalidPhone']],
    ['a phone with too few digits', [phone], { phone: '+1 23' }, ['phone:invalidPhone']],
    ['an empty optional phone', [phone], { phone: '' }, []],
    ['a first name over 100 characters', [firstName], { first_name: 'x'.repeat(101) }, ['first_name:tooLong(100)']],
    ['errors in form order', [firstName, email, phone], { phone: 'x', email: 'y' }, ['email:invalidEmail', 'phone:invalidPhone']],
  ];

  for (const [name, fields, values, expected] of rules) {
    it(`handles ${name}`, () => {
      expect(errorCodes(fields, values)).to.deep.equal(expected);
    });
  }

  it('builds the lead_external payload with trimmed values and no empty fields', () => {
    const result = check([firstName, email, phone], { first_name: ' Ada ', email: 'ada@example.com', phone: '  ' });
    if (!result.ok) throw new Error('expected a payload');
    expect(result.payload).to.deep.equal({
      action: 'lead_external',
      channel_id: CHANNEL,
      source: 'Website',
      first_name: 'Ada',
      email: 'ada@example.com',
    });
  });

  it('reads decimal points and decimal commas, and nothing else', () => {
    expect([parseDecimal('42'), parseDecimal('3,5'), parseDecimal('-0.25'), parseDecimal('1.000,5'), parseDecimal('4e3')]).to.deep.equal([
      42, 3.5, -0.25, undefined, undefined,
    ]);
  });
});

describe('the lead_external contract', () => {
  it('accepts a minimal lead and every documented field', () => {
    expect(parseLeadPayload({ action: 'lead_external', channel_id: CHANNEL }).ok).to.equal(true);
    const full = parseLeadPayload({
      action: 'lead_external',
      channel_id: CHANNEL,
      first_name: 'a', last_name: 'b', email: 'c@d.ef', phone: '1', company_name: 'e', source: 'f',
      employee: 'g', notes: 'h', business_id: 'i',
      properties: [
        { property_definitions_id: 'p1', value: 'text' },
        { property_definitions_id: 'p2', value: 42 },
        { property_definitions_id: 'p3', value: true },
        { property_definitions_id: 'p4', value: { nested: 1 } },
      ],
    });
    expect(full.ok).to.equal(true);
  });

  const refused: ReadonlyArray<[string, unknown]> = [
    ['no channel_id', { action: 'lead_external' }],
    ['an empty channel_id', { action: 'lead_external', channel_id: '' }],
    ['another action', { action: 'create_lead', channel_id: CHANNEL }],
    ['a non-string field', { action: 'lead_external', channel_id: CHANNEL, email: 42 }],
    ['an unknown field', { action: 'lead_external', channel_id: CHANNEL, api_key: 'x' }],
    ['a null property value', { action: 'lead_external', channel_id: CHANNEL, properties: [{ property_definitions_id: 'p', value: null }] }],
    ['a property without id', { action: 'lead_external', channel_id: CHANNEL, properties: [{ value: 'x' }] }],
    ['a non-finite number', { action: 'lead_external', channel_id: CHANNEL, properties: [{ property_definitions_id: 'p', value: Infinity }] }],
  ];

  for (const [name, input] of refused) {
    it(`refuses ${name}`, () => {
      const result = parseLeadPayload(input);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.problems.length).to.be.above(0);
    });
  }
});

describe('a notes block from the context', () => {
  const email = standardField('email', true);
  const notes = standardField('notes', false);
  const cases: ReadonlyArray<[string, FormValues, string | undefined, string | undefined]> = [
    ['after what the visitor wrote, with a blank line', { notes: 'Call me' }, 'BLOCK', 'Call me\n\nBLOCK'],
    ['alone when the visitor wrote nothing', { notes: '  ' }, 'BLOCK', 'BLOCK'],
    ['not at all without one', { notes: 'Call me' }, undefined, 'Call me'],
  ];
  for (const [what, values, notesBlock, expected] of cases) {
    it(`is appended ${what}`, () => {
      const fields = [email, notes];
      const result = buildLeadPayload(createLeadFormSchema(fields), fields, { email: 'a@example.com', ...values }, { channelId: CHANNEL, notesBlock });
      expect(result.ok && result.payload.notes).to.equal(expected);
    });
  }
});
