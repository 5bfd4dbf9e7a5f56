/*
 * keen-lead-form/relay: the server side of <keen-lead-form relay>. Server
 * code only (Node, workerd, Deno, Bun); nothing here reaches the browser
 * files. The Worker entry is its own module (keen-lead-form/relay/worker).
 */
export {
  createRelay,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_KEEN_ENDPOINT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMEOUT_MS,
  type Relay,
  type RelayContext,
  type RelayEvent,
  type RelayHandler,
  type RelayMode,
  type RelayOptions,
  type RelayRateLimit,
} from './create-relay.js';
export {
  ChannelFieldsError,
  channelFieldsConfig,
  formatChannelFields,
  type ChannelFieldType,
  type ChannelFieldsConfig,
  type ChannelPropertyField,
  type ChannelStandardField,
} from './channel-fields.js';
export { loadChannelFields, type LoadChannelFieldsOptions, type LoadChannelFieldsResult } from './load-channel-fields.js';
export { clientBucket } from './client-address.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitHit, type RateLimitStore } from './rate-limit-store.js';
export { RedisRateLimitStore, type RedisEvalClient, type RedisRateLimitStoreOptions } from './redis-rate-limit-store.js';
export { toExpressMiddleware, toFetchRequest, toNodeHandler, type NodeMiddleware } from './node-adapter.js';
export {
  createProofOfWork,
  DEFAULT_CHALLENGE_EXPIRES_MS,
  DEFAULT_CHALLENGE_MAX_NUMBER,
  type AltchaChallenge,
  type ProofOfWork,
  type RelayChallenge,
  type SolutionVerdict,
} from './proof-of-work.js';
export { MemoryReplayStore, type MemoryReplayStoreOptions, type ReplayStore } from './replay-store.js';
export { RedisReplayStore, type RedisReplayStoreOptions } from './redis-replay-store.js';
export { SITEVERIFY_URLS, type CaptchaProvider, type RelayCaptcha } from './verify-captcha.js';
export { formatRelayEvent, type LoggableRelayEvent, type RefusalReason, type RelayCounters } from './relay-counters.js';
export {
  CONSENT_FIELD_NAME,
  FORM_CONFIG_FIELD_NAME,
  FormHtmlConfigError,
  MARKETING_CONSENT_FIELD_NAME,
  htmlFieldId,
  renderFormBody,
  renderFormHtml,
  type HtmlFormInput,
} from '../html/render-form-html.js';
// The generator takes the configuration as this checks it (JSON from a file, a CMS, a request).
export { parseFormConfig, type FormConfig, type ParseResult } from '../schema/form-config.js';
