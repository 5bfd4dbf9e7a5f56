import * as z from 'zod/mini';

/*
 * The `lead_external` request body, exactly as Keen's contract describes it
 * (see keen-api.md). This is the last gate before the network: the API client
 * only accepts a {@link ValidatedLeadPayload}, which only this module can make.
 */

/** The top-level string fields Keen's `lead_external` accepts besides `channel_id`. */
export const LEAD_TEXT_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'company_name',
  'notes',
  'business_id',
  'employee',
  'source',
] as const;

export type LeadTextField = (typeof LEAD_TEXT_FIELDS)[number];

/** A custom property value: Keen stores it as text; `null` is refused. */
export type LeadPropertyValue = string | number | boolean | { readonly [key: string]: unknown };

export interface LeadProperty {
  readonly property_definitions_id: string;
  readonly value: LeadPropertyValue;
}

export type LeadPayload = {
  readonly action: 'lead_external';
  /** Required by Keen; left out only when posting to a relay that adds it server-side. */
  readonly channel_id?: string;
  readonly properties?: readonly LeadProperty[];
} & { readonly [K in LeadTextField]?: string };

declare const validated: unique symbol;
/** A payload that passed {@link parseLeadPayload}; the only kind the client sends. */
export type ValidatedLeadPayload = LeadPayload & { readonly [validated]: true };

const optionalText = z.optional(z.string());

/** What Keen can store as text: finite numbers, strings, booleans, plain objects. */
function isPropertyValue(value: unknown): value is LeadPropertyValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value !== null;
    default:
      return false;
  }
}

// A predicate rather than a union of four schemas: same rule, a fraction of the bytes.
const propertyValueSchema = z.custom<LeadPropertyValue>(isPropertyValue, 'must be a string, number, boolean or object');

const channelIdSchema = z.string().check(z.minLength(1, 'channel_id required'));

const leadFieldsShape = {
  first_name: optionalText,
  last_name: optionalText,
  email: optionalText,
  phone: optionalText,
  company_name: optionalText,
  notes: optionalText,
  business_id: optionalText,
  employee: optionalText,
  source: optionalText,
  properties: z.optional(
    z.array(
      z.strictObject({
        property_definitions_id: z.string().check(z.minLength(1)),
        value: propertyValueSchema,
      }),
    ),
  ),
};

// Key order is the order on the wire: action and channel first, as in Keen's docs.
const action = z.literal('lead_external');
const leadPayloadSchema = z.strictObject({ action, channel_id: channelIdSchema, ...leadFieldsShape });
/** A relay (e.g. the WordPress plugin's) adds the channel id, so the page need not publish it. */
const relayPayloadSchema = z.strictObject({ action, channel_id: z.optional(channelIdSchema), ...leadFieldsShape });

export type LeadPayloadParseResult =
  | { readonly ok: true; readonly payload: ValidatedLeadPayload }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a payload against the `lead_external` contract. Problems are for the
 * site developer (they mean the widget or its configuration built a bad
 * request), not for the visitor, whose input is checked field by field first.
 */
export function parseLeadPayload(input: unknown, { forRelay = false }: { forRelay?: boolean } = {}): LeadPayloadParseResult {
  const result = z.safeParse(forRelay ? relayPayloadSchema : leadPayloadSchema, input);
  if (result.success) {
    return { ok: true, payload: result.data as ValidatedLeadPayload };
  }
  return {
    ok: false,
    problems: result.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  };
}
