// @ts-check
/*
 * `create_lead`: the keyed twin of lead_external. Same fields and checks,
 * any channel the key's company belongs to (public API on or off), and the
 * two side effects lead_external lacks: the channel's `webhook_new_lead`
 * POST and an in-app notification for the channel owner's team.
 *
 * The emulator records the webhook and never sends it: tests stay
 * deterministic and offline, the handler stays free of I/O, and a test can
 * read exactly what Keen would have POSTed from `GET /__emulator/webhooks`.
 */
import { randomUUID } from 'node:crypto';
import { readLeadFields, readProperties, storeLead } from '../leads.js';
import { errorResponse, jsonResponse } from '../responses.js';
import { canCompanyAccess, findChannel } from '../state.js';

/**
 * @typedef {import('../types.js').Channel} Channel
 * @typedef {import('../types.js').EmulatorState} EmulatorState
 * @typedef {import('../types.js').Lead} Lead
 */

/**
 * @param {EmulatorState} state
 * @param {Record<string, unknown>} payload
 * @param {{ companyId: string, request: import('../types.js').StoredLead['request'] }} caller
 * @returns {import('../types.js').EmulatorResponse}
 */
export function createLead(state, payload, { companyId, request }) {
  const fields = readLeadFields(payload);
  if (typeof fields === 'string') return errorResponse(400, fields);
  const channel = findChannel(state.channels, fields.channelId);
  if (!channel) return errorResponse(404, 'Channel not found');
  if (!canCompanyAccess(channel, companyId)) return errorResponse(403, 'Channel not accessible');
  const properties = readProperties(channel, payload.properties);
  if (typeof properties === 'string') return errorResponse(400, properties);
  const lead = storeLead(state, { channel, contact: fields.contact, properties, action: 'create_lead', request });
  recordNewLeadEffects(state, channel, lead);
  return jsonResponse(200, { lead });
}

/**
 * Keen's docs say only that it "POSTs the lead data" to the webhook: the
 * body here is the created lead as the API answered it, with no envelope.
 * @param {EmulatorState} state
 * @param {Channel} channel
 * @param {Lead} lead
 */
function recordNewLeadEffects(state, channel, lead) {
  const createdAt = new Date().toISOString();
  if (channel.webhook_new_lead) {
    state.webhooks.push({
      id: randomUUID(),
      created_at: createdAt,
      channel_id: channel.id,
      lead_id: lead.id,
      url: channel.webhook_new_lead,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: structuredClone(lead),
    });
  }
  const who = [lead.first_name, lead.last_name].filter(Boolean).join(' ') || lead.email || lead.company_name || 'a new contact';
  state.notifications.push({
    id: randomUUID(),
    created_at: createdAt,
    type: 'new_lead',
    company_id: channel.creator,
    channel_id: channel.id,
    lead_id: lead.id,
    message: `New lead in ${channel.title}: ${who}`,
  });
}
