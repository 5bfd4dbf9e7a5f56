/*
 * A form configuration built from a Keen channel (contract D in the project's
 * shared notes): the channel's visible property definitions, in Keen's order,
 * each as a custom-property field the widget understands, between the
 * standard contact fields and `notes`. Pure data in, data out: the CLI
 * (`keen-lead-form fields`), the relay's `?action=fields` and the WordPress
 * import all print or serve exactly this. Server-side only: it is fed by
 * get_channels, which needs an API key.
 */
import { isRecord } from '../shared/json.js';

/** The widget's control for each Keen property type; anything else is offered as text. */
const CONTROL_FOR_KEEN_TYPE: Readonly<Record<string, ChannelFieldType>> = {
  text: 'text',
  number: 'number',
  select: 'select',
  boolean: 'checkbox',
  date: 'date',
};

export type ChannelFieldType = 'text' | 'number' | 'select' | 'checkbox' | 'date';

/** One custom-property field, as the widget's `fields` configuration takes it. */
export interface ChannelPropertyField {
  readonly property: string;
  readonly type: ChannelFieldType;
  readonly label: string;
  readonly options?: readonly string[];
}

export type ChannelStandardField = 'first_name' | 'last_name' | 'email' | 'phone' | 'company_name' | 'notes';

/** The configuration printed by the CLI and served by the relay: `{ "fields": [...] }`. */
export interface ChannelFieldsConfig {
  readonly fields: readonly (ChannelStandardField | ChannelPropertyField)[];
}

const LEADING_FIELDS: readonly ChannelStandardField[] = ['first_name', 'last_name', 'email', 'phone', 'company_name'];

/** Why a configuration could not be built, in words for the site owner (never holding the key). */
export class ChannelFieldsError extends Error {
  override readonly name = 'ChannelFieldsError';
}

interface PropertyDefinition {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly order: number;
  readonly options?: readonly string[];
}

/** A select's choices as strings (the emulator's `options`; objects with a `value` are read too). */
function optionsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const options = value
    .map((option: unknown) => (typeof option === 'string' ? option : isRecord(option) && typeof option['value'] === 'string' ? option['value'] : undefined))
    .filter((option): option is string => option !== undefined && option !== '');
  return options.length === 0 ? undefined : options;
}

function visibleDefinitions(channel: Record<string, unknown>): PropertyDefinition[] {
  const definitions = Array.isArray(channel['property_definitions']) ? (channel['property_definitions'] as unknown[]) : [];
  const visible: PropertyDefinition[] = [];
  for (const definition of definitions) {
    if (!isRecord(definition) || definition['visible'] !== true || typeof definition['id'] !== 'string' || definition['id'] === '') continue;
    const options = optionsOf(definition['options']);
    visible.push({
      id: definition['id'],
      // The widget refuses a visible property without a label: its id is better than nothing.
      name: typeof definition['name'] === 'string' && definition['name'].trim() !== '' ? definition['name'] : definition['id'],
      type: typeof definition['type'] === 'string' ? definition['type'] : 'text',
      // A definition without an order goes last, keeping Keen's listing order among equals (sort is stable).
      order: typeof definition['order'] === 'number' && Number.isFinite(definition['order']) ? definition['order'] : Number.POSITIVE_INFINITY,
      ...(options === undefined ? {} : { options }),
    });
  }
  return visible.sort((a, b) => (a.order === b.order ? 0 : a.order < b.order ? -1 : 1));
}

function toField(definition: PropertyDefinition): ChannelPropertyField {
  const type = Object.hasOwn(CONTROL_FOR_KEEN_TYPE, definition.type) ? (CONTROL_FOR_KEEN_TYPE[definition.type] as ChannelFieldType) : 'text';
  // A select Keen gives no choices for cannot be answered as a select; typed text still reaches Keen.
  if (type === 'select' && definition.options === undefined) return { property: definition.id, type: 'text', label: definition.name };
  return { property: definition.id, type, label: definition.name, ...(type === 'select' ? { options: definition.options } : {}) };
}

/** A channel as named in the get_channels answer: `title (id)`. */
function describeChannel(channel: unknown): string {
  if (!isRecord(channel)) return '?';
  return typeof channel['title'] === 'string' ? `${String(channel['id'])} "${channel['title']}"` : String(channel['id']);
}

/**
 * Builds the form configuration for `channelId` (its id, or its public uuid
 * when the answer lists one) from a get_channels answer. Throws a
 * {@link ChannelFieldsError} when the answer has no such channel.
 */
export function channelFieldsConfig(getChannelsAnswer: unknown, channelId: string): ChannelFieldsConfig {
  const wanted = channelId.trim();
  if (!isRecord(getChannelsAnswer) || !Array.isArray(getChannelsAnswer['channels'])) {
    throw new ChannelFieldsError('Keen\'s get_channels answer has no "channels" list');
  }
  const channels: unknown[] = getChannelsAnswer['channels'];
  const channel = channels.find((candidate) => isRecord(candidate) && (candidate['id'] === wanted || candidate['uuid'] === wanted));
  if (!isRecord(channel)) {
    const known = channels.map(describeChannel).join(', ');
    throw new ChannelFieldsError(
      `channel ${wanted} is not among the channels this API key's company can see` +
        (channels.length === 0 ? ' (it sees none)' : ` (${known}); use the channel's id as Keen lists it`),
    );
  }
  return { fields: [...LEADING_FIELDS, ...visibleDefinitions(channel).map(toField), 'notes'] };
}

/** The configuration as the CLI prints it and the relay serves it: pretty JSON, 2 spaces. */
export function formatChannelFields(config: ChannelFieldsConfig): string {
  return JSON.stringify(config, null, 2);
}
