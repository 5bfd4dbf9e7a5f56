import type { Theme } from '../schema/form-config.js';

/**
 * The element's HTML attributes as framework typings see them (React, Preact,
 * Vue and Svelte declarations in `keen-lead-form/react` etc. build on this).
 * Names and value types mirror the `@attr` tags of `KeenLeadForm`.
 */
export interface KeenLeadFormAttributes {
  channel?: string;
  endpoint?: string;
  /** Space- or comma-separated standard field names. */
  fields?: string;
  /** Space- or comma-separated names of required fields. */
  required?: string;
  source?: string;
  'success-message'?: string;
  redirect?: string;
  timeout?: number | string;
  /** Milliseconds from the first render before a lead may leave; 0 turns the wait off. */
  'min-time'?: number | string;
  /** Adds a required consent box; empty for the default wording. */
  consent?: string;
  'consent-link'?: string;
  'consent-version'?: string;
  /** Adds an optional marketing consent box; empty for the default wording. */
  'marketing-consent'?: string;
  relay?: boolean;
  'fields-from'?: 'relay';
  challenge?: 'altcha' | 'none' | `turnstile:${string}` | `hcaptcha:${string}` | `friendlycaptcha:${string}`;
  'challenge-script'?: string;
  /** A colour scheme, a preset, or both: `rounded dark`. */
  theme?: Theme;
  draft?: 'on' | 'off';
  'submission-id-property'?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
}
