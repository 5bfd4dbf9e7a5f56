import { expect } from 'chai';
import { DeliveryReceipts, RECEIPTS_MAX, RECEIPT_TTL_MS, receiptsStorageKey } from '../../src/outbox/delivery-receipts.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';

const ENDPOINT = 'https://keen.test/functions/v1/keen-api';
const NOW = 1_700_000_000_000;

function book(storage: StorageLike = createMemoryStorage(), clock = { time: NOW }) {
  return { storage, clock, receipts: new DeliveryReceipts({ storage, endpoint: ENDPOINT, now: () => clock.time }) };
}

describe('DeliveryReceipts', () => {
  it('records a receipt under its own key per endpoint and finds it by submission id', () => {
    const { storage, receipts } = book();
    expect(receipts.record({ id: 'ada', outcome: 'delivered', at: NOW, attempts: 2 })).to.equal(true);
    expect(receipts.find('ada')).to.deep.equal({ id: 'ada', outcome: 'delivered', at: NOW, attempts: 2 });
    expect(receipts.find('bob')).to.equal(undefined);
    expect(receiptsStorageKey(ENDPOINT)).to.equal(`keen-lead-form:receipts:v1:${ENDPOINT}`);
    expect(JSON.parse(storage.getItem(receiptsStorageKey(ENDPOINT)) ?? 'null')).to.have.length(1);
    expect(new DeliveryReceipts({ storage, endpoint: 'https://other.test/', now: () => NOW }).find('ada')).to.equal(undefined);
  });

  it('keeps one receipt per id, the latest', () => {
    const { receipts } = book();
    receipts.record({ id: 'ada', outcome: 'rejected', at: NOW, attempts: 1, failure: { kind: 'http', status: 400 } });
    receipts.record({ id: 'ada', outcome: 'delivered', at: NOW + 1, attempts: 2 });
    expect(receipts.list()).to.deep.equal([{ id: 'ada', outcome: 'delivered', at: NOW + 1, attempts: 2 }]);
  });

  it(`forgets receipts after ${RECEIPT_TTL_MS / 3_600_000} hours, and drops them from storage at the next write`, () => {
    const { storage, clock, receipts } = book();
    receipts.record({ id: 'old', outcome: 'delivered', at: NOW, attempts: 1 });
    clock.time = NOW + RECEIPT_TTL_MS - 1;
    expect(receipts.find('old')).to.not.equal(undefined);
    clock.time = NOW + RECEIPT_TTL_MS;
    expect(receipts.find('old')).to.equal(undefined);
    receipts.record({ id: 'new', outcome: 'delivered', at: clock.time, attempts: 1 });
    expect(storage.getItem(receiptsStorageKey(ENDPOINT))).to.not.contain('old');
  });

  it(`keeps at most ${RECEIPTS_MAX}, dropping the oldest`, () => {
    const { storage, receipts } = book();
    for (let n = 0; n < RECEIPTS_MAX + 5; n++) receipts.record({ id: `lead-${n}`, outcome: 'delivered', at: NOW + n, attempts: 1 });
    const ids = receipts.list().map((receipt) => receipt.id);
    expect(ids).to.have.length(RECEIPTS_MAX);
    expect(ids[0]).to.equal('lead-5');
    // A receipt is small: the whole list stays a few KB.
    expect(storage.getItem(receiptsStorageKey(ENDPOINT))?.length).to.be.below(5000);
  });

  for (const [name, raw] of [
    ['not JSON', '{oops'],
    ['not a list', '{"id":"ada"}'],
    ['a list of junk', '[1, null, "ada", {"id":"ada","outcome":"maybe","at":1,"attempts":1}]'],
  ] as const) {
    it(`reads ${name} as no receipts, and a write replaces it`, () => {
      const { storage, receipts } = book();
      storage.setItem(receiptsStorageKey(ENDPOINT), raw);
      expect(receipts.list()).to.deep.equal([]);
      expect(receipts.record({ id: 'ada', outcome: 'delivered', at: NOW, attempts: 1 })).to.equal(true);
      expect(receipts.list().map((receipt) => receipt.id)).to.deep.equal(['ada']);
    });
  }

  it('reports a refused write instead of throwing', () => {
    const storage: StorageLike = {
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(book(storage).receipts.record({ id: 'ada', outcome: 'delivered', at: NOW, attempts: 1 })).to.equal(false);
  });
});
