/*
 * What the relay answers to `GET ?action=fields`: the channel's form
 * configuration, loaded from Keen with the operator's key and kept for a
 * short time, so a busy page costs Keen one get_channels call per period,
 * not one per visitor. Concurrent visitors share one load in flight.
 */
import { formatChannelFields } from './channel-fields.js';
import { loadChannelFields, type LoadChannelFieldsOptions } from './load-channel-fields.js';

export const DEFAULT_CHANNEL_FIELDS_CACHE_MS = 60_000;

export type ChannelFieldsAnswer =
  | { readonly ok: true; readonly json: string; readonly maxAgeSeconds: number }
  | { readonly ok: false; readonly error: string };

export interface ChannelFieldsSourceOptions extends LoadChannelFieldsOptions {
  readonly cacheMs: number;
  readonly now?: () => number;
}

/** Returns a function that answers from the cache while it is fresh, else loads once. Failures are not kept. */
export function createChannelFieldsSource(options: ChannelFieldsSourceOptions): () => Promise<ChannelFieldsAnswer> {
  const now = options.now ?? Date.now;
  let cached: { readonly json: string; readonly until: number } | undefined;
  let loading: Promise<ChannelFieldsAnswer> | undefined;

  const load = async (): Promise<ChannelFieldsAnswer> => {
    const result = await loadChannelFields(options);
    if (!result.ok) return result;
    cached = { json: formatChannelFields(result.config), until: now() + options.cacheMs };
    return { ok: true, json: cached.json, maxAgeSeconds: Math.floor(options.cacheMs / 1000) };
  };

  return async () => {
    const at = now();
    if (cached !== undefined && at < cached.until) {
      // Browsers and CDNs keep it no longer than the relay itself still does.
      return { ok: true, json: cached.json, maxAgeSeconds: Math.max(0, Math.floor((cached.until - at) / 1000)) };
    }
    loading ??= load().finally(() => (loading = undefined));
    return loading;
  };
}
