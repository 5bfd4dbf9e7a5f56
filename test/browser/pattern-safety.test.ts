import { expect } from 'chai';
import { findNestedQuantifier } from '../../src/schema/pattern-safety.js';

/*
 * The detector on its own, table-driven: what it refuses (and the part it
 * names), what it lets through, and proof that what it refuses really is
 * slow while what it accepts stays fast on the same kind of input.
 */

const refused: ReadonlyArray<[string, string]> = [
  ['(a+)+b', '(a+)+'],
  ['(a*)*', '(a*)*'],
  ['(a|aa)+', '(a|aa)+'],
  ['(a|a)*', '(a|a)*'],
  ['(?:a+)+', '(?:a+)+'],
  ['(?<word>\\w+\\s?)*$', '(?<word>\\w+\\s?)*'],
  ['^(\\d+\\.)+\\d+$', '(\\d+\\.)+'],
  ['((a)+)+', '((a)+)+'],
  ['(a?){20}', '(a?){20}'],
  ['(a+){2,}', '(a+){2,}'],
  ['(a+)+?', '(a+)+?'],
  ['(\\w|\\d)+', '(\\w|\\d)+'],
  ['([a-zé]|é)+', '([a-zé]|é)+'],
  ['(a|)+', '(a|)+'],
  ['(x(a|aa))+', '(x(a|aa))+'],
  ['([a-z]+[0-9]*)+', '([a-z]+[0-9]*)+'],
  ['(a{1,3})+', '(a{1,3})+'],
  ['(\\p{L}+ ?)+', '(\\p{L}+ ?)+'],
];

const accepted = [
  '\\d{8}',
  '[A-Z]{2}\\d{6}',
  '\\+?[0-9 ]{5,20}',
  '(ab)+',
  '(a|b)+',
  '(-|\\.)+',
  '(\\d{3}-)+\\d{4}',
  '(ab){1,3}',
  '(a+)',
  '(a+)?',
  '[(a+)+]+',
  '\\(a+\\)+',
  'a+b+c*',
  '(\\p{Lu}|\\p{Ll})+',
  '(?:DK|SE|NO)\\d{8,10}',
  '[\\w.+-]+@[\\w-]+\\.[a-z]{2,}',
  '(\\u{1F600}|b)+',
];

describe('findNestedQuantifier', () => {
  for (const [pattern, part] of refused) {
    it(`refuses ${pattern}, naming ${part}`, () => {
      expect(findNestedQuantifier(pattern)).to.equal(part);
    });
  }
  for (const pattern of accepted) {
    it(`accepts ${pattern}`, () => {
      expect(findNestedQuantifier(pattern)).to.equal(undefined);
    });
  }

  it('what it refuses is really slow, and the flat rewrite is not', () => {
    const input = `${'a'.repeat(24)}!`;
    const time = (source: string) => {
      const start = performance.now();
      new RegExp(`^(?:${source})$`, 'u').test(input);
      return performance.now() - start;
    };
    const nested = time('(a+)+b');
    const flat = time('a+b');
    expect(findNestedQuantifier('(a+)+b')).to.not.equal(undefined);
    expect(findNestedQuantifier('a+b')).to.equal(undefined);
    expect(nested).to.be.greaterThan(50 * Math.max(flat, 0.1));
  });
});
