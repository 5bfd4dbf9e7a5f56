import { expect } from 'chai';
import { DRAFT_MAX_AGE_MS, DRAFT_SAVE_DELAY_MS, DraftAutosave, DraftStore, draftStorageKey } from '../../src/drafts/draft-store.js';
import type { Clock } from '../../src/shared/clock.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';

const NOW = 1_700_000_000_000;
const ENDPOINT = 'https://keen.test/functions/v1/keen-api';
const CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
const KEY = `keen-lead-form:draft:v1:${CHANNEL}|${ENDPOINT}|contact`;
const NOTHING = new Set<string>();

/** Timers that fire only when the test says so. */
class ManualTimers implements Pick<Clock, 'schedule'> {
  time = 0;
  private timers: { at: number; callback: () => void }[] = [];
  schedule(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((other) => other !== timer));
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => !due.includes(timer));
    for (const timer of due) timer.callback();
  }
  get count(): number {
    return this.timers.length;
  }
}

describe('DraftStore', () => {
  let storage: StorageLike;
  let now: number;
  let drafts: DraftStore;

  beforeEach(() => {
    storage = createMemoryStorage();
    now = NOW;
    drafts = new DraftStore({ storage, channel: CHANNEL, endpoint: ENDPOINT, formId: 'contact', now: () => now });
  });

  it('keys drafts by channel, endpoint and form', () => {
    expect(drafts.key).to.equal(KEY);
    expect(draftStorageKey({ channel: undefined, endpoint: '/relay', formId: 'f' })).to.equal('keen-lead-form:draft:v1:|/relay|f');
    drafts.save({ first_name: 'Ada' }, { exclude: NOTHING });
    const otherForm = new DraftStore({ storage, channel: CHANNEL, endpoint: ENDPOINT, formId: 'newsletter', now: () => now });
    expect(otherForm.load()).to.equal(undefined);
  });

  it('restores what was saved, strings and checkboxes, with the time it was saved', () => {
    const values = { first_name: 'Zoë', notes: 'Line 1\nLine 2', 'property:consent': true, phone: undefined };
    expect(drafts.save(values, { exclude: NOTHING })).to.equal(true);
    expect(drafts.load()).to.deep.equal({ first_name: 'Zoë', notes: 'Line 1\nLine 2', 'property:consent': true });
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).to.include({ version: 1, savedAt: NOW });
  });

  it('never writes hidden or sensitive fields', () => {
    const values = { email: 'ada@example.com', campaign: 'SPRING-24', 'property:ssn': '123-45-6789' };
    drafts.save(values, { exclude: new Set(['campaign', 'property:ssn']) });
    const raw = storage.getItem(KEY) ?? '';
    expect(raw).to.contain('ada@example.com');
    expect(raw).to.not.contain('SPRING-24');
    expect(raw).to.not.contain('123-45-6789');
  });

  it('drops fields that became hidden or sensitive since the draft was saved', () => {
    drafts.save({ email: 'ada@example.com', phone: '+45 1234 5678' }, { exclude: NOTHING });
    expect(drafts.load({ exclude: new Set(['phone']) })).to.deep.equal({ email: 'ada@example.com' });
  });

  it('clears the draft instead of saving an empty form', () => {
    drafts.save({ email: 'ada@example.com' }, { exclude: NOTHING });
    drafts.save({ email: '', 'property:consent': false }, { exclude: NOTHING });
    expect(storage.getItem(KEY)).to.equal(null);
  });

  it('clears on request', () => {
    drafts.save({ email: 'ada@example.com' }, { exclude: NOTHING });
    expect(drafts.clear()).to.equal(true);
    expect(drafts.load()).to.equal(undefined);
  });

  const garbage: ReadonlyArray<[string, string]> = [
    ['text that is not JSON', '{"version":1,'],
    ['an unknown version', JSON.stringify({ version: 2, savedAt: NOW, values: { email: 'a@b.c' } })],
    ['a missing timestamp', JSON.stringify({ version: 1, values: { email: 'a@b.c' } })],
    ['values that are not an object', JSON.stringify({ version: 1, savedAt: NOW, values: 'email' })],
    ['JSON null', 'null'],
  ];

  for (const [name, raw] of garbage) {
    it(`ignores and clears ${name}`, () => {
      storage.setItem(KEY, raw);
      expect(drafts.load()).to.equal(undefined);
      expect(storage.getItem(KEY)).to.equal(null);
    });
  }

  it('keeps only string and boolean values from storage', () => {
    storage.setItem(KEY, JSON.stringify({ version: 1, savedAt: NOW, values: { email: 'a@b.c', age: 42, nested: {}, ok: true } }));
    expect(drafts.load()).to.deep.equal({ email: 'a@b.c', ok: true });
  });

  const ages: ReadonlyArray<[string, number, boolean]> = [
    ['a day old', 24 * 60 * 60 * 1000, true],
    ['just under 30 days old', DRAFT_MAX_AGE_MS, true],
    ['over 30 days old', DRAFT_MAX_AGE_MS + 1, false],
    ['dated far in the future (a clock set back)', -(DRAFT_MAX_AGE_MS + 1), false],
  ];

  for (const [name, age, kept] of ages) {
    it(`${kept ? 'restores' : 'drops and clears'} a draft ${name}`, () => {
      drafts.save({ email: 'ada@example.com' }, { exclude: NOTHING });
      now = NOW + age;
      expect(drafts.load()).to.deep.equal(kept ? { email: 'ada@example.com' } : undefined);
      expect(storage.getItem(KEY) !== null).to.equal(kept);
    });
  }

  it('reports storage that refuses, without throwing', () => {
    const refusing: StorageLike = {
      getItem: () => {
        throw new DOMException('insecure', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('insecure', 'SecurityError');
      },
    };
    const blocked = new DraftStore({ storage: refusing, channel: CHANNEL, endpoint: ENDPOINT, formId: 'contact' });
    expect(blocked.save({ email: 'ada@example.com' }, { exclude: NOTHING })).to.equal(false);
    expect(blocked.load()).to.equal(undefined);
    expect(blocked.clear()).to.equal(false);
  });
});

describe('DraftAutosave', () => {
  let storage: StorageLike;
  let drafts: DraftStore;
  let timers: ManualTimers;
  let autosave: DraftAutosave;

  beforeEach(() => {
    storage = createMemoryStorage();
    drafts = new DraftStore({ storage, channel: CHANNEL, endpoint: ENDPOINT, formId: 'contact', now: () => NOW });
    timers = new ManualTimers();
    autosave = new DraftAutosave(drafts, { clock: timers });
  });

  it(`saves once typing pauses for ${DRAFT_SAVE_DELAY_MS} ms, with the latest values`, () => {
    expect(DRAFT_SAVE_DELAY_MS).to.be.within(300, 500);
    autosave.schedule({ first_name: 'A' }, { exclude: NOTHING });
    timers.advance(DRAFT_SAVE_DELAY_MS - 100);
    autosave.schedule({ first_name: 'Ad' }, { exclude: NOTHING });
    timers.advance(DRAFT_SAVE_DELAY_MS - 100);
    expect(storage.getItem(KEY), 'not while typing').to.equal(null);
    autosave.schedule({ first_name: 'Ada' }, { exclude: NOTHING });
    timers.advance(DRAFT_SAVE_DELAY_MS);
    expect(drafts.load()).to.deep.equal({ first_name: 'Ada' });
    expect(timers.count).to.equal(0);
  });

  it('saves the values as they were when scheduled', () => {
    const values: Record<string, string> = { first_name: 'Ada' };
    autosave.schedule(values, { exclude: NOTHING });
    values['first_name'] = 'changed later';
    timers.advance(DRAFT_SAVE_DELAY_MS);
    expect(drafts.load()).to.deep.equal({ first_name: 'Ada' });
  });

  it('writes a pending save at once on flush (pagehide)', () => {
    autosave.schedule({ first_name: 'Ada' }, { exclude: new Set(['first_name']) });
    autosave.schedule({ first_name: 'Ada', email: 'ada@example.com' }, { exclude: new Set(['first_name']) });
    autosave.flush();
    expect(drafts.load()).to.deep.equal({ email: 'ada@example.com' });
    expect(timers.count).to.equal(0);
  });

  it('drops a pending save on cancel, so a cleared draft stays cleared', () => {
    drafts.save({ first_name: 'Ada' }, { exclude: NOTHING });
    autosave.schedule({ first_name: 'Ada Lovelace' }, { exclude: NOTHING });
    autosave.cancel();
    drafts.clear();
    timers.advance(DRAFT_SAVE_DELAY_MS);
    autosave.flush();
    expect(storage.getItem(KEY)).to.equal(null);
  });
});
