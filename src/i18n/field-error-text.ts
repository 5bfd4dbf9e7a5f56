import type { Messages } from './en.js';

/*
 * A field's error in the visitor's words: one function for the element (the
 * message under a field and in `keen-invalid`) and the relay (the problems
 * page of a form posted without script), so both say exactly the same. It
 * takes plain data shaped like the schema's errors and fields and imports
 * nothing outside i18n/ (the dependency direction in STYLE.md).
 */

/** Messages that take a number: the length or value limit an error refers to. */
type LimitCode = 'tooShort' | 'tooLong' | 'tooSmall' | 'tooBig';
/** Messages that take a day. */
type DayCode = 'tooEarly' | 'tooLate';
/** Messages that are plain text. */
type TextCode = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

/** An error as validation reports it (the schema's `FieldError` fits: a code it adds without a message here does not compile). */
export interface FieldErrorFacts {
  readonly fieldId: string;
  readonly code: LimitCode | DayCode | TextCode;
  /** For a limit code. */
  readonly limit?: number | undefined;
  /** For a day code, `YYYY-MM-DD`. */
  readonly day?: string | undefined;
}

/** What the message depends on of a field (the schema's `FieldDefinition` fits). */
export interface FieldErrorSubject {
  readonly id: string;
  readonly control: string;
  readonly patternMessage?: string | undefined;
}

/** A day in a language's long form (`15 March 2026`); the day as given when the language or day is not one Intl knows. */
function formatDay(day: string, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  } catch {
    return day;
  }
}

/**
 * The message for `error` in `messages` (the catalogue of `language`, with
 * the site's overrides). `fields` gives the error's field: its own pattern
 * message, and whether "required" means "choose an option".
 */
export function fieldErrorText(error: FieldErrorFacts, messages: Messages, fields: readonly FieldErrorSubject[], language: string): string {
  const field = fields.find((candidate) => candidate.id === error.fieldId);
  switch (error.code) {
    case 'tooShort':
    case 'tooLong':
    case 'tooSmall':
    case 'tooBig':
      return messages[error.code](error.limit ?? 0);
    case 'tooEarly':
    case 'tooLate':
      return messages[error.code](formatDay(error.day ?? '', language));
    case 'pattern':
      return field?.patternMessage ?? messages.pattern;
    case 'required':
      // A group of choices is not "filled in".
      return messages[field?.control === 'radio' ? 'requiredChoice' : field?.control === 'checkboxes' ? 'requiredChoices' : 'required'];
    default:
      return messages[error.code];
  }
}
