import { expect } from 'chai';
import {
  attributionNotes,
  attributionProperties,
  attributionValue,
  DEFAULT_SOURCE_TEMPLATE,
  leadAttribution,
  sourceFromTemplate,
  type LeadAttribution,
} from '../../src/attribution/attribution-mapping.js';
import { ATTRIBUTION_VALUE_MAX_LENGTH } from '../../src/attribution/attribution-value.js';
import { prefillFields } from '../../src/attribution/prefill.js';
import type { FieldDefinition } from '../../src/schema/fields.js';
import { parseFormConfig, parsePageSettings, resolveFields } from '../../src/schema/form-config.js';
import { createLeadFormSchema, validateFields } from '../../src/schema/validate-lead-form.js';

const SITE = 'https://shop.example';
const first = { utm_source: 'newsletter', utm_campaign: 'spring-sale', gclid: 'abc', landing_page: `${SITE}/` };
const last = { utm_source: 'partner', ref: 'acme', landing_page: `${SITE}/partners` };
const campaign: LeadAttribution = { first, last, page: `${SITE}/contact` };
const direct: LeadAttribution = { first: { landing_page: `${SITE}/` }, last: { landing_page: `${SITE}/` }, page: `${SITE}/contact` };
const sourceOnly: LeadAttribution = { first: { utm_source: 'newsletter', landing_page: `${SITE}/` }, last: first, page: `${SITE}/contact` };

describe('attributionValue', () => {
  const cases: [string, string | undefined][] = [
    ['utm_source', 'newsletter'],
    ['last_utm_source', 'partner'],
    ['last_ref', 'acme'],
    ['ref', undefined],
    ['landing_page', `${SITE}/`],
    ['last_landing_page', `${SITE}/partners`],
    ['page', `${SITE}/contact`],
    ['unknown', undefined],
  ];
  for (const [name, value] of cases) it(`${name} -> ${String(value)}`, () => expect(attributionValue(campaign, name)).to.equal(value));

  it('is built from a record and the page', () => {
    expect(leadAttribution({ first, last, expires: 1 }, `${SITE}/contact`)).to.deep.equal(campaign);
  });
});

describe('sourceFromTemplate', () => {
  const cases: { what: string; template: string; attribution: LeadAttribution; source?: string; expected: string }[] = [
    { what: 'the default: source, first-touch campaign', template: DEFAULT_SOURCE_TEMPLATE, attribution: campaign, expected: 'Website / newsletter / spring-sale' },
    { what: 'only the parts present', template: DEFAULT_SOURCE_TEMPLATE, attribution: sourceOnly, expected: 'Website / newsletter' },
    { what: 'no campaign: the configured source unchanged', template: DEFAULT_SOURCE_TEMPLATE, attribution: direct, source: 'Pricing page', expected: 'Pricing page' },
    { what: 'a site template', template: 'Ads {gclid} / {utm_campaign}', attribution: campaign, expected: 'Ads abc / spring-sale' },
    { what: 'last-touch placeholders', template: '{source} / {last_utm_source} / {last_ref}', attribution: campaign, expected: 'Website / partner / acme' },
    { what: 'a part with any missing placeholder is left out', template: '{utm_source}-{ref} / {utm_campaign}', attribution: campaign, expected: 'spring-sale' },
    { what: 'literal parts stay', template: 'Web / {utm_source}', attribution: campaign, expected: 'Web / newsletter' },
    { what: 'unknown placeholders count as missing', template: '{source} / {nope}', attribution: campaign, expected: 'Website' },
    {
      what: 'cut to the source field limit',
      template: '{utm_source} / {utm_campaign}',
      attribution: { ...campaign, first: { utm_source: 's'.repeat(150), utm_campaign: 'c'.repeat(150) } },
      expected: `${'s'.repeat(150)} / ${'c'.repeat(47)}`,
    },
  ];
  for (const { what, template, attribution, source = 'Website', expected } of cases) {
    it(what, () => expect(sourceFromTemplate(template, source, attribution)).to.equal(expected));
  }
});

describe('the notes block', () => {
  it('lists both touches and the page the lead was sent from', () => {
    expect(attributionNotes(campaign)).to.equal(
      [
        'Attribution',
        `First touch: utm_source=newsletter, utm_campaign=spring-sale, gclid=abc, landing_page=${SITE}/`,
        `Last touch: utm_source=partner, ref=acme, landing_page=${SITE}/partners`,
        `Sent from: ${SITE}/contact`,
      ].join('\n'),
    );
  });

  it('leaves out the last touch when it is the first', () => {
    expect(attributionNotes({ ...campaign, last: first })).to.equal(
      `Attribution\nFirst touch: utm_source=newsletter, utm_campaign=spring-sale, gclid=abc, landing_page=${SITE}/\nSent from: ${SITE}/contact`,
    );
  });
});

describe('attributionProperties', () => {
  it('sends each mapped value that was captured, in map order', () => {
    const map = { utm_campaign: 'p-campaign', last_ref: 'p-partner', ref: 'p-missing', page: 'p-page' };
    expect(attributionProperties(map, campaign)).to.deep.equal([
      { property_definitions_id: 'p-campaign', value: 'spring-sale' },
      { property_definitions_id: 'p-partner', value: 'acme' },
      { property_definitions_id: 'p-page', value: `${SITE}/contact` },
    ]);
    expect(attributionProperties({}, campaign)).to.deep.equal([]);
  });
});

describe('prefillFields', () => {
  const resolved = resolveFields(
    [
      'email',
      { name: 'company_name', prefill: 'company' },
      { property: 'p1', type: 'text', label: 'Code', hidden: true, prefill: 'code', value: 'NONE' },
      { property: 'p2', type: 'select', label: 'Industry', options: ['Software', 'Retail'], prefill: 'industry' },
      { property: 'p3', type: 'checkbox', label: 'Newsletter', prefill: 'news' },
    ],
    undefined,
  );
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  const fields = resolved.value;
  const schema = createLeadFormSchema(fields);
  const accepts = (field: FieldDefinition, value: string | boolean): boolean =>
    validateFields(schema, [field], { [field.id]: value }).fieldErrors.length === 0;
  const defaults = (search: string): Record<string, unknown> =>
    Object.fromEntries(prefillFields(fields, `${SITE}/contact${search}`, accepts).map((field) => [field.id, field.defaultValue]));

  const cases: { what: string; search: string; values: Record<string, unknown> }[] = [
    {
      what: 'fills each field whose parameter is present, over its configured value',
      search: '?email=ada%40example.com&company=Ada+%26+Co&code=X1&industry=Retail&news=yes',
      values: { email: undefined, company_name: 'Ada & Co', 'property:p1': 'X1', 'property:p2': 'Retail', 'property:p3': true },
    },
    { what: 'without parameters, the configured values', search: '', values: { email: undefined, company_name: undefined, 'property:p1': 'NONE', 'property:p2': undefined, 'property:p3': undefined } },
    { what: 'markup stays inert text', search: '?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E', values: { 'property:p1': '<script>alert(1)</script>' } },
    { what: 'control characters go, values are trimmed', search: '?company=%20Ada%0D%0ACo%00%20', values: { company_name: 'AdaCo' } },
    { what: 'over-long values are cut', search: `?code=${'z'.repeat(300)}`, values: { 'property:p1': 'z'.repeat(ATTRIBUTION_VALUE_MAX_LENGTH) } },
    { what: 'a value the field refuses is ignored', search: '?industry=Mining', values: { 'property:p2': undefined } },
    { what: 'a checkbox parameter that does not say yes leaves it unticked', search: '?news=no', values: { 'property:p3': false } },
    { what: 'empty parameters fill nothing', search: '?company=%20&code=', values: { company_name: undefined, 'property:p1': 'NONE' } },
  ];
  for (const { what, search, values } of cases) {
    it(what, () => expect(defaults(search)).to.include(values));
  }

  it('leaves fields without prefill untouched (the same objects)', () => {
    expect(prefillFields(fields, `${SITE}/?email=x`, accepts)[0]).to.equal(fields[0]);
  });
});

describe('attribution settings on the checked path', () => {
  const cases: { what: string; input: unknown; problems: string[] }[] = [
    { what: 'good values pass', input: { attribution: 'persist', attributionConsent: 'required', referralParam: 'partner_id', analytics: 'datalayer' }, problems: [] },
    { what: 'a consent value that is not "required"', input: { attributionConsent: 'yes' }, problems: ['<meta name="keen-attribution"> attribution-consent: expected one of "required", got "yes"'] },
    { what: 'a mistyped name is refused, not ignored', input: { attributionConsnt: 'required' }, problems: ['<meta name="keen-attribution"> settings: unknown key "attribution-consnt"'] },
    { what: 'a reserved or odd parameter name', input: { referralParam: 'page' }, problems: ['<meta name="keen-attribution"> referral-param: expected a URL parameter name (letters, digits, _ . -), got "page"'] },
  ];
  for (const { what, input, problems } of cases) {
    it(what, () => {
      const result = parsePageSettings(input as Record<string, string>);
      expect(result.ok ? [] : result.problems).to.deep.equal(problems);
    });
  }

  it('JSON takes attributionProperties; a property id must not be empty', () => {
    expect(parseFormConfig({ attributionProperties: { gclid: 'p1', last_ref: 'p2' } }).ok).to.equal(true);
    const bad = parseFormConfig({ attributionProperties: { gclid: '' } });
    expect(bad.ok ? [] : bad.problems).to.deep.equal(['config.attributionProperties: expected an object mapping captured names to property definition ids']);
    const field = parseFormConfig({ fields: [{ name: 'email', prefill: 'e mail' }] });
    expect(field.ok).to.equal(false);
  });
});
