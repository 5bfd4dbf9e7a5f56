import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import { submitLead, type SubmitFailure, type SubmitResult } from '../../src/api/submit-lead.js';
import { parseLeadPayload, type ValidatedLeadPayload } from '../../src/schema/lead-payload.js';
import { Emulator, PRIVATE_CHANNEL, PUBLIC_CHANNEL, UNKNOWN_CHANNEL, type EmulatorFault } from './helpers.js';

let emulator: Emulator;

before(async () => {
  emulator = await Emulator.start();
});

beforeEach(async () => {
  await emulator.reset();
});

function payload(fields: Record<string, unknown> = {}): ValidatedLeadPayload {
  const parsed = parseLeadPayload({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, email: 'client@example.com', ...fields });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.payload;
}

function expectFailure(result: SubmitResult): SubmitFailure {
  if (result.ok) throw new Error(`expected a failure, got lead ${result.lead.id}`);
  return result;
}

describe('submitLead against the emulator', () => {
  it('returns the stored lead and sends JSON, no credentials and no API key', async () => {
    const result = await submitLead(payload({ first_name: 'Zoë Ølgaard – 日本語 🚀' }), { endpoint: emulator.apiUrl });
    if (!result.ok) throw new Error(result.message);
    expect(result.status).to.equal(200);
    const [stored] = await emulator.leads();
    expect(result.lead.id).to.equal(stored?.lead.id);
    expect(stored?.request.headers['content-type']).to.equal('application/json');
    expect(stored?.request.headers).to.not.have.property('x-api-key');
    expect(stored?.request.headers).to.not.have.property('cookie');
    expect(stored?.request.body).to.equal(
      '{"action":"lead_external","channel_id":"' + PUBLIC_CHANNEL + '","first_name":"Zoë Ølgaard – 日本語 🚀","email":"client@example.com"}',
    );
  });

  const cases: ReadonlyArray<{
    name: string;
    fault?: EmulatorFault;
    channel?: string;
    kind: SubmitFailure['kind'];
    status?: number;
    retryable: boolean;
    message?: string;
    retryAfterMs?: number;
  }> = [
    { name: '400 from Keen', fault: undefined, channel: '', kind: 'http', status: 400, retryable: false, message: 'channel_id required' },
    { name: '403 from Keen', channel: PRIVATE_CHANNEL, kind: 'http', status: 403, retryable: false, message: 'Public API not enabled for this channel' },
    { name: '404 from Keen', channel: UNKNOWN_CHANNEL, kind: 'http', status: 404, retryable: false, message: 'Channel not found' },
    {
      name: '500 with JSON',
      fault: { status: 500, body: '{"error":"Database unavailable"}', headers: { 'Content-Type': 'application/json' } },
      kind: 'http',
      status: 500,
      retryable: true,
      message: 'Database unavailable',
    },
    {
      name: '502 HTML page',
      fault: { status: 502, body: '<html><body>Bad gateway</body></html>', headers: { 'Content-Type': 'text/html' } },
      kind: 'http-non-json',
      status: 502,
      retryable: true,
    },
    {
      name: '503 empty body with Retry-After',
      fault: { status: 503, headers: { 'Retry-After': '7' } },
      kind: 'http-non-json',
      status: 503,
      retryable: true,
      retryAfterMs: 7000,
    },
    { name: '429', fault: { status: 429, body: '{"error":"Too many requests"}' }, kind: 'http', status: 429, retryable: true },
    { name: '408', fault: { status: 408 }, kind: 'http-non-json', status: 408, retryable: true },
    { name: '401 (final)', fault: { status: 401, body: '{"error":"Missing API key"}' }, kind: 'http', status: 401, retryable: false },
    { name: '200 that is not JSON', fault: { status: 200, body: 'OK' }, kind: 'unexpected-response', status: 200, retryable: true },
    { name: '200 JSON without a lead', fault: { status: 200, body: '{"ok":true}' }, kind: 'unexpected-response', status: 200, retryable: true },
    { name: 'dropped connection', fault: { drop: true }, kind: 'network', retryable: true },
  ];

  for (const testCase of cases) {
    it(`describes ${testCase.name} as ${testCase.kind}${testCase.retryable ? ' (retryable)' : ' (final)'}`, async () => {
      if (testCase.fault !== undefined) await emulator.fault(testCase.fault);
      const request = testCase.channel === '' ? ({ action: 'lead_external' } as unknown as ValidatedLeadPayload) : payload(
        testCase.channel === undefined ? {} : { channel_id: testCase.channel },
      );
      const failure = expectFailure(await submitLead(request, { endpoint: emulator.apiUrl }));
      expect(failure.kind).to.equal(testCase.kind);
      expect(failure.retryable).to.equal(testCase.retryable);
      expect(failure.status).to.equal(testCase.status);
      if (testCase.message !== undefined) expect(failure.message).to.equal(testCase.message);
      if (testCase.retryAfterMs !== undefined) expect(failure.retryAfterMs).to.equal(testCase.retryAfterMs);
      expect(await emulator.leads()).to.deep.equal([]);
    });
  }

  it('gives up after the timeout as a retryable timeout', async () => {
    await emulator.fault({ delayMs: 1500 });
    const started = performance.now();
    const failure = expectFailure(await submitLead(payload(), { endpoint: emulator.apiUrl, timeoutMs: 200 }));
    expect(failure.kind).to.equal('timeout');
    expect(failure.retryable).to.equal(true);
    expect(performance.now() - started).to.be.below(1200);
  });

  it('reports an aborted attempt as aborted, not as a network error', async () => {
    await emulator.fault({ delayMs: 1500 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = expectFailure(await submitLead(payload(), { endpoint: emulator.apiUrl, signal: controller.signal }));
    expect(failure.kind).to.equal('aborted');
  });

  it('reports a refused connection as a retryable network error', async () => {
    // Nothing answers HTTP on port 9 (and Chromium refuses it outright): no response at all.
    const failure = expectFailure(await submitLead(payload(), { endpoint: 'http://127.0.0.1:9/functions/v1/keen-api' }));
    expect(failure.kind).to.equal('network');
    expect(failure.retryable).to.equal(true);
  });

  it('never follows a redirect: one POST, no GET, a final "redirect" failure', async () => {
    const redirect = await executeServerCommand<{ url: string }, { location: string }>('redirect-server-start', { location: emulator.apiUrl });
    if (redirect === undefined) throw new Error('no redirect server');
    const endpoint = `${redirect.url}/functions/v1/keen-api`;
    const failure = expectFailure(await submitLead(payload(), { endpoint }));
    expect(failure.kind).to.equal('redirect');
    expect(failure.retryable).to.equal(false);
    // Chromium hides an opaque redirect's status and Location, so the message says what to do instead.
    expect(failure.message).to.equal(
      `The endpoint ${endpoint} answered with a redirect: set endpoint to the final URL`,
    );
    const seen = await executeServerCommand<{ method: string }[], { url: string }>('redirect-server-requests', { url: redirect.url });
    expect((seen ?? []).map((request) => request.method).filter((method) => method !== 'OPTIONS')).to.deep.equal(['POST']);
    expect((await emulator.requests()).map((request) => request.method)).to.deep.equal([]);
    expect(await emulator.leads()).to.deep.equal([]);
  });

  it('names the Location where the runtime shows a redirect as it is', async () => {
    let init: RequestInit | undefined;
    const fakeFetch: typeof fetch = async (_input, given) => {
      init = given;
      return new Response(null, { status: 301, headers: { Location: 'https://data.keenpartner.com/functions/v1/keen-api' } });
    };
    const failure = expectFailure(await submitLead(payload(), { endpoint: 'http://data.keenpartner.com/functions/v1/keen-api', fetch: fakeFetch }));
    expect(init?.redirect).to.equal('manual');
    expect(failure).to.deep.equal({
      ok: false,
      kind: 'redirect',
      status: 301,
      retryable: false,
      message:
        'The endpoint http://data.keenpartner.com/functions/v1/keen-api answered with a redirect to https://data.keenpartner.com/functions/v1/keen-api: ' +
        'set endpoint to the final URL',
    });
  });

  for (const timeoutMs of [Number.NaN, 0, -1, 1e12]) {
    it(`waits the default time, not none, for a timeout of ${timeoutMs}`, async () => {
      await emulator.fault({ delayMs: 300 });
      const result = await submitLead(payload(), { endpoint: emulator.apiUrl, timeoutMs });
      expect(result.ok).to.equal(true);
    });
  }
});
