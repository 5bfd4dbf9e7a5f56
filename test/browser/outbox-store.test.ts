import { expect } from 'chai';
import { parseLeadPayload, type ValidatedLeadPayload } from '../../src/schema/lead-payload.js';
import {
  OUTBOX_MAX_CHARS,
  OUTBOX_MAX_ITEMS,
  OutboxStore,
  outboxStorageKey,
  type NewOutboxItem,
} from '../../src/outbox/outbox-store.js';
import type { StorageLike } from '../../src/shared/storage.js';

const ENDPOINT = 'https://keen.test/functions/v1/keen-api';
const KEY = `keen-lead-form:outbox:v1:${ENDPOINT}`;
const NOW = 1_700_000_000_000;

/** A Map-backed Storage that can refuse writes like a full localStorage, or refuse everything like a blocked one. */
class FakeStorage implements StorageLike {
  readonly values = new Map<string, string>();
  refuseWrites = false;
  refuseReads = false;
  getItem(key: string): string | null {
    if (this.refuseReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuseWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
  keysStartingWith(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix));
  }
}

function payload(fields: Record<string, unknown> = {}): ValidatedLeadPayload {
  const parsed = parseLeadPayload({ action: 'lead_external', channel_id: 'channel-1', email: 'ada@example.com', ...fields });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.payload;
}

function item(id: string, fields: Record<string, unknown> = {}): NewOutboxItem {
  return { id, payload: payload(fields), createdAt: NOW, attempts: 0, nextAttemptAt: NOW };
}

describe('OutboxStore', () => {
  let storage: FakeStorage;
  let warnings: string[];
  let store: OutboxStore;

  beforeEach(() => {
    storage = new FakeStorage();
    warnings = [];
    store = new OutboxStore({ storage, endpoint: ENDPOINT, now: () => NOW, warn: (message) => warnings.push(message) });
  });

  it('keeps one versioned list per endpoint under its own key', () => {
    expect(store.add(item('a')).ok).to.equal(true);
    expect(outboxStorageKey(ENDPOINT)).to.equal(KEY);
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).to.deep.equal({
      version: 1,
      items: [
        {
          id: 'a',
          payload: { action: 'lead_external', channel_id: 'channel-1', email: 'ada@example.com' },
          createdAt: NOW,
          attempts: 0,
          nextAttemptAt: NOW,
          endpoint: ENDPOINT,
        },
      ],
    });
    const other = new OutboxStore({ storage, endpoint: 'https://relay.test/lead' });
    expect(other.list()).to.deep.equal([]);
    expect(store.get('a')?.endpoint).to.equal(ENDPOINT);
  });

  it('queues an id only once', () => {
    store.add(item('a', { first_name: 'Ada' }));
    const again = store.add(item('a', { first_name: 'Grace' }));
    expect(again.ok && again.item.payload['first_name']).to.equal('Ada');
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['a']);
  });

  it(`refuses the ${OUTBOX_MAX_ITEMS + 1}th item and keeps the oldest`, () => {
    const ids = Array.from({ length: OUTBOX_MAX_ITEMS }, (_, n) => `lead-${n}`);
    for (const id of ids) expect(store.add(item(id)).ok, id).to.equal(true);
    const refused = store.add(item('newest'));
    expect(refused).to.include({ ok: false, reason: 'full' });
    expect(store.list().map((queued) => queued.id)).to.deep.equal(ids);
  });

  it('refuses an item that would take the list past its size bound', () => {
    const big = 'x'.repeat(OUTBOX_MAX_CHARS / 2);
    expect(store.add(item('first', { notes: big })).ok).to.equal(true);
    expect(store.add(item('second', { notes: big }))).to.include({ ok: false, reason: 'full' });
    expect(store.add(item('small')).ok).to.equal(true);
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['first', 'small']);
    expect(storage.getItem(KEY)?.length).to.be.at.most(OUTBOX_MAX_CHARS);
  });

  it('updates an item, clears fields set to undefined, and trims long failure messages', () => {
    store.add({ ...item('a'), heldBy: 'tab-1', heldUntil: NOW + 1 });
    const updated = store.update('a', {
      attempts: 2,
      nextAttemptAt: NOW + 5000,
      heldBy: undefined,
      heldUntil: undefined,
      lastFailure: { kind: 'http-non-json', status: 502, message: '<html>'.repeat(1000) },
    });
    expect(updated.ok).to.equal(true);
    const stored = store.get('a');
    expect(stored).to.include({ attempts: 2, nextAttemptAt: NOW + 5000 });
    expect(stored).to.not.have.any.keys('heldBy', 'heldUntil');
    expect(stored?.lastFailure?.message.length).to.equal(500);
    expect(store.update('nope', { attempts: 1 })).to.include({ ok: false, reason: 'missing' });
  });

  it('removes items, and the key with the last one', () => {
    store.add(item('a'));
    store.add(item('b'));
    expect(store.remove('a')).to.deep.equal({ ok: true, removed: true });
    expect(store.remove('a')).to.deep.equal({ ok: true, removed: false });
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['b']);
    store.remove('b');
    expect(storage.getItem(KEY)).to.equal(null);
  });

  it('re-reads storage before every write, so two tabs do not overwrite each other', () => {
    const otherTab = new OutboxStore({ storage, endpoint: ENDPOINT });
    store.add(item('mine'));
    otherTab.add(item('theirs'));
    store.update('mine', { attempts: 1 });
    otherTab.remove('mine');
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['theirs']);
  });

  const garbage: ReadonlyArray<[string, string]> = [
    ['text that is not JSON', '{"version":1,"items":[{"id":'],
    ['an unknown version', '{"version":2,"items":[]}'],
    ['a bare array', '[]'],
    ['items that are not a list', '{"version":1,"items":{"a":1}}'],
    ['JSON null', 'null'],
  ];

  for (const [name, raw] of garbage) {
    it(`sets aside ${name} instead of throwing or deleting it, and starts empty`, () => {
      storage.setItem(KEY, raw);
      expect(store.list()).to.deep.equal([]);
      expect(storage.getItem(`${KEY}:corrupt:${NOW}`)).to.equal(raw);
      expect(warnings).to.have.length(1);
      expect(store.add(item('a')).ok).to.equal(true);
      expect(store.list().map((queued) => queued.id)).to.deep.equal(['a']);
      expect(warnings, 'set aside once, not on every read').to.have.length(1);
    });
  }

  it('keeps the readable items of a partly damaged list and sets the whole text aside', () => {
    store.add(item('good'));
    const damaged = JSON.stringify({
      version: 1,
      items: [JSON.parse(storage.getItem(KEY) ?? '')['items'][0], { id: 'bad', endpoint: ENDPOINT, payload: 'oops' }],
    });
    storage.setItem(KEY, damaged);
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['good']);
    expect(storage.getItem(`${KEY}:corrupt:${NOW}`)).to.equal(damaged);
  });

  it('does not overwrite data it could not set aside', () => {
    storage.setItem(KEY, 'garbage');
    storage.refuseWrites = true;
    expect(store.list()).to.deep.equal([]);
    storage.refuseWrites = false;
    storage.values.set(`${KEY}:corrupt:${NOW}`, 'an earlier copy');
    // The set-aside name is taken: a second name is used, the earlier copy stays.
    expect(store.add(item('a')).ok).to.equal(true);
    expect(storage.getItem(`${KEY}:corrupt:${NOW}`)).to.equal('an earlier copy');
    expect(storage.getItem(`${KEY}:corrupt:${NOW}-1`)).to.equal('garbage');
  });

  it('refuses writes while unreadable data cannot be set aside', () => {
    storage.setItem(KEY, 'garbage');
    storage.refuseWrites = true;
    expect(store.add(item('a'))).to.include({ ok: false, reason: 'storage' });
    expect(storage.values.get(KEY)).to.equal('garbage');
  });

  it('reports a full localStorage as a result instead of throwing', () => {
    store.add(item('a'));
    storage.refuseWrites = true;
    const refused = store.add(item('b'));
    expect(refused).to.include({ ok: false, reason: 'storage' });
    expect(refused.ok ? '' : refused.message).to.match(/QuotaExceededError/);
    expect(store.update('a', { attempts: 1 })).to.include({ ok: false, reason: 'storage' });
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['a']);
  });

  it('reports blocked storage as a result instead of throwing', () => {
    storage.refuseReads = true;
    expect(store.list()).to.deep.equal([]);
    expect(store.add(item('a'))).to.include({ ok: false, reason: 'storage' });
    expect(store.remove('a')).to.include({ ok: false, reason: 'storage' });
  });

  it('sets one item aside under its own key', () => {
    store.add(item('a'));
    store.add(item('b'));
    const result = store.setAside('a', 'payload no longer valid');
    expect(result).to.deep.equal({ ok: true, key: `${KEY}:corrupt:${NOW}` });
    expect(JSON.parse(storage.getItem(`${KEY}:corrupt:${NOW}`) ?? 'null')).to.include({ id: 'a' });
    expect(store.list().map((queued) => queued.id)).to.deep.equal(['b']);
    expect(warnings[0]).to.match(/payload no longer valid/);
  });
});
