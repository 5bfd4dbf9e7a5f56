import { expect } from 'chai';
import { RETRY_AFTER_CEILING_MS, RETRY_CAP_MS, retryDelayMs } from '../../src/outbox/backoff.js';

describe('retry backoff', () => {
  const windows: ReadonlyArray<[attempt: number, window: number]> = [
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [8, 256_000],
    [9, RETRY_CAP_MS],
    [50, RETRY_CAP_MS],
    [5000, RETRY_CAP_MS],
    [-3, 1000],
    [Number.NaN, 1000],
  ];

  for (const [attempt, window] of windows) {
    it(`uses a window of ${window} ms for attempt ${attempt}, from zero (full jitter)`, () => {
      expect(retryDelayMs(attempt, { random: () => 0 })).to.equal(0);
      expect(retryDelayMs(attempt, { random: () => 0.5 })).to.equal(window / 2);
      expect(retryDelayMs(attempt, { random: () => 0.999_999 })).to.be.below(window).and.at.least(window - 1);
    });
  }

  it('spreads real random delays over the whole window', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(3));
    expect(Math.min(...delays)).to.be.at.least(0).and.below(2000);
    expect(Math.max(...delays)).to.be.below(8000).and.above(6000);
  });

  it('accepts another base and cap', () => {
    expect(retryDelayMs(4, { baseMs: 10, capMs: 100, random: () => 0.5 })).to.equal(50);
    expect(retryDelayMs(2, { baseMs: 10, capMs: 100, random: () => 0.5 })).to.equal(20);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(0, { random: () => 0.5, retryAfterMs: 7000 })).to.equal(7000);
    expect(retryDelayMs(5, { random: () => 0.5, retryAfterMs: 7000 })).to.equal(16_000);
    expect(retryDelayMs(0, { random: () => 0.5, retryAfterMs: 0 })).to.equal(500);
  });

  it('honours Retry-After above the cap, up to the ceiling', () => {
    expect(retryDelayMs(20, { random: () => 0, retryAfterMs: 600_000 })).to.equal(600_000);
    expect(retryDelayMs(20, { random: () => 0, retryAfterMs: 86_400_000 })).to.equal(RETRY_AFTER_CEILING_MS);
  });
});
