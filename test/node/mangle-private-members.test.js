// @ts-check
// The CDN build's renaming of private class members (scripts/mangle-private-members.js):
// on a small project, what is renamed, what keeps its name, and that the
// renamed code still runs; then, on the built CDN file, that private names
// are gone while the public API's are there.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { applyEdits, planPrivateRenames } from '../../scripts/mangle-private-members.js';

const SOURCE = `
export class Counter {
  static properties = { shown: { state: true } };
  private count = 0;
  private shown = false;
  private viaString = 1;
  private readonly label: string;
  constructor(private readonly host: { name: string }, label: string) {
    this.label = label;
    this.record = { host };
  }
  record: { host: { name: string } };
  increment(): number {
    this.count += 1;
    return this.count + (this as unknown as Record<string, number>)['viaString']!;
  }
  private get twice(): number { return this.count * 2; }
  describe(): string {
    const url = new URL('https://site.example/path');
    return [this.label, this.host.name, this.record.host.name, url.host, this.shown, this.twice].join(' ');
  }
}
export const data = { count: 1, host: 'data' };
`;

test('private members are renamed by symbol; same-named public properties, strings and Lit state keys keep their names', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'keen-mangle-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const entry = join(folder, 'counter.ts');
  writeFileSync(entry, SOURCE);
  writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', strict: true, useDefineForClassFields: false, lib: ['ES2022', 'DOM'] } }));

  const { edits, renames } = planPrivateRenames({ entry, tsconfig: join(folder, 'tsconfig.json') });
  assert.deepEqual([...renames.keys()].sort(), ['count', 'host', 'label', 'twice']);
  const renamed = applyEdits(SOURCE, edits.get(entry) ?? []);
  const name = (/** @type {string} */ old) => renames.get(old) ?? assert.fail(`${old} not renamed`);
  assert.ok(renamed.includes(`this.${name('count')} += 1`));
  assert.ok(renamed.includes(`private readonly ${name('host')}: { name: string }`), 'the parameter property and its parameter');
  assert.ok(renamed.includes(`{ host: ${name('host')} }`), 'a shorthand of the parameter keeps its key');
  assert.ok(renamed.includes('url.host') && renamed.includes('this.record.host.name'), 'public properties named like a private one');
  assert.ok(renamed.includes("{ count: 1, host: 'data' }"), 'object literal keys');
  assert.ok(renamed.includes('this.shown') && renamed.includes("['viaString']"), 'reached by a string or a static properties key');

  // The renamed class behaves as the original.
  const run = (/** @type {string} */ source) => {
    const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, useDefineForClassFields: false } }).outputText;
    const module = { exports: /** @type {Record<string, any>} */ ({}) };
    new Function('module', 'exports', js)(module, module.exports);
    const counter = new module.exports['Counter']({ name: 'host' }, 'label');
    return [counter.increment(), counter.describe()];
  };
  assert.deepEqual(run(renamed), run(SOURCE));
  assert.deepEqual(run(renamed), [2, 'label host host site.example false 2']);
});

test('the built CDN file has short names for private members and the full names of its public API', () => {
  const cdn = readFileSync('dist/cdn/keen-lead-form.js', 'utf8');
  for (const privateName of ['isUnattemptedOwnClaim', 'blurredDuringPress', 'captchaUnavailableText', 'focusFirstInvalid']) {
    assert.ok(!cdn.includes(privateName), `${privateName} is still in the CDN file`);
  }
  for (const publicName of ['submissionIdProperty', 'resetOutboxes', 'flushOutbox', 'marketingConsent', 'keen-submit', 'keen_hp_reference']) {
    assert.ok(cdn.includes(publicName), `${publicName} is missing from the CDN file`);
  }
});
