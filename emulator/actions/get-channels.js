// @ts-check
/*
 * `get_channels`: the channels the key's company belongs to (as creator,
 * partner, referring or receiving company), in the shape Keen documents.
 * Only the documented fields leave the emulator: not the public uuid, not
 * the webhook URL.
 */
import { jsonResponse } from '../responses.js';
import { canCompanyAccess } from '../state.js';

/**
 * @param {import('../types.js').EmulatorState} state
 * @param {{ companyId: string }} caller
 * @returns {import('../types.js').EmulatorResponse}
 */
export function getChannels(state, { companyId }) {
  const channels = state.channels.filter((channel) => canCompanyAccess(channel, companyId)).map(toKeenChannel);
  return jsonResponse(200, { channels });
}

/** @param {import('../types.js').Channel} channel */
function toKeenChannel(channel) {
  return {
    id: channel.id,
    title: channel.title,
    created_at: channel.created_at,
    referring_id: channel.referring_id,
    receiving_id: channel.receiving_id,
    creator: channel.creator,
    partner: channel.partner,
    currency: channel.currency,
    no_auth_api: channel.no_auth_api,
    property_definitions: channel.property_definitions.map(({ id, name, type, order, visible, options }) => ({
      id,
      name,
      type,
      order,
      visible,
      // An assumption: Keen's docs do not name where a select's choices are.
      // The emulator lists them as `options`, only for definitions that have them.
      ...(options === undefined ? {} : { options }),
    })),
    lead_status: channel.lead_status.map(({ id, status, order, visible, color }) => ({ id, status, order, visible, color })),
  };
}
