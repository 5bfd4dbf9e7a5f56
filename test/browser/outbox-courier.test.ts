import { expect } from 'chai';
import { isRetryableStatus, type SubmitFailure, type SubmitFailureKind, type SubmitResult } from '../../src/api/submit-lead.js';
import { parseLeadPayload, type ValidatedLeadPayload } from '../../src/schema/lead-payload.js';
import { createDeliveryLock, type DeliveryLock } from '../../src/outbox/delivery-lock.js';
import { DeliveryReceipts } from '../../src/outbox/delivery-receipts.js';
import {
  HOLD_MS,
  OutboxCourier,
  type CourierEvent,
  type CourierTarget,
  type DeliveryOutcome,
  type SendLead,
} from '../../src/outbox/outbox-courier.js';
import { OUTBOX_MAX_ITEMS, OutboxStore, type NewOutboxItem } from '../../src/outbox/outbox-store.js';
import type { Clock } from '../../src/shared/clock.js';
import { createMemoryStorage, type StorageLike } from '../../src/shared/storage.js';
import { createSubmissionId } from '../../src/shared/submission-id.js';

const NOW = 1_700_000_000_000;
const CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Time stands still until a test moves it; timers fire in order as it does. */
class FakeClock implements Clock {
  time = NOW;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((other) => other !== timer));
  }

  /** When the pending timers are due. */
  get pending(): number[] {
    return this.timers.map((timer) => timer.at);
  }

  /** Moves time on, firing the timers that come due (not those they set). */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((timer) => !due.includes(timer));
    for (const timer of due) timer.callback();
  }
}

/** Keen as the courier sees it: scripted answers, every request recorded, answers held back on demand. */
class FakeKeen {
  readonly requests: { email: string | undefined; keepalive: boolean }[] = [];
  readonly answers: SubmitResult[] = [];
  private gate: Promise<void> | undefined;
  private open: () => void = () => {};

  /** `delayMs` > 0 answers after a real pause, so requests of two tabs overlap. */
  constructor(private readonly delayMs = 0) {}

  readonly send: SendLead = async (payload, { keepalive }) => {
    this.requests.push({ email: payload.email, keepalive });
    if (this.delayMs > 0) await sleep(this.delayMs);
    const answer = this.answers.shift() ?? { ok: true, status: 200, lead: { id: `lead-${this.requests.length}` } };
    await this.gate;
    return answer;
  };

  /** Requests wait until `release()`. */
  holdAnswers(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.gate = undefined;
    this.open();
  }

  get emails(): (string | undefined)[] {
    return this.requests.map((request) => request.email);
  }
}

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

class FakeWindow extends EventTarget implements CourierTarget {
  readonly document = new FakeDocument();
}

/**
 * localStorage as two tabs see it in Chromium: each tab reads its own copy,
 * sees its own writes at once and everyone's a moment later, all settling on
 * the order in which the writes reached the browser.
 */
function laggingStorages(lagMs: number): StorageLike[] {
  const truth = new Map<string, string>();
  const views = [new Map<string, string>(), new Map<string, string>()];
  const put = (map: Map<string, string>, key: string, value: string | undefined) => {
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  };
  const write = (own: Map<string, string>, key: string, value: string | undefined) => {
    put(own, key, value);
    put(truth, key, value);
    setTimeout(() => views.forEach((view) => put(view, key, truth.get(key))), lagMs);
  };
  return views.map((own) => ({
    getItem: (key) => own.get(key) ?? null,
    setItem: (key, value) => write(own, key, value),
    removeItem: (key) => write(own, key, undefined),
  }));
}
const LAG_MS = 3;

function failure(kind: SubmitFailureKind, status?: number, retryAfterMs?: number): SubmitFailure {
  const retryable = status === undefined ? true : kind === 'unexpected-response' || isRetryableStatus(status);
  return {
    ok: false,
    kind,
    message: `${kind} ${status ?? ''}`.trim(),
    retryable,
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

function payload(name: string, fields: Record<string, unknown> = {}): ValidatedLeadPayload {
  const parsed = parseLeadPayload({ action: 'lead_external', channel_id: CHANNEL, email: `${name}@example.com`, ...fields });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.payload;
}

/** An item a previous page (or a closed tab) left behind: no claim on it, due now. */
function leftBehind(name: string, fields: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return { id: name, payload: payload(name), createdAt: NOW - 60_000, attempts: 1, nextAttemptAt: NOW - 1000, ...fields };
}

let endpointNumber = 0;
/** A fresh endpoint per test: the outbox key is also the Web Lock name, shared by every page of the origin. */
const freshEndpoint = () => `https://keen.test/${Date.now()}/${++endpointNumber}/keen-api`;

interface Tab {
  readonly courier: OutboxCourier;
  readonly store: OutboxStore;
  readonly keen: FakeKeen;
  readonly clock: FakeClock;
  readonly window: FakeWindow;
  readonly events: string[];
}

function openTab({
  storage = createMemoryStorage(),
  endpoint = freshEndpoint(),
  lock = createDeliveryLock({ locks: null, storage: null }),
  keen = new FakeKeen(),
  clock = new FakeClock(),
  forRelay = false,
}: { storage?: StorageLike; endpoint?: string; lock?: DeliveryLock; keen?: FakeKeen; clock?: FakeClock; forRelay?: boolean } = {}): Tab {
  const store = new OutboxStore({ storage, endpoint, now: () => clock.now(), warn: () => {} });
  const receipts = new DeliveryReceipts({ storage, endpoint, now: () => clock.now() });
  const courier = new OutboxCourier({ store, receipts, send: keen.send, lock, clock, random: () => 0.5, forRelay });
  const events: string[] = [];
  courier.subscribe((event: CourierEvent) => events.push(`${event.type}:${event.submissionId}:${event.attempts}`));
  return { courier, store, keen, clock, window: new FakeWindow(), events };
}

function enqueue(tab: Tab, name: string, fields: Record<string, unknown> = {}): void {
  const added = tab.courier.enqueue(payload(name, fields), name);
  if (!added.ok) throw new Error(added.message);
}

describe('OutboxCourier', () => {
  it('persists a lead before the request, and counts and claims the attempt before it is answered', async () => {
    const tab = openTab();
    enqueue(tab, 'ada');
    expect(tab.store.get('ada')).to.include({ attempts: 0, heldBy: tab.courier.ownerId, heldUntil: NOW + HOLD_MS });
    expect(tab.keen.requests).to.deep.equal([]);

    tab.keen.holdAnswers();
    const delivery = tab.courier.deliver('ada');
    await sleep(0);
    expect(tab.keen.emails).to.deep.equal(['ada@example.com']);
    expect(tab.store.get('ada')).to.include({ attempts: 1, heldBy: tab.courier.ownerId });

    tab.keen.release();
    const outcome = await delivery;
    expect(outcome).to.deep.include({ type: 'delivered', submissionId: 'ada', attempts: 1 });
    expect(outcome.type === 'delivered' && outcome.lead?.id).to.equal('lead-1');
    expect(tab.store.list()).to.deep.equal([]);
    expect(tab.events).to.deep.equal(['delivered:ada:1']);
  });

  const answers: ReadonlyArray<[string, SubmitFailure, 'queued' | 'rejected']> = [
    ['a network error', failure('network'), 'queued'],
    ['a timeout', failure('timeout'), 'queued'],
    ['408', failure('http-non-json', 408), 'queued'],
    ['429', failure('http', 429), 'queued'],
    ['500', failure('http', 500), 'queued'],
    ['502 as HTML', failure('http-non-json', 502), 'queued'],
    ['503', failure('http-non-json', 503), 'queued'],
    ['504', failure('http-non-json', 504), 'queued'],
    ['a 200 without a lead', failure('unexpected-response', 200), 'queued'],
    ['400', failure('http', 400), 'rejected'],
    ['401', failure('http', 401), 'rejected'],
    ['403', failure('http', 403), 'rejected'],
    ['404', failure('http', 404), 'rejected'],
  ];

  for (const [name, answer, expected] of answers) {
    it(`${expected === 'queued' ? 'queues' : 'rejects for good'} a lead after ${name}`, async () => {
      const tab = openTab();
      tab.keen.answers.push(answer);
      enqueue(tab, 'ada');
      const outcome = await tab.courier.deliver('ada');
      const { kind, message, status } = answer;
      const expectedFailure = status === undefined ? { kind, message } : { kind, status, message };
      expect(outcome).to.deep.include({ type: expected, submissionId: 'ada', attempts: 1, failure: expectedFailure });
      expect(tab.events).to.deep.equal([`${expected}:ada:1`]);
      if (expected === 'queued') {
        // random() = 0.5 of the first 1 s window.
        expect(outcome).to.include({ nextAttemptAt: NOW + 500 });
        expect(tab.store.get('ada')).to.deep.include({ attempts: 1, nextAttemptAt: NOW + 500, lastFailure: expectedFailure });
        expect(tab.store.get('ada')).to.not.have.any.keys('heldBy', 'heldUntil');
      } else {
        expect(tab.store.list()).to.deep.equal([]);
      }
    });
  }

  it('retries on its timer with growing backoff until the lead is delivered', async () => {
    const tab = openTab();
    tab.keen.answers.push(failure('http', 503), failure('network'), failure('timeout'));
    tab.courier.start(tab.window);
    enqueue(tab, 'ada');
    await tab.courier.deliver('ada');
    expect(tab.clock.pending).to.deep.equal([NOW + 500]);

    for (const wait of [500, 1000, 2000]) {
      tab.clock.advance(wait - 1);
      await tab.courier.whenIdle();
      const before = tab.keen.requests.length;
      tab.clock.advance(1);
      await tab.courier.whenIdle();
      expect(tab.keen.requests.length, `a retry exactly ${wait} ms later`).to.equal(before + 1);
    }
    expect(tab.events).to.deep.equal(['queued:ada:1', 'queued:ada:2', 'queued:ada:3', 'delivered:ada:4']);
    expect(tab.clock.pending, 'no timer once the outbox is empty').to.deep.equal([]);
    await tab.courier.stop();
  });

  it('honours Retry-After, even above the 5-minute cap and even when flushed', async () => {
    const tab = openTab();
    tab.keen.answers.push(failure('http', 429, 600_000));
    tab.courier.start(tab.window);
    enqueue(tab, 'ada');
    const outcome = await tab.courier.deliver('ada');
    expect(outcome).to.include({ type: 'queued', nextAttemptAt: NOW + 600_000 });
    expect(tab.store.get('ada')).to.include({ notBefore: NOW + 600_000 });
    expect(tab.clock.pending).to.deep.equal([NOW + 600_000]);

    tab.window.dispatchEvent(new Event('online'));
    await tab.courier.whenIdle();
    const flushed = await tab.courier.flush();
    expect(flushed.outcomes).to.deep.equal([{ type: 'deferred', submissionId: 'ada', reason: 'retry-after', until: NOW + 600_000 }]);
    expect(tab.keen.requests).to.have.length(1);

    tab.clock.advance(600_000);
    await tab.courier.whenIdle();
    expect(tab.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
    await tab.courier.stop();
  });

  it('keeps one timer, for the earliest item', async () => {
    const tab = openTab();
    tab.store.add(leftBehind('late', { nextAttemptAt: NOW + 90_000 }));
    tab.store.add(leftBehind('soon', { nextAttemptAt: NOW + 30_000 }));
    tab.store.add(leftBehind('retry-after', { nextAttemptAt: NOW + 1000, notBefore: NOW + 60_000 }));
    tab.keen.answers.push(failure('network'), failure('network'));
    // start() flushes, as on a page load: late and soon fail again, retry-after waits.
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    expect(tab.keen.emails).to.deep.equal(['late@example.com', 'soon@example.com']);
    // Their second attempt failed: half of the 2 s window.
    expect(tab.clock.pending).to.deep.equal([NOW + 1000]);
    await tab.courier.stop();
    expect(tab.clock.pending, 'stop() clears it').to.deep.equal([]);
  });

  const wakeUps: ReadonlyArray<[string, (tab: Tab) => void]> = [
    ['the browser comes online', (tab) => tab.window.dispatchEvent(new Event('online'))],
    [
      'the tab becomes visible',
      (tab) => {
        tab.window.document.visibilityState = 'visible';
        tab.window.document.dispatchEvent(new Event('visibilitychange'));
      },
    ],
    [
      'the page comes back from the back/forward cache',
      (tab) => tab.window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
    ],
  ];

  for (const [when, wake] of wakeUps) {
    it(`sends a waiting lead at once when ${when}`, async () => {
      const tab = openTab();
      tab.keen.answers.push(failure('network'));
      tab.courier.start(tab.window);
      enqueue(tab, 'ada');
      await tab.courier.deliver('ada');
      expect(tab.clock.pending).to.deep.equal([NOW + 500]);
      wake(tab);
      await tab.courier.whenIdle();
      expect(tab.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
      await tab.courier.stop();
    });
  }

  it('does not flush when the tab is hidden or for a first pageshow', async () => {
    const tab = openTab();
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    tab.store.add(leftBehind('ada', { nextAttemptAt: NOW + 60_000 }));
    tab.window.document.visibilityState = 'hidden';
    tab.window.document.dispatchEvent(new Event('visibilitychange'));
    tab.window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    await tab.courier.whenIdle();
    expect(tab.keen.requests).to.deep.equal([]);
    await tab.courier.stop();
  });

  it('sends what a previous page left behind when it starts (page load)', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const previousPage = openTab({ storage, endpoint });
    previousPage.keen.answers.push(failure('http', 503));
    enqueue(previousPage, 'ada');
    await previousPage.courier.deliver('ada');

    const nextPage = openTab({ storage, endpoint });
    nextPage.courier.start(nextPage.window);
    await nextPage.courier.whenIdle();
    expect(nextPage.events).to.deep.equal(['delivered:ada:2']);
    expect(nextPage.store.list()).to.deep.equal([]);
    await nextPage.courier.stop();
  });

  it('attempts every item on flush, due or not, and reports each outcome', async () => {
    const tab = openTab();
    tab.store.add(leftBehind('a', { nextAttemptAt: NOW + 200_000 }));
    tab.store.add(leftBehind('b'));
    tab.keen.answers.push(failure('http', 404));
    const flushed = await tab.courier.flush();
    expect(flushed.lockBusy).to.equal(false);
    expect(flushed.outcomes.map((outcome) => `${outcome.type}:${outcome.submissionId}`)).to.deep.equal(['rejected:a', 'delivered:b']);
    expect(tab.store.list()).to.deep.equal([]);
  });

  it('reports a busy lock from flush without sending, and looks again later', async () => {
    const lock = createDeliveryLock({ locks: null, storage: null });
    const tab = openTab({ lock });
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    tab.store.add(leftBehind('ada'));
    let flushed: Awaited<ReturnType<OutboxCourier['flush']>> | undefined;
    await lock.run(
      tab.store.key,
      async () => {
        flushed = await tab.courier.flush();
      },
      { wait: false },
    );
    expect(flushed).to.deep.equal({ lockBusy: true, outcomes: [] });
    expect(tab.keen.requests).to.deep.equal([]);
    expect(tab.clock.pending).to.deep.equal([NOW + 5000]);
    tab.clock.advance(5000);
    await tab.courier.whenIdle();
    expect(tab.events).to.deep.equal(['delivered:ada:2']);
    await tab.courier.stop();
  });

  it('makes one keepalive attempt per unsent item on pagehide, skipping what is in flight', async () => {
    const tab = openTab();
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    tab.store.add(leftBehind('waiting', { nextAttemptAt: NOW + 60_000 }));
    enqueue(tab, 'sending');
    tab.keen.holdAnswers();
    const delivery = tab.courier.deliver('sending');
    await sleep(0);

    tab.window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(tab.keen.requests).to.deep.equal([
      { email: 'sending@example.com', keepalive: false },
      { email: 'waiting@example.com', keepalive: true },
    ]);
    // Counted and claimed synchronously: the page may be gone before any answer.
    expect(tab.store.get('waiting')).to.include({ attempts: 2, heldBy: tab.courier.ownerId, heldUntil: NOW + HOLD_MS });

    tab.keen.release();
    await delivery;
    await tab.courier.stop();
    expect(tab.events).to.have.members(['delivered:sending:1', 'delivered:waiting:2']);
    expect(tab.store.list()).to.deep.equal([]);
  });

  it('keeps the keepalive bodies of one pagehide within 64 KiB', async () => {
    const tab = openTab();
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    const notes = 'n'.repeat(40_000);
    tab.store.add({ ...leftBehind('first'), payload: payload('first', { notes }), nextAttemptAt: NOW + 60_000 });
    tab.store.add({ ...leftBehind('second'), payload: payload('second', { notes }), nextAttemptAt: NOW + 60_000 });
    tab.store.add({ ...leftBehind('small'), nextAttemptAt: NOW + 60_000 });
    tab.window.dispatchEvent(new Event('pagehide'));
    expect(tab.keen.emails).to.deep.equal(['first@example.com', 'small@example.com']);
    expect(tab.store.get('second')).to.include({ attempts: 1 });
    await tab.courier.stop();
  });

  it('leaves items another tab is sending alone on pagehide and flush', async () => {
    const tab = openTab();
    tab.store.add(leftBehind('theirs', { heldBy: 'other-tab', heldUntil: NOW + 20_000 }));
    tab.courier.start(tab.window);
    await tab.courier.whenIdle();
    tab.window.dispatchEvent(new Event('pagehide'));
    expect((await tab.courier.flush()).outcomes).to.deep.equal([
      { type: 'deferred', submissionId: 'theirs', reason: 'in-flight', until: NOW + 20_000 },
    ]);
    expect(tab.keen.requests).to.deep.equal([]);
    // The claim of a tab that closed runs out; then this tab takes over.
    expect(tab.clock.pending).to.deep.equal([NOW + 20_000]);
    tab.clock.advance(20_000);
    await tab.courier.whenIdle();
    expect(tab.events).to.deep.equal(['delivered:theirs:2']);
    await tab.courier.stop();
  });

  it('leaves a lead another tab just queued to that tab', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const clock = new FakeClock();
    const tabA = openTab({ storage, endpoint, clock });
    const tabB = openTab({ storage, endpoint, clock });
    enqueue(tabA, 'ada');
    expect((await tabB.courier.flush()).outcomes).to.deep.equal([
      { type: 'deferred', submissionId: 'ada', reason: 'in-flight', until: NOW + HOLD_MS },
    ]);
    expect(await tabA.courier.deliver('ada')).to.include({ type: 'delivered' });
    expect(tabB.keen.requests).to.deep.equal([]);
    expect(tabB.events).to.deep.equal([]);
  });

  it('never sends again a delivered lead that a write from a stale copy of storage put back', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const tabA = openTab({ storage, endpoint });
    const tabB = openTab({ storage, endpoint });
    enqueue(tabA, 'ada');
    expect(await tabA.courier.deliver('ada')).to.include({ type: 'delivered' });
    // A write based on a read from before the delivery lands after it.
    tabB.store.add(leftBehind('ada'));
    expect((await tabB.courier.flush()).outcomes).to.deep.equal([{ type: 'gone', submissionId: 'ada' }]);
    expect(tabA.keen.requests.length + tabB.keen.requests.length).to.equal(1);
    expect(tabB.store.list()).to.deep.equal([]);
  });

  it('says "gone" for an item another tab already delivered', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const tabA = openTab({ storage, endpoint });
    const tabB = openTab({ storage, endpoint });
    tabA.store.add(leftBehind('ada'));
    await tabA.courier.flush();
    expect(await tabB.courier.deliver('ada')).to.deep.equal({ type: 'gone', submissionId: 'ada' });
    expect(tabB.keen.requests).to.deep.equal([]);
  });

  it('puts back a just-queued item that a concurrent write of another tab dropped', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const tab = openTab({ storage, endpoint });
    enqueue(tab, 'ada');
    // Another tab's write, based on a read from before ours, lands after it.
    new OutboxStore({ storage, endpoint }).remove('ada');
    expect(await tab.courier.deliver('ada')).to.include({ type: 'delivered', attempts: 1 });
    expect(tab.keen.emails).to.deep.equal(['ada@example.com']);
  });

  it('sets aside an item whose payload no longer validates, and never sends it', async () => {
    const storage = createMemoryStorage();
    const tab = openTab({ storage });
    tab.store.add({ ...leftBehind('ada'), payload: { ...payload('ada'), channel_id: '' } as ValidatedLeadPayload });
    const outcome = await tab.courier.deliver('ada');
    expect(outcome).to.deep.include({ type: 'rejected', submissionId: 'ada', attempts: 1 });
    expect(outcome.type === 'rejected' && outcome.failure).to.deep.equal({
      kind: 'invalid-payload',
      message: 'channel_id: channel_id required',
    });
    expect(tab.keen.requests).to.deep.equal([]);
    expect(tab.store.list()).to.deep.equal([]);
    expect(JSON.parse(storage.getItem(`${tab.store.key}:corrupt:${NOW}`) ?? 'null')).to.include({ id: 'ada' });
  });

  it('re-validates relay payloads as relay payloads', async () => {
    const parsed = parseLeadPayload({ action: 'lead_external', email: 'ada@example.com' }, { forRelay: true });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const relay = openTab({ forRelay: true });
    relay.courier.enqueue(parsed.payload, 'ada');
    expect(await relay.courier.deliver('ada')).to.include({ type: 'delivered' });
    const direct = openTab();
    direct.courier.enqueue(parsed.payload, 'ada');
    expect(await direct.courier.deliver('ada')).to.include({ type: 'rejected' });
  });

  it(`refuses the ${OUTBOX_MAX_ITEMS + 1}th lead and keeps the oldest`, () => {
    const tab = openTab();
    for (let n = 0; n < OUTBOX_MAX_ITEMS; n++) enqueue(tab, `lead-${n}`);
    expect(tab.courier.enqueue(payload('newest'), 'newest')).to.include({ ok: false, reason: 'full' });
    expect(tab.store.list().map((item) => item.id)).to.deep.equal(Array.from({ length: OUTBOX_MAX_ITEMS }, (_, n) => `lead-${n}`));
  });

  it('treats a send that rejects like a network error', async () => {
    const tab = openTab();
    const courier = new OutboxCourier({
      store: tab.store,
      receipts: new DeliveryReceipts({ storage: createMemoryStorage(), endpoint: tab.store.endpoint }),
      send: () => Promise.reject(new TypeError('Failed to fetch')),
      lock: createDeliveryLock({ locks: null, storage: null }),
      clock: tab.clock,
      random: () => 0,
    });
    courier.enqueue(payload('ada'), 'ada');
    expect(await courier.deliver('ada')).to.deep.include({ type: 'queued', failure: { kind: 'network', message: 'Failed to fetch' } });
  });

  it('keeps its own backoff when storage refuses to record it', async () => {
    const memory = createMemoryStorage();
    let refuse = false;
    const storage: StorageLike = {
      getItem: (key) => memory.getItem(key),
      removeItem: (key) => memory.removeItem(key),
      setItem(key, value) {
        if (refuse) throw new DOMException('full', 'QuotaExceededError');
        memory.setItem(key, value);
      },
    };
    const tab = openTab({ storage });
    tab.courier.start(tab.window);
    enqueue(tab, 'ada');
    refuse = true;
    tab.keen.answers.push(failure('http', 503));
    expect(await tab.courier.deliver('ada')).to.include({ type: 'queued' });
    expect(tab.clock.pending, 'not a timer for the stale time in storage').to.deep.equal([NOW + 500]);
    await tab.courier.stop();
  });

  it('lets an attempt in flight finish its store update after stop(), and listens no more', async () => {
    const tab = openTab();
    tab.courier.start(tab.window);
    enqueue(tab, 'ada');
    tab.keen.answers.push(failure('http', 502));
    tab.keen.holdAnswers();
    const delivery = tab.courier.deliver('ada');
    await sleep(0);
    const stopped = tab.courier.stop();
    tab.keen.release();
    await stopped;
    expect(await delivery).to.include({ type: 'queued', attempts: 1 });
    expect(tab.store.get('ada')).to.deep.include({
      attempts: 1,
      nextAttemptAt: NOW + 500,
      lastFailure: { kind: 'http', status: 502, message: 'http 502' },
    });
    expect(tab.clock.pending, 'no timer after stop()').to.deep.equal([]);
    tab.window.dispatchEvent(new Event('online'));
    tab.window.dispatchEvent(new Event('pagehide'));
    await tab.courier.whenIdle();
    expect(tab.keen.requests).to.have.length(1);
  });

  const sharedLocks: ReadonlyArray<[string, (storage: StorageLike) => DeliveryLock]> = [
    // Both "tabs" live in this page, so the lock manager cannot tell them apart
    // by their presence: without `query` it assumes another tab, as it must.
    ['Web Locks', () => createDeliveryLock({ locks: { request: navigator.locks.request.bind(navigator.locks) }, settleMs: 10 })],
    ['the localStorage lease', (storage) => createDeliveryLock({ locks: null, storage, settleMs: 10, pollMs: 5 })],
  ];

  for (const [name, makeLock] of sharedLocks) {
    it(`never lets two tabs send the same item, though their storage lags (${name})`, async () => {
      const [storageA, storageB] = laggingStorages(LAG_MS);
      if (storageA === undefined || storageB === undefined) throw new Error('two tabs expected');
      const endpoint = freshEndpoint();
      const tabA = openTab({ storage: storageA, endpoint, lock: makeLock(storageA), keen: new FakeKeen(10) });
      const tabB = openTab({ storage: storageB, endpoint, lock: makeLock(storageB), keen: new FakeKeen(10) });
      const ids = ['a', 'b', 'c', 'd'];
      for (const id of ids) tabA.store.add(leftBehind(id));
      await sleep(LAG_MS + 5);

      const outcomes: DeliveryOutcome[] = [];
      tabA.courier.start(tabA.window);
      tabB.courier.start(tabB.window);
      // The tabs take turns at the lock, each right after the other's last write.
      const [first, second] = [ids.map((id, n) => (n % 2 === 0 ? tabA : tabB)), ids.map((id, n) => (n % 2 === 0 ? tabB : tabA))];
      await Promise.all([
        ...[...first, ...second].map((tab, n) => tab.courier.deliver(ids[n % ids.length] ?? '').then((outcome) => outcomes.push(outcome))),
        tabA.courier.flush(),
        tabB.courier.flush(),
      ]);
      await Promise.all([tabA.courier.stop(), tabB.courier.stop()]);
      await sleep(LAG_MS + 5);

      const sent = [...tabA.keen.emails, ...tabB.keen.emails].sort();
      expect(sent).to.deep.equal(ids.map((id) => `${id}@example.com`));
      expect([...tabA.events, ...tabB.events].filter((event) => event.startsWith('delivered'))).to.have.length(ids.length);
      // No write based on a stale copy brought a delivered item back.
      expect(tabA.store.list()).to.deep.equal([]);
      expect(tabB.store.list()).to.deep.equal([]);
    });
  }
});

/** localStorage whose writes can be refused on demand, as in a full or blocked storage. */
function refusingStorage(): StorageLike & { refuse: boolean; clear(): void } {
  const values = new Map<string, string>();
  const storage = {
    refuse: false,
    getItem: (key: string) => values.get(key) ?? null,
    setItem(key: string, value: string) {
      if (storage.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      values.set(key, value);
    },
    removeItem: (key: string) => void values.delete(key),
    clear: () => values.clear(),
  };
  return storage;
}

describe('OutboxCourier: delivered means Keen said so', () => {
  const vanishings: ReadonlyArray<[string, (storage: ReturnType<typeof refusingStorage>, key: string) => void]> = [
    ['storage is cleared', (storage) => storage.clear()],
    ['the outbox key is set to []', (storage, key) => storage.setItem(key, '[]')],
    ['the outbox key is set to garbage', (storage, key) => storage.setItem(key, '{"version":1,"items":[{"id":')],
  ];

  for (const [what, vanish] of vanishings) {
    it(`puts a lead back when ${what} during its attempt, and reports it queued, not gone`, async () => {
      const storage = refusingStorage();
      const tab = openTab({ storage });
      tab.courier.start(tab.window);
      enqueue(tab, 'ada');
      tab.keen.answers.push(failure('timeout'));
      tab.keen.holdAnswers();
      const delivery = tab.courier.deliver('ada');
      await sleep(0);
      vanish(storage, tab.store.key);
      tab.keen.release();
      expect(await delivery).to.deep.include({ type: 'queued', submissionId: 'ada', attempts: 1, persisted: true });
      expect(tab.store.get('ada')).to.deep.include({ attempts: 1, nextAttemptAt: NOW + 500 });
      tab.clock.advance(500);
      await tab.courier.whenIdle();
      expect(tab.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
      expect(tab.keen.emails).to.deep.equal(['ada@example.com', 'ada@example.com']);
      await tab.courier.stop();
    });

    it(`puts a queued lead back when ${what} while it waits, and sends it when due`, async () => {
      const storage = refusingStorage();
      const tab = openTab({ storage });
      tab.courier.start(tab.window);
      enqueue(tab, 'ada');
      tab.keen.answers.push(failure('http', 503));
      await tab.courier.deliver('ada');
      vanish(storage, tab.store.key);
      expect(tab.courier.list().map((item) => item.id), 'still waiting, as this tab knows').to.deep.equal(['ada']);
      tab.clock.advance(500);
      await tab.courier.whenIdle();
      expect(tab.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
      expect(tab.courier.list()).to.deep.equal([]);
      await tab.courier.stop();
    });
  }

  it('learns from a receipt that another tab delivered a lead it holds, and sends nothing', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const clock = new FakeClock();
    const mine = openTab({ storage, endpoint, clock });
    const other = openTab({ storage, endpoint, clock });
    enqueue(mine, 'ada');
    mine.keen.answers.push(failure('http', 503));
    await mine.courier.deliver('ada');
    clock.advance(60_000);
    await other.courier.flush(); // delivers, writes the receipt, removes the item
    expect(other.events).to.deep.equal(['delivered:ada:2']);

    const flushed = await mine.courier.flush();
    expect(flushed.outcomes).to.deep.equal([{ type: 'delivered', submissionId: 'ada', attempts: 2, lead: undefined }]);
    expect(mine.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
    expect(mine.keen.requests).to.have.length(1);
    expect(mine.store.list()).to.deep.equal([]);
  });

  it('tells its visitor of a lead another tab delivered even when its own retry timer was replaced', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const clock = new FakeClock();
    const lock = createDeliveryLock({ locks: null, storage: null });
    const mine = openTab({ storage, endpoint, clock, lock });
    const other = openTab({ storage, endpoint, clock });
    mine.courier.start(mine.window);
    enqueue(mine, 'ada');
    mine.keen.answers.push(failure('http', 503));
    await mine.courier.deliver('ada');
    await other.courier.flush();
    // A flush that finds the lock busy replaces the retry timer with a later look.
    await lock.run(mine.store.key, async () => void (await mine.courier.flush()), { wait: false });
    expect(mine.clock.pending).to.deep.equal([NOW + 5000]);
    clock.advance(5000);
    await mine.courier.whenIdle();
    expect(mine.events).to.deep.equal(['queued:ada:1', 'delivered:ada:2']);
    expect(mine.keen.requests).to.have.length(1);
    await mine.courier.stop();
  });

  it('learns from a receipt that another tab saw a lead refused, without Keen\'s words', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const clock = new FakeClock();
    const mine = openTab({ storage, endpoint, clock });
    const other = openTab({ storage, endpoint, clock });
    enqueue(mine, 'ada');
    mine.keen.answers.push(failure('http', 503));
    await mine.courier.deliver('ada');
    clock.advance(60_000);
    other.keen.answers.push({ ok: false, kind: 'http', status: 400, message: 'email ada@example.com is not allowed', retryable: false });
    await other.courier.flush();
    const receipts = storage.getItem(`keen-lead-form:receipts:v1:${endpoint}`);
    expect(receipts).to.contain('"rejected"');
    expect(receipts, 'no personal data in a receipt').to.not.contain('ada@');

    expect(await mine.courier.deliver('ada')).to.deep.equal({
      type: 'rejected',
      submissionId: 'ada',
      attempts: 2,
      failure: { kind: 'http', status: 400, message: 'Refused by Keen in another tab' },
    });
    expect(mine.keen.requests).to.have.length(1);
  });

  it('keeps and sends a lead from memory while storage refuses every write', async () => {
    const storage = refusingStorage();
    storage.refuse = true;
    const tab = openTab({ storage });
    tab.courier.start(tab.window);
    const queued = tab.courier.enqueue(payload('ada'), 'ada');
    expect(queued).to.deep.include({ ok: true, persisted: false });
    tab.keen.answers.push(failure('http', 503), failure('network'));
    expect(await tab.courier.deliver('ada')).to.deep.include({ type: 'queued', attempts: 1, persisted: false });
    expect(tab.courier.list().map((item) => item.id)).to.deep.equal(['ada']);
    expect(tab.store.list()).to.deep.equal([]);
    expect(tab.clock.pending).to.deep.equal([NOW + 500]);
    tab.clock.advance(500);
    await tab.courier.whenIdle();
    tab.clock.advance(1000);
    await tab.courier.whenIdle();
    expect(tab.events).to.deep.equal(['queued:ada:1', 'queued:ada:2', 'delivered:ada:3']);
    expect(tab.courier.list()).to.deep.equal([]);
    await tab.courier.stop();
  });

  it('writes a lead it kept in memory back to storage once storage takes it again', async () => {
    const storage = refusingStorage();
    storage.refuse = true;
    const tab = openTab({ storage });
    tab.courier.enqueue(payload('ada'), 'ada');
    tab.keen.answers.push(failure('http', 503));
    await tab.courier.deliver('ada');
    storage.refuse = false;
    tab.keen.answers.push(failure('http', 503));
    const flushed = await tab.courier.flush();
    expect(flushed.outcomes).to.deep.equal([{ type: 'queued', submissionId: 'ada', attempts: 2, nextAttemptAt: NOW + 1000, failure: { kind: 'http', status: 503, message: 'http 503' }, persisted: true }]);
    expect(tab.store.get('ada')).to.deep.include({ attempts: 2 });
  });

  it(`refuses the ${OUTBOX_MAX_ITEMS + 1}th lead kept in memory`, () => {
    const storage = refusingStorage();
    storage.refuse = true;
    const tab = openTab({ storage });
    for (let n = 0; n < OUTBOX_MAX_ITEMS; n++) expect(tab.courier.enqueue(payload(`lead-${n}`), `lead-${n}`)).to.include({ ok: true });
    expect(tab.courier.enqueue(payload('newest'), 'newest')).to.include({ ok: false, reason: 'full' });
  });

  it('puts its own lead back when site code corrupts it in storage, and only says delivered after Keen did', async () => {
    const storage = refusingStorage();
    const tab = openTab({ storage });
    enqueue(tab, 'ada');
    const stored = JSON.parse(storage.getItem(tab.store.key) ?? '{}') as { items: Record<string, unknown>[] };
    storage.setItem(tab.store.key, JSON.stringify({ ...stored, items: stored.items.map((item) => ({ ...item, heldUntil: null })) }));
    expect(await tab.courier.deliver('ada')).to.include({ type: 'delivered', attempts: 1 });
    expect(tab.keen.emails).to.deep.equal(['ada@example.com']);
  });

  it('claims items for a sane time even when given a timeout that is not a number', () => {
    const tab = openTab();
    const courier = new OutboxCourier({
      store: tab.store,
      receipts: new DeliveryReceipts({ storage: createMemoryStorage(), endpoint: tab.store.endpoint }),
      send: tab.keen.send,
      lock: createDeliveryLock({ locks: null, storage: null }),
      clock: tab.clock,
      holdMs: Number.NaN,
    });
    courier.enqueue(payload('ada'), 'ada');
    expect(tab.store.get('ada')).to.include({ heldUntil: NOW + HOLD_MS });
  });

  it('records a receipt for a lead it set aside as unsendable, so no tab puts it back', async () => {
    const storage = createMemoryStorage();
    const endpoint = freshEndpoint();
    const tab = openTab({ storage, endpoint });
    tab.store.add({ ...leftBehind('ada'), payload: { ...payload('ada'), channel_id: '' } as ValidatedLeadPayload });
    expect(await tab.courier.deliver('ada')).to.include({ type: 'rejected' });
    expect(new DeliveryReceipts({ storage, endpoint, now: () => NOW }).find('ada')).to.deep.include({ outcome: 'rejected', failure: { kind: 'invalid-payload' } });
    await tab.courier.flush();
    expect(tab.store.list()).to.deep.equal([]);
    expect(tab.keen.requests).to.deep.equal([]);
  });
});

describe('createSubmissionId', () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, () => createSubmissionId()));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(id).to.match(UUID_V4);
  });

  it('builds them from getRandomValues where randomUUID is missing (plain-http pages)', () => {
    const ones = createSubmissionId({
      getRandomValues: (array) => {
        if (array instanceof Uint8Array) array.fill(0xff);
        return array;
      },
    });
    expect(ones).to.equal('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const zeros = createSubmissionId({ getRandomValues: (array) => array });
    expect(zeros).to.equal('00000000-0000-4000-8000-000000000000');
  });
});
