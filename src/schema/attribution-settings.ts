import * as z from 'zod/mini';

/*
 * The attribution and analytics settings, one rule each. They are shared by
 * attributes, the JSON config, the `config` property and the page-wide
 * `<meta name="keen-attribution">`, so form-config.ts spreads this shape
 * into its schemas.
 */

export const ATTRIBUTION_MODES = ['session', 'persist', 'off'] as const;
export type AttributionModeSetting = (typeof ATTRIBUTION_MODES)[number];

/** Settings a form and a page without a form share (attribute names: kebab-case). */
export interface AttributionConfig {
  /** `session` (default): sessionStorage; `persist`: localStorage for 90 days; `off`: nothing captured, kept or sent. */
  attribution?: AttributionModeSetting;
  /** `required`: nothing is captured or kept until the site signals consent (`window.keenConsent`, `keen-consent`). */
  attributionConsent?: 'required';
  /** The URL parameter that carries a partner or referral code; `ref` by default. */
  referralParam?: string;
  /** `datalayer`: push GA4's `generate_lead` to `window.dataLayer` for each delivered lead. */
  analytics?: 'datalayer' | 'off';
  /** The lead's `source`, e.g. `{source} / {utm_source} / {utm_campaign}` (the default); `off` keeps `source` as configured. */
  sourceTemplate?: string;
  /** `off` leaves out the attribution block at the end of `notes`. */
  attributionNotes?: 'on' | 'off';
  /** Captured name (`utm_campaign`, `last_utm_source`, `gclid`, `page`, …) to a property definition id (JSON and `config` only). */
  attributionProperties?: Readonly<Record<string, string>>;
}

/** A URL parameter name a site can choose: plain, short, and not one we fill ourselves. */
export const PARAM_NAME = /^[\w.-]{1,64}$/;
const RESERVED_NAMES = new Set(['referrer', 'landing_page', 'page']);

export const paramNameSchema = z.string().check(
  z.refine((name: string) => PARAM_NAME.test(name) && !RESERVED_NAMES.has(name), 'expected a URL parameter name (letters, digits, _ . -)'),
);

function isIdMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((id) => typeof id === 'string' && id.trim() !== '')
  );
}

/** The settings any source may carry (attributes pass strings; all of these are strings). */
export const attributionSettingsShape = {
  attribution: z.optional(z.enum(ATTRIBUTION_MODES)),
  attributionConsent: z.optional(z.enum(['required'])),
  referralParam: z.optional(paramNameSchema),
  analytics: z.optional(z.enum(['datalayer', 'off'])),
  sourceTemplate: z.optional(z.string().check(z.minLength(1))),
  attributionNotes: z.optional(z.enum(['on', 'off'])),
};

/** Only in JSON and `config`: a map has no attribute form. */
export const attributionPropertiesSchema = z.optional(
  z.custom<Record<string, string>>(isIdMap, 'expected an object mapping captured names to property definition ids'),
);
