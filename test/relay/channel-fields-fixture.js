// @ts-check
/*
 * The form configuration a channel of the emulator's fixture must give
 * (contract D), computed from emulator/fixture.json itself rather than
 * copied: visible property definitions by `order`, Keen's type mapped to
 * the widget's control, a select's options, between the standard contact
 * fields and notes.
 */
import { readFileSync } from 'node:fs';

export const PUBLIC_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';

/** @type {Record<string, string>} */
const CONTROL_FOR_KEEN_TYPE = { text: 'text', number: 'number', select: 'select', boolean: 'checkbox', date: 'date' };

/** @param {string} [channelId] */
export function expectedChannelFields(channelId = PUBLIC_CHANNEL_ID) {
  /** @type {{ channels: { id: string, property_definitions: { id: string, name: string, type: string, order: number, visible: boolean, options?: string[] }[] }[] }} */
  const fixture = JSON.parse(readFileSync(new URL('../../emulator/fixture.json', import.meta.url), 'utf8'));
  const channel = fixture.channels.find((candidate) => candidate.id === channelId);
  if (channel === undefined) throw new Error(`no channel ${channelId} in the fixture`);
  const properties = channel.property_definitions
    .filter((definition) => definition.visible)
    .sort((a, b) => a.order - b.order)
    .map((definition) => ({
      property: definition.id,
      type: CONTROL_FOR_KEEN_TYPE[definition.type] ?? 'text',
      label: definition.name,
      ...(definition.type === 'select' ? { options: definition.options } : {}),
    }));
  return { fields: ['first_name', 'last_name', 'email', 'phone', 'company_name', ...properties, 'notes'] };
}
