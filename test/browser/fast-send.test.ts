import '/dist/cdn/keen-lead-form.js';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { outboxStorageKey } from '../../src/outbox/outbox-store.js';
import { PUBLIC_CHANNEL, nextEvent, shadow, typeInto, useEmulatorPerFile } from './helpers.js';

/*
 * Issue 17, point 3: on the common path (one tab, one form) nothing stands
 * between the click and the request but the outbox write. The request leaves
 * within the frame of the click, and the lead is in storage when it does.
 */

const emulator = useEmulatorPerFile();

async function mountForm(): Promise<KeenLeadForm> {
  const form = document.createElement('keen-lead-form');
  form.setAttribute('endpoint', emulator.apiUrl);
  form.setAttribute('channel', PUBLIC_CHANNEL);
  form.setAttribute('fields', 'first_name email');
  // No minimum time before delivery (a spam defence of another branch), where it exists.
  form.setAttribute('min-time', '0');
  document.body.append(form);
  await form.updateComplete;
  return form;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

interface FetchCall {
  readonly url: string;
  /** The outbox as storage held it when the request was made. */
  readonly stored: string | null;
}

interface TimedSend {
  /** When the request started, from the start of the click's frame (Resource Timing). */
  readonly startedAfterMs: number;
  /** The length of the click's frame: when the next one began. */
  readonly frameMs: number;
  /** Outbox snapshots at each request to Keen. */
  readonly stored: readonly (string | null)[];
}

/** Types an address, clicks at the start of a frame, and times the request to Keen. */
async function timedSend(email: string): Promise<TimedSend> {
  const form = await mountForm();
  await typeInto(form, 'Email', email);
  // The outbox courier starts, and the validators warm up, after the first paint: the steady state is measured.
  await nextFrame();
  await nextFrame();
  const button = shadow(form).querySelector('button[part="submit"]') as HTMLButtonElement;
  const calls: FetchCall[] = [];
  const pageFetch = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, stored: localStorage.getItem(outboxStorageKey(emulator.apiUrl)) });
    return pageFetch(input, init);
  };
  let clickFrameAt = NaN;
  let nextFrameAt = NaN;
  const delivered = nextEvent(form, 'keen-delivered');
  try {
    // Clicked at the start of a frame, so "within one frame" has the whole frame.
    clickFrameAt = await nextFrame();
    button.addEventListener('click', () => requestAnimationFrame((at) => (nextFrameAt = at)), { once: true });
    button.click();
    await delivered;
    // The delivery can finish before the next frame (WebKit): wait for that
    // frame, whose callbacks run in order, so the click's one has set nextFrameAt.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  } finally {
    window.fetch = pageFetch;
  }
  form.remove();
  const timing = performance.getEntriesByType('resource').filter((entry) => entry.name === emulator.apiUrl && entry.startTime >= clickFrameAt);
  expect(timing, 'the request in Resource Timing').to.have.length(1);
  return {
    startedAfterMs: (timing[0]?.startTime ?? Infinity) - clickFrameAt,
    frameMs: nextFrameAt - clickFrameAt,
    stored: calls.filter((call) => call.url === emulator.apiUrl).map((call) => call.stored),
  };
}

describe('one-tab send', () => {
  it('the request starts before the next animation frame after the click, with the lead already in storage', async function () {
    this.timeout(20_000);
    // Up to three sends: the lock is granted by the browser process, which a
    // machine under heavy load can keep busy past one frame. A fixed pause on
    // the path (the old 50 ms settle) misses the frame every time.
    const sends: TimedSend[] = [];
    for (let n = 0; n < 3 && !sends.some((send) => send.startedAfterMs < send.frameMs); n++) {
      const email = `fast-${n}@example.com`;
      const send = await timedSend(email);
      expect(send.stored, 'one request to Keen').to.have.length(1);
      expect(send.stored[0] ?? '', 'the outbox held the lead when the request was made').to.contain(email);
      sends.push(send);
    }
    const described = sends.map((send) => `${send.startedAfterMs.toFixed(1)} ms (frame ${send.frameMs.toFixed(1)} ms)`).join(', ');
    console.log(`one-tab send: request started after ${described}`);
    expect(sends.some((send) => send.startedAfterMs < send.frameMs), `request started after ${described}`).to.equal(true);
    expect((await emulator.leads()).map((stored) => stored.lead['email'])).to.deep.equal(sends.map((_, n) => `fast-${n}@example.com`));
  });
});
