/*
 * Asks Keen (get_channels, with the company's key) for a channel's property
 * definitions and turns them into the form configuration. Every way it can
 * fail becomes one sentence a site owner can act on, and none of them holds
 * the key: the CLI prints it, the relay logs it.
 */
import { parseJson } from '../shared/json.js';
import { ChannelFieldsError, channelFieldsConfig, type ChannelFieldsConfig } from './channel-fields.js';
import { redact } from './forward-to-keen.js';

export interface LoadChannelFieldsOptions {
  /** Keen's API URL. */
  readonly endpoint: string;
  /** The company's Keen API key; sent as `X-Api-Key`, never echoed. */
  readonly apiKey: string;
  /** The channel's id (or its public uuid, when Keen lists it). */
  readonly channelId: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export type LoadChannelFieldsResult =
  | { readonly ok: true; readonly config: ChannelFieldsConfig }
  | { readonly ok: false; readonly error: string };

function keenError(json: unknown): string | undefined {
  return typeof json === 'object' && json !== null && typeof (json as { error?: unknown }).error === 'string'
    ? (json as { error: string }).error
    : undefined;
}

export async function loadChannelFields(options: LoadChannelFieldsOptions): Promise<LoadChannelFieldsResult> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await doFetch(options.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Api-Key': options.apiKey },
      body: JSON.stringify({ action: 'get_channels' }),
      redirect: 'manual', // a redirect would re-send the key somewhere else
      signal: controller.signal,
    });
    status = response.status;
    text = redact(await response.text(), options.apiKey);
  } catch {
    const host = new URL(options.endpoint).host;
    return {
      ok: false,
      error: controller.signal.aborted ? `Keen (${host}) did not answer within ${options.timeoutMs} ms` : `could not reach Keen at ${host}`,
    };
  } finally {
    clearTimeout(timer);
  }
  const json = parseJson(text);
  const said = keenError(json);
  if (status === 401) return { ok: false, error: `Keen refused the API key (401${said === undefined ? '' : ` ${said}`}): check KEEN_API_KEY` };
  if (status === 403) {
    return { ok: false, error: `Keen answered 403${said === undefined ? '' : ` (${said})`}: this key's company cannot read channel ${options.channelId}` };
  }
  if (status < 200 || status >= 300) {
    return { ok: false, error: `Keen answered ${status}${said === undefined ? (text.trim() === '' ? ' with an empty body' : ' with a body that is not JSON') : `: ${said}`}` };
  }
  if (json === undefined) return { ok: false, error: `Keen answered ${status} with a body that is not JSON` };
  try {
    return { ok: true, config: channelFieldsConfig(json, options.channelId) };
  } catch (error) {
    if (error instanceof ChannelFieldsError) return { ok: false, error: error.message };
    throw error;
  }
}
