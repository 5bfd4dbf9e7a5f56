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
  relay?: boolean;
  challenge?: 'altcha' | 'none' | `turnstile:${string}` | `hcaptcha:${string}` | `friendlycaptcha:${string}`;
  'challenge-script'?: string;
  theme?: 'auto' | 'light' | 'dark' | 'inherit';
  draft?: 'on' | 'off';
  'submission-id-property'?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
}
