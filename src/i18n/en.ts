/**
 * English, the fallback catalogue: every other language has exactly these
 * keys. Strings with values are functions so word order can differ per
 * language.
 */
export const en = {
  // Labels of the standard fields.
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company_name: 'Company',
  notes: 'Message',
  business_id: 'Company registration number',
  employee: 'Contact person',
  source: 'Source',

  submit: 'Send',
  sending: 'Sending…',
  sendAnother: 'Send another',
  choose: 'Choose…',
  requiredLegend: 'Fields marked * are required.',
  success: 'Thank you! We have received your details.',
  successHeading: 'Message sent',

  // Field errors, by the validator's codes.
  required: 'Please fill in this field.',
  mustAccept: 'Please tick this box to continue.',
  invalidEmail: 'Enter an email address like name@example.com.',
  invalidPhone: 'Enter a phone number, e.g. +45 12 34 56 78.',
  tooShort: (limit: number) => `Use at least ${limit} characters.`,
  tooLong: (limit: number) => `Use ${limit} characters or fewer.`,
  invalidNumber: 'Enter a number, e.g. 42 or 3.5.',
  tooSmall: (limit: number) => `Enter ${limit} or more.`,
  tooBig: (limit: number) => `Enter ${limit} or less.`,
  pattern: 'Check the format of this field.',
  invalidOption: 'Choose one of the options.',

  errorSummary: (count: number) =>
    count === 1 ? 'There is a problem with 1 field. Please check it.' : `There are problems with ${count} fields. Please check them.`,

  // Sending failed; the visitor's input is always kept.
  failureRejected: (reason: string) => `The form could not be sent: ${reason}`,
  failureMisconfigured:
    'Sorry, this form is not set up correctly and cannot send your details. Please contact us another way.',
  failureNetwork: 'We could not reach the server. Please check your connection and try again.',
  failureTimeout: 'The server took too long to answer. Please try again.',
  failureServer: 'Something went wrong on our side. Please try again in a moment.',
  // A captcha (challenge="<provider>:<sitekey>"): nothing is sent until it is solved.
  captchaIncomplete: 'Please complete the spam check above the send button, then send again.',
  captchaLoading: 'The spam check is still loading. Please wait a moment, then send again.',
  captchaUnavailable: (provider: string) => `The spam check could not load. Check your connection or allow ${provider} on this site, then try again.`,
  captchaRefused: 'The spam check was not accepted. Please complete it again, then send again.',
  captchaQueued: 'To send it, please complete the spam check below once more.',

  // Never losing a lead: drafts and the outbox.
  draftRestored: 'We restored what you typed earlier.',
  queuedOffline: "You're offline – we'll send this as soon as you're back.",
  queuedRetrying: "We couldn't reach the server yet – we'll keep trying and send this automatically.",
  queuedNote: 'Your details are saved on this device until they are sent.',
  queuedHeading: 'Not sent yet',
  outboxFull:
    'Too many messages are waiting to be sent from this device, so this one could not be saved. Please try again when you are back online.',
  delivered: 'Your details were sent.',

  misconfiguredHeading: 'This form is not set up correctly',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    "We're sending your details. Please keep this page open until we confirm – this browser won't let us keep them if you leave.",

  // Qualifying forms: choice groups, dates, web addresses and steps.
  requiredChoice: 'Please choose one of the options.',
  requiredChoices: 'Please choose at least one option.',
  invalidDate: 'Enter a date as YYYY-MM-DD, e.g. 2026-03-15.',
  tooEarly: (date: string) => `Choose ${date} or later.`,
  tooLate: (date: string) => `Choose ${date} or earlier.`,
  invalidUrl: 'Enter a web address like https://example.com.',
  next: 'Next',
  back: 'Back',
  stepProgress: (current: number, total: number) => `Step ${current} of ${total}`,
  // Consent boxes: the default wording when the site owner gives none. The
  // link text must appear in the consent text: that part links to the policy.
  consentText: 'I agree to the processing of my data as described in the privacy policy.',
  consentLinkText: 'privacy policy',
  marketingConsentText: 'Yes, I would like to receive news and offers by email.',
};

export type Messages = typeof en;
