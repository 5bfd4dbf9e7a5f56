import { expect } from 'chai';
import { CATALOGUES, catalogueFor } from '../../src/i18n/catalogues.js';
import { da } from '../../src/i18n/da.js';
import { de } from '../../src/i18n/de.js';
import { en, type Messages } from '../../src/i18n/en.js';
import { nb } from '../../src/i18n/nb.js';

type Key = keyof Messages;

const englishKeys = (Object.keys(en) as Key[]).sort();
const others = Object.entries(CATALOGUES).filter(([lang]) => lang !== 'en');

/** "string", or "function/<arity>". */
function kind(value: unknown): string {
  return typeof value === 'function' ? `function/${value.length}` : typeof value;
}

/** Sample arguments for a message function, by key. */
function sampleCalls(key: Key, fn: (...args: never[]) => unknown): unknown[] {
  const call = fn as (arg: unknown) => unknown;
  return key === 'failureRejected' ? [call('x')] : [call(1), call(3)];
}

describe('message catalogues', () => {
  it('include English and the translations', () => {
    expect(Object.keys(CATALOGUES).sort()).to.deep.equal(['da', 'de', 'en', 'es', 'fr', 'nb', 'nl', 'sv']);
  });

  for (const [lang, messages] of others) {
    describe(lang, () => {
      it('has exactly the keys English has', () => {
        expect(Object.keys(messages).sort()).to.deep.equal(englishKeys);
      });

      it('has the same kind of value as English for every key', () => {
        const kinds = englishKeys.map((key) => `${key}:${kind(messages[key])}`);
        expect(kinds).to.deep.equal(englishKeys.map((key) => `${key}:${kind(en[key])}`));
      });

      it('has no empty strings', () => {
        const empty = englishKeys.filter((key) => typeof messages[key] === 'string' && (messages[key] as string).trim() === '');
        expect(empty).to.deep.equal([]);
      });

      it('translates the labels that show a missed translation', () => {
        for (const key of ['first_name', 'submit', 'required'] as const) {
          expect(messages[key], key).to.be.a('string').and.not.equal('');
          expect(messages[key], key).to.not.equal(en[key]);
        }
      });

      it('returns a non-empty string from every message function', () => {
        for (const key of englishKeys) {
          const value = messages[key];
          if (typeof value !== 'function') continue;
          for (const result of sampleCalls(key, value)) {
            expect(result, key).to.be.a('string');
            expect((result as string).trim(), key).to.not.equal('');
          }
        }
      });

      it('puts the sample values into the message functions', () => {
        expect(messages.tooShort(3)).to.contain('3');
        expect(messages.tooLong(3)).to.contain('3');
        expect(messages.tooSmall(3)).to.contain('3');
        expect(messages.tooBig(3)).to.contain('3');
        expect(messages.errorSummary(3)).to.contain('3');
        expect(messages.failureRejected('x')).to.contain('x');
      });

      it('words the error summary differently for one and for several fields', () => {
        expect(messages.errorSummary(1)).to.not.equal(messages.errorSummary(2));
      });

      it('keeps the asterisk in the required-fields legend', () => {
        expect(messages.requiredLegend).to.contain('*');
      });

      it('shows the decimal comma the form accepts', () => {
        expect(messages.invalidNumber).to.contain('3,5');
        expect(messages.tooSmall(2.5)).to.contain('2,5');
      });
    });
  }
});

describe('picking a catalogue for a language tag', () => {
  const cases: ReadonlyArray<[string | null | undefined, Messages, string]> = [
    ['de-AT', de, 'de'],
    ['nb-NO', nb, 'nb'],
    ['no', nb, 'nb'],
    ['nn', nb, 'nb'],
    ['DA', da, 'da'],
    ['', en, 'en'],
    ['pt', en, 'en'],
    [undefined, en, 'en'],
    [null, en, 'en'],
    ['constructor', en, 'en'],
  ];

  for (const [tag, expected, name] of cases) {
    it(`resolves ${JSON.stringify(tag) ?? 'undefined'} to ${name}`, () => {
      expect(catalogueFor(tag)).to.equal(expected);
    });
  }
});
