// @ts-check
/*
 * `lead_external`: the one action that needs no key, so the channel must
 * have its public API on. No webhook, no in-app notification (keen-api.md).
 */
import { readLeadFields, readProperties, storeLead } from '../leads.js';
import { errorResponse, jsonResponse } from '../responses.js';
import { findChannel } from '../state.js';

/**
 * @param {import('../types.js').EmulatorState} state
 * @param {Record<string, unknown>} payload
 * @param {import('../types.js').StoredLead['request']} request  as received, kept with the lead
 * @returns {import('../types.js').EmulatorResponse}
 */
export function leadExternal(state, payload, request) {
  const fields = readLeadFields(payload);
  if (typeof fields === 'string') return errorResponse(400, fields);
  const channel = findChannel(state.channels, fields.channelId);
  if (!channel) return errorResponse(404, 'Channel not found');
  if (!channel.no_auth_api) return errorResponse(403, 'Public API not enabled for this channel');
  const properties = readProperties(channel, payload.properties);
  if (typeof properties === 'string') return errorResponse(400, properties);
  const lead = storeLead(state, { channel, contact: fields.contact, properties, action: 'lead_external', request });
  return jsonResponse(200, { lead });
}
