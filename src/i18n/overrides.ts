import type { Messages } from './en.js';

/**
 * A site owner's own wording for any message, as plain strings (they come from
 * JSON too). For messages with a value, `{limit}`, `{count}`, `{reason}` or
 * `{date}` in the string stands for it: `"tooLong": "Max {limit} tegn"`;
 * `stepProgress` has two, `{current}` and `{total}`.
 */
export type MessageOverrides = { readonly [K in keyof Messages]?: string };

const PLACEHOLDER = /\{(limit|count|reason|date|current|total)\}/g;

export function isMessageKey(base: Messages, key: string): key is keyof Messages {
  return Object.hasOwn(base, key);
}

/** The catalogue with the site owner's strings laid over it. */
export function withOverrides(base: Messages, overrides: MessageOverrides | undefined): Messages {
  if (overrides === undefined) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, text] of Object.entries(overrides)) {
    if (text === undefined || !isMessageKey(base, key)) continue;
    // A function replacer inserts the value literally: server text such as
    // "$&" or "$'" would otherwise be read as a replacement pattern.
    // `{total}` is the second value (stepProgress: current, total); every other placeholder the first.
    merged[key] =
      typeof base[key] === 'function'
        ? (...values: (number | string)[]) => text.replace(PLACEHOLDER, (_match, name: string) => String(values[name === 'total' ? 1 : 0]))
        : text;
  }
  return merged as Messages;
}
