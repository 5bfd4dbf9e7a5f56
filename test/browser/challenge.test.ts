// The proof of work in the browser, with the built CDN file against the relay
// (Node and workerd) and the emulator over real HTTP: the widget fetches a
// challenge when the visitor starts, solves it in the background without
// blocking the page, and sends the solution with the lead; an expired one is
// renewed and the lead still stored; forms without a relay run no challenge.
import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { solveAltcha, type AltchaChallenge } from '../../src/spam/altcha-solver.js';
import { nextEvent, press, shadow, typeInto, useEmulatorPerFile, waitFor, ENGINE } from './helpers.js';

const emulator = useEmulatorPerFile();

async function startRelay(runtime: 'node' | 'workerd', challenge: false | { expiresInMs?: number; maxNumber?: number } = {}): Promise<string> {
  const started = await executeServerCommand<{ url: string }, object>('relay-start', { runtime, emulatorUrl: emulator.url, origin: location.origin, challenge });
  if (started === undefined) throw new Error('the relay plugin did not start a relay');
  return started.url;
}

function relayForm(endpoint: string): KeenLeadForm {
  const form = document.createElement('keen-lead-form') as KeenLeadForm;
  form.setAttribute('relay', '');
  form.setAttribute('endpoint', endpoint);
  form.setAttribute('fields', 'first_name email');
  document.body.append(form);
  return form;
}

/** Requests for a challenge this page made so far (the Resource Timing buffer is cleared before each test). */
function challengeRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('action=challenge'));
}

beforeEach(() => performance.clearResourceTimings());

for (const runtime of ['node', 'workerd'] as const) {
  describe(`proof of work through the ${runtime} relay`, () => {
    let relayUrl = '';
    before(async function () {
      this.timeout(60_000); // starting workerd takes seconds on a loaded machine
      relayUrl = await startRelay(runtime);
    });

    it('fetches a challenge as the visitor starts, sends the solution, and the lead is stored', async function () {
      this.timeout(30_000);
      const form = relayForm(relayUrl);
      await form.updateComplete;
      expect(challengeRequests(), 'nothing before the visitor starts').to.deep.equal([]);
      await typeInto(form, 'First name', 'Ada');
      await waitFor(() => challengeRequests().length === 1, 'the challenge request on first focus');
      await typeInto(form, 'Email', `pow-${runtime}@example.com`);
      const success = nextEvent(form, 'keen-success');
      await press('Enter');
      const { detail } = await success;
      const leads = await emulator.leads();
      expect(leads).to.have.length(1);
      expect(leads[0]?.lead.id).to.equal(detail.lead.id);
      expect(leads[0]?.lead['first_name']).to.equal('Ada');
      expect(JSON.parse(leads[0]?.request.body ?? '{}')).to.not.have.property('verification');
      expect(challengeRequests(), 'one challenge for one lead').to.have.length(1);
    });
  });
}

describe('proof of work, renewed', () => {
  it('a solution that expired while the visitor took their time is renewed, and the lead is stored', async function () {
    this.timeout(30_000);
    // Challenges live 3 s (whole seconds in the salt, so 2-3 s) and are quick to solve: the first solution expires before the send.
    const relayUrl = await startRelay('node', { expiresInMs: 3000, maxNumber: 500 });
    const form = relayForm(relayUrl);
    await form.updateComplete;
    await typeInto(form, 'Email', 'slow@example.com');
    await waitFor(() => challengeRequests().length === 1, 'the first challenge');
    await new Promise((resolve) => setTimeout(resolve, 3200)); // the visitor pauses: the condition is the expiry itself
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    expect(await emulator.leads()).to.have.length(1);
    expect(challengeRequests(), 'a second challenge after the relay asked to renew').to.have.length(2);
  });
});

describe('solving does not block the page', () => {
  it('the longest main-thread task while solving stays short', async function () {
    this.timeout(120_000);
    // A challenge whose answer is its last number: the solver's worst case (20 000 hashes keep the test short).
    const max = 20_000;
    const salt = 'worst-case-salt?expires=9999999999&';
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}${max}`));
    const challenge: AltchaChallenge = {
      algorithm: 'SHA-256',
      challenge: [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
      maxnumber: max,
      salt,
      signature: 'unchecked-here',
    };
    const longTasks: number[] = [];
    const supportsLongTask = PerformanceObserver.supportedEntryTypes.includes('longtask');
    const observer = supportsLongTask ? new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration))) : undefined;
    observer?.observe({ type: 'longtask' });
    // Everywhere: how late a 10 ms timer fires while solving is how long input would wait.
    let lastTick = performance.now();
    const lateness: number[] = [];
    const ticker = setInterval(() => {
      const now = performance.now();
      lateness.push(now - lastTick - 10);
      lastTick = now;
    }, 10);
    const started = performance.now();
    const solution = await solveAltcha(challenge);
    const took = performance.now() - started;
    clearInterval(ticker);
    observer?.disconnect();
    expect(JSON.parse(atob(solution ?? 'e30=')).number).to.equal(max);
    const longest = Math.max(0, ...longTasks);
    const sorted = [...lateness].sort((a, b) => a - b);
    const worstLateness = sorted.at(-1) ?? 0;
    const p95Lateness = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    console.log(`[${ENGINE}] solved ${max} hashes in ${Math.round(took)} ms; timer lateness p95 ${Math.round(p95Lateness)} ms, max ${Math.round(worstLateness)} ms; longest long task ${supportsLongTask ? `${Math.round(longest)} ms` : 'n/a (no longtask entries here)'}`);
    // A task over 100 ms is one a visitor feels while typing (RAIL); a long task is anything over 50 ms.
    // The solver yields every few ms, so nearly every tick is on time; the
    // 95th percentile is what the solver decides, while a single late tick on
    // this shared machine is the machine (the maximum is still logged above).
    expect(p95Lateness, 'timer lateness while solving, 95th percentile (ms)').to.be.below(50);
    if (supportsLongTask) expect(longest, 'longest long task while solving (ms)').to.be.below(100);
  });
});

describe('forms without a proof of work', () => {
  it('a form that posts straight to Keen fetches no challenge and adds no script', async () => {
    const scriptsBefore = document.querySelectorAll('script').length;
    const form = document.createElement('keen-lead-form') as KeenLeadForm;
    form.setAttribute('channel', 'c0ffee00-0000-4000-8000-000000000001');
    form.setAttribute('endpoint', emulator.apiUrl);
    document.body.append(form);
    await form.updateComplete;
    await typeInto(form, 'Email', 'direct@example.com');
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    expect(challengeRequests()).to.deep.equal([]);
    expect(document.querySelectorAll('script').length).to.equal(scriptsBefore);
    expect(JSON.parse((await emulator.leads())[0]?.request.body ?? '{}')).to.not.have.property('verification');
  });

  it('challenge="none" with a relay that does not ask for one: no challenge fetched, lead stored', async function () {
    this.timeout(60_000);
    const relayUrl = await startRelay('node', false);
    const form = relayForm(relayUrl);
    form.setAttribute('challenge', 'none');
    await form.updateComplete;
    await typeInto(form, 'Email', 'none@example.com');
    const success = nextEvent(form, 'keen-success');
    await press('Enter');
    await success;
    expect(challengeRequests()).to.deep.equal([]);
    expect(await emulator.leads()).to.have.length(1);
  });

  it('bad challenge settings are configuration errors that name the setting', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ relay: '', challenge: 'turnstile:' }, /challenge: expected altcha, none, or a captcha provider/],
      [{ relay: '', challenge: 'recaptcha:abc' }, /challenge: expected altcha, none/],
      [{ channel: 'c0ffee00-0000-4000-8000-000000000001', challenge: 'altcha' }, /challenge: "altcha" needs a relay/],
      [{ relay: '', 'challenge-script': 'javascript:alert(1)' }, /challenge-script: expected an http\(s\) URL/],
    ];
    for (const [attributes, message] of cases) {
      const form = document.createElement('keen-lead-form') as KeenLeadForm;
      for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
      form.setAttribute('endpoint', emulator.apiUrl);
      document.body.append(form);
      await form.updateComplete;
      expect(shadow(form).textContent ?? '', JSON.stringify(attributes)).to.match(message);
      form.remove();
    }
  });
});
