// @ts-check
/*
 * What `lead_external` and `create_lead` share: the request fields and their
 * checks, the custom property values, and the lead as Keen stores it (with
 * the channel's first lead status). The actions differ only in who may call
 * them and what Keen does afterwards.
 */
import { randomUUID } from 'node:crypto';
import { isPlainObject } from './request-body.js';

/**
 * @typedef {import('./types.js').Channel} Channel
 * @typedef {import('./types.js').EmulatorState} EmulatorState
 * @typedef {import('./types.js').Lead} Lead
 * @typedef {import('./types.js').LeadAction} LeadAction
 * @typedef {import('./types.js').LeadContact} LeadContact
 * @typedef {import('./types.js').LeadProperty} LeadProperty
 * @typedef {import('./types.js').LeadStatus} LeadStatus
 * @typedef {import('./types.js').StoredLead} StoredLead
 */

/** Optional contact fields, in the order the lead lists them. */
const LEAD_TEXT_FIELDS = /** @type {const} */ ([
  'email',
  'first_name',
  'last_name',
  'phone',
  'company_name',
  'source',
  'employee',
  'notes',
  'business_id',
]);

/**
 * Keen does not document a limit; the emulator refuses property values nested
 * deeper than any form produces, so a hostile value is a 400 like any other
 * bad value instead of a stack overflow (a 500) when it is stored as text.
 */
export const MAX_PROPERTY_VALUE_DEPTH = 100;

/**
 * The checks that need no channel: `channel_id` and the contact fields.
 * @param {Record<string, unknown>} payload
 * @returns {{ channelId: string, contact: LeadContact } | string} the fields, or an error message
 */
export function readLeadFields(payload) {
  const channelId = payload.channel_id;
  if (typeof channelId !== 'string' || channelId === '') return 'channel_id required';
  const contact = /** @type {LeadContact} */ ({});
  for (const field of LEAD_TEXT_FIELDS) {
    const value = payload[field];
    if (value !== undefined && value !== null && typeof value !== 'string') return `${field} must be a string`;
    contact[field] = value ?? null;
  }
  return { channelId, contact };
}

/**
 * Validates every item before anything is stored, so a bad item stores nothing.
 * @param {Channel} channel
 * @param {unknown} raw
 * @returns {LeadProperty[] | string} the properties, or an error message
 */
export function readProperties(channel, raw) {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'properties must be an array';
  /** @type {LeadProperty[]} */
  const properties = [];
  for (const item of raw) {
    if (!isPlainObject(item) || typeof item.property_definitions_id !== 'string' || item.property_definitions_id === '') {
      return 'property_definitions_id required';
    }
    const wanted = item.property_definitions_id.toLowerCase();
    const definition = channel.property_definitions.find((candidate) => candidate.id.toLowerCase() === wanted);
    if (!definition) return `Property definition ${item.property_definitions_id} not found on this channel`;
    const { value } = item;
    if (value === undefined || value === null) return 'Property value is required';
    if (isNestedDeeperThan(value, MAX_PROPERTY_VALUE_DEPTH)) {
      return `Property value is nested too deeply (at most ${MAX_PROPERTY_VALUE_DEPTH} levels)`;
    }
    // Parsed JSON leaves only strings, numbers, booleans and objects (arrays
    // count as objects) here, so there is no other type to refuse.
    properties.push({
      property_definitions_id: definition.id,
      value: typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
    });
  }
  return properties;
}

/**
 * Without recursion, so the check itself cannot overflow the stack.
 * @param {unknown} root
 * @param {number} limit
 */
function isNestedDeeperThan(root, limit) {
  /** @type {[unknown, number][]} */
  const pending = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Creates the lead with the channel's first status and stores it.
 * @param {EmulatorState} state
 * @param {{ channel: Channel, contact: LeadContact, properties: LeadProperty[], action: LeadAction, request: StoredLead['request'] }} input
 * @returns {Lead}
 */
export function storeLead(state, { channel, contact, properties, action, request }) {
  const firstStatus = channel.lead_status.reduce(
    /** @param {LeadStatus | null} first */ (first, status) => (first && first.order <= status.order ? first : status),
    null,
  );
  /** @type {Lead} */
  const lead = {
    id: randomUUID(),
    created_at: new Date().toISOString(),
    ...contact,
    channels_id: channel.id,
    status: firstStatus?.status ?? null,
    lead_status_id: firstStatus?.id ?? null,
    properties,
  };
  state.leads.push({ lead, action, request });
  return lead;
}
