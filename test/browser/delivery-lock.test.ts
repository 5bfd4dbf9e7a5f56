import { expect } from 'chai';
import { PRESENCE_LOCK_NAME, createDeliveryLock, leaseStorageKey, type DeliveryLock, type LockResult } from '../../src/outbox/delivery-lock.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';

/** Resolves when `predicate` holds (checked every 10 ms), or fails after 5 s. */
async function waitFor(predicate: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (!(await predicate())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let lockNumber = 0;
/** A fresh name per test: Web Locks are shared by every page of the origin, including other test files. */
const freshName = () => `keen-lead-form:test-lock:${Date.now()}:${++lockNumber}`;

/** Runs `count` tasks on each lock at once and records entries and exits. */
async function contend(locks: readonly DeliveryLock[], name: string, { wait, holdMs }: { wait: boolean; holdMs: number }) {
  const log: string[] = [];
  const results = await Promise.all(
    locks.map((lock, n) =>
      lock.run(
        name,
        async () => {
          log.push(`in:${n}`);
          await sleep(holdMs);
          log.push(`out:${n}`);
          return n;
        },
        { wait },
      ),
    ),
  );
  return { log, results };
}

function acquiredValues<T>(results: readonly LockResult<T>[]): T[] {
  return results.flatMap((result) => (result.acquired ? [result.value] : []));
}

/** Entries and exits alternate: no two tasks ever overlapped. */
function expectNoOverlap(log: readonly string[]): void {
  for (let n = 0; n < log.length; n += 2) {
    expect(log[n]?.startsWith('in:'), log.join(' ')).to.equal(true);
    expect(log[n + 1], log.join(' ')).to.equal(`out:${log[n]?.slice(3)}`);
  }
}

describe('DeliveryLock over Web Locks', () => {
  const webLock = () => createDeliveryLock({ settleMs: 1 });
  it('lets exactly one of two tabs in when neither waits', async () => {
    const name = freshName();
    const { results } = await contend([webLock(), webLock()], name, { wait: false, holdMs: 20 });
    expect(acquiredValues(results)).to.have.length(1);
  });

  it('queues waiting tabs one after another', async () => {
    const name = freshName();
    const { log, results } = await contend([webLock(), webLock(), webLock()], name, { wait: true, holdMs: 10 });
    expect(acquiredValues(results)).to.have.members([0, 1, 2]);
    expect(log).to.have.length(6);
    expectNoOverlap(log);
  });

  it('does not let one name block another', async () => {
    const lock = webLock();
    const [first, second] = await Promise.all([
      lock.run(freshName(), async () => 'a', { wait: false }),
      lock.run(freshName(), async () => 'b', { wait: false }),
    ]);
    expect([first, second]).to.deep.equal([
      { acquired: true, value: 'a' },
      { acquired: true, value: 'b' },
    ]);
  });

  it('passes on the task error and releases the lock', async () => {
    const lock = webLock();
    const name = freshName();
    let error: unknown;
    await lock
      .run(name, async () => Promise.reject(new Error('task failed')), { wait: false })
      .catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(Error).with.property('message', 'task failed');
    expect(await lock.run(name, async () => 'again', { wait: false })).to.deep.equal({ acquired: true, value: 'again' });
  });

  it('starts at once when no other tab is there: the settle pause is only for other tabs', async () => {
    const lock = createDeliveryLock({ settleMs: 10_000 });
    const started = performance.now();
    expect(await lock.run(freshName(), async () => 'ran', { wait: false })).to.deep.equal({ acquired: true, value: 'ran' });
    expect(performance.now() - started).to.be.below(5_000);
  });

  it('pays the settle pause while another tab is there, and not after it left', async () => {
    // Another tab of the widget: a page that holds the presence lock, as every tab's lock does.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>navigator.locks.request(${JSON.stringify(PRESENCE_LOCK_NAME)}, { mode: 'shared' }, () => {
      document.title = 'present';
      return new Promise(() => {});
    });</script>`;
    document.body.append(frame);
    try {
      await waitFor(() => frame.contentDocument?.title === 'present');
      const lock = createDeliveryLock({ settleMs: 300 });
      const started = performance.now();
      await lock.run(freshName(), async () => 'ran', { wait: false });
      expect(performance.now() - started).to.be.at.least(300);
    } finally {
      frame.remove();
    }
    // The lock manager frees a closed page's locks on its own schedule.
    await waitFor(async () => (await navigator.locks.query()).held?.filter((held) => held.name === PRESENCE_LOCK_NAME).length === 1);
    const lock = createDeliveryLock({ settleMs: 10_000 });
    const started = performance.now();
    await lock.run(freshName(), async () => 'ran', { wait: false });
    expect(performance.now() - started).to.be.below(5_000);
  });

  it('pays the settle pause where the lock manager cannot say who is there', async () => {
    const { request } = navigator.locks;
    const withoutQuery = { request: request.bind(navigator.locks) };
    const lock = createDeliveryLock({ locks: withoutQuery, settleMs: 300 });
    const started = performance.now();
    await lock.run(freshName(), async () => 'ran', { wait: false });
    expect(performance.now() - started).to.be.at.least(300);
  });

  it('falls back to the lease when Web Locks refuse the request', async () => {
    const storage = createMemoryStorage();
    const refusing = { request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')) };
    const lock = createDeliveryLock({ locks: refusing, storage, settleMs: 5 });
    const name = freshName();
    const result = await lock.run(name, async () => storage.getItem(leaseStorageKey(name)), { wait: false });
    expect(result.acquired && JSON.parse(result.value ?? 'null')).to.have.keys('owner', 'expiresAt');
  });
});

describe('DeliveryLock over a localStorage lease', () => {
  const NAME = 'keen-lead-form:outbox:v1:https://keen.test/api';
  const KEY = leaseStorageKey(NAME);
  let storage: StorageLike;
  const leaseLock = (options: Parameters<typeof createDeliveryLock>[0] = {}) =>
    createDeliveryLock({ locks: null, storage, settleMs: 5, pollMs: 5, ...options });

  beforeEach(() => {
    storage = createMemoryStorage();
  });

  it('lets exactly one of two tabs in when neither waits', async () => {
    const { results } = await contend([leaseLock(), leaseLock()], NAME, { wait: false, holdMs: 10 });
    expect(acquiredValues(results)).to.have.length(1);
  });

  it('serialises waiting tabs, and runs of one tab, without overlap', async () => {
    const tabA = leaseLock();
    const tabB = leaseLock();
    const { log, results } = await contend([tabA, tabB, tabA, tabB, tabA], NAME, { wait: true, holdMs: 5 });
    expect(acquiredValues(results)).to.have.members([0, 1, 2, 3, 4]);
    expectNoOverlap(log);
    expect(storage.getItem(KEY), 'released at the end').to.equal(null);
  });

  it('stays out of a live lease and takes over an expired one', async () => {
    storage.setItem(KEY, JSON.stringify({ owner: 'other-tab', expiresAt: Date.now() + 10_000 }));
    expect(await leaseLock().run(NAME, async () => 'ran', { wait: false })).to.deep.equal({ acquired: false });
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).to.include({ owner: 'other-tab' });

    storage.setItem(KEY, JSON.stringify({ owner: 'crashed-tab', expiresAt: Date.now() - 1 }));
    expect(await leaseLock().run(NAME, async () => 'ran', { wait: false })).to.deep.equal({ acquired: true, value: 'ran' });
  });

  it('treats an unreadable lease as free', async () => {
    storage.setItem(KEY, '{not json');
    expect(await leaseLock().run(NAME, async () => 'ran', { wait: false })).to.deep.equal({ acquired: true, value: 'ran' });
  });

  it('backs off when another tab wrote its lease during the settle pause', async () => {
    // The other tab read "free" at the same moment and its write lands after ours.
    const racing: StorageLike = {
      getItem: (key) => storage.getItem(key),
      removeItem: (key) => storage.removeItem(key),
      setItem(key, value) {
        storage.setItem(key, value);
        setTimeout(() => storage.setItem(KEY, JSON.stringify({ owner: 'racing-tab', expiresAt: Date.now() + 10_000 })), 1);
      },
    };
    let ran = false;
    const result = await leaseLock({ storage: racing, settleMs: 20 }).run(NAME, async () => (ran = true), { wait: false });
    expect(result).to.deep.equal({ acquired: false });
    expect(ran).to.equal(false);
  });

  it('renews the lease while the task runs, so it does not expire under it', async () => {
    const holder = leaseLock({ leaseMs: 100, renewMs: 10 });
    let expiresAtStart = 0;
    let contender: LockResult<string> | undefined;
    await holder.run(
      NAME,
      async () => {
        expiresAtStart = JSON.parse(storage.getItem(KEY) ?? 'null').expiresAt;
        await sleep(150);
        contender = await leaseLock().run(NAME, async () => 'stole it', { wait: false });
        expect(JSON.parse(storage.getItem(KEY) ?? 'null').expiresAt).to.be.above(expiresAtStart + 50);
      },
      { wait: false },
    );
    expect(contender).to.deep.equal({ acquired: false });
    expect(storage.getItem(KEY)).to.equal(null);
  });

  it('releases the lease when the task throws', async () => {
    const failed = await leaseLock()
      .run(NAME, async () => Promise.reject(new Error('boom')), { wait: false })
      .then(
        () => 'resolved',
        (error: unknown) => (error instanceof Error ? error.message : 'other'),
      );
    expect(failed).to.equal('boom');
    expect(storage.getItem(KEY)).to.equal(null);
  });

  it('only removes its own lease', async () => {
    const lock = leaseLock({ leaseMs: 20, renewMs: 1000 });
    await lock.run(
      NAME,
      async () => {
        await sleep(30);
        // Our lease expired (a frozen tab) and another tab took over.
        storage.setItem(KEY, JSON.stringify({ owner: 'next-tab', expiresAt: Date.now() + 10_000 }));
      },
      { wait: false },
    );
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).to.include({ owner: 'next-tab' });
  });

  it('still excludes runs within the tab when there is no storage at all', async () => {
    const lock = createDeliveryLock({ locks: null, storage: null });
    const { results } = await contend([lock, lock], NAME, { wait: false, holdMs: 5 });
    expect(acquiredValues(results)).to.have.length(1);
  });

  it('delivers rather than never when storage refuses to store the lease', async () => {
    const full: StorageLike = {
      getItem: () => null,
      removeItem: () => {},
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const result = await leaseLock({ storage: full }).run(NAME, async () => 'sent', { wait: true });
    expect(result).to.deep.equal({ acquired: true, value: 'sent' });
  });
});
