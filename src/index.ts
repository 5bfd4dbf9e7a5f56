// The public API, free of side effects: importing this registers nothing.
// Import `keen-lead-form/define` (or load the CDN file) to register the tag.
export { KeenLeadForm } from './element/keen-lead-form.js';
export {
  KeenConversionEvent,
  KeenDeliveredEvent,
  KeenErrorEvent,
  KeenInvalidEvent,
  KeenQueuedEvent,
  KeenSpamEvent,
  KeenSubmitEvent,
  KeenSuccessEvent,
  type InvalidField,
  type KeenDeliveredDetail,
  type KeenInvalidDetail,
  type KeenLeadFormEvents,
  type KeenQueuedDetail,
  type KeenSpamDetail,
  type KeenSuccessDetail,
} from './element/events.js';
export type { OutboxFailure, OutboxItem } from './outbox/outbox-store.js';
export type { MessageOverrides } from './i18n/overrides.js';
export type { Messages } from './i18n/en.js';
export type { KeenLeadFormAttributes } from './element/attributes.js';
export type {
  BlockConfig,
  ConsentConfig,
  FieldConfig,
  FieldInput,
  StepMarker,
  FieldSettings,
  FormConfig,
  MarketingConsentConfig,
  PropertyFieldConfig,
  PropertyType,
  StandardFieldConfig,
  Theme,
  ThemePreset,
  ColorScheme,
} from './schema/form-config.js';
export {
  DEFAULT_ENDPOINT,
  DEFAULT_TIMEOUT_MS,
  isRetryableStatus,
  submitLead,
  type KeenLead,
  type SubmitFailure,
  type SubmitFailureKind,
  type SubmitOptions,
  type SubmitResult,
  type SubmitSuccess,
} from './api/submit-lead.js';
export {
  parseLeadPayload,
  type LeadPayload,
  type LeadProperty,
  type LeadPropertyValue,
  type ValidatedLeadPayload,
} from './schema/lead-payload.js';
export type { ChoicesFormat, FieldDefinition, FieldControl, ShowIfCondition, StandardFieldName } from './schema/fields.js';
export type { FieldError, FieldErrorCode } from './schema/validate-lead-form.js';
export { captureAttribution, clearAttribution } from './attribution/page-attribution.js';
export { CONSENT_EVENT } from './attribution/consent.js';
export type { AttributionSettings } from './attribution/capture-attribution.js';
export type { AttributionRecord } from './attribution/attribution-record.js';
export type { LeadAttribution } from './attribution/attribution-mapping.js';
export type { Touch } from './attribution/touch.js';
export type { GenerateLeadEvent, LeadReport } from './attribution/generate-lead-event.js';
export type { AttributionConfig } from './schema/attribution-settings.js';
