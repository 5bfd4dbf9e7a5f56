import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** Norwegian Bokmål (also used for "no" and "nn"). */
export const nb: Messages = {
  first_name: 'Fornavn',
  last_name: 'Etternavn',
  email: 'E-post',
  phone: 'Telefon',
  company_name: 'Bedrift',
  notes: 'Melding',
  business_id: 'Organisasjonsnummer',
  employee: 'Kontaktperson',
  source: 'Kilde',

  submit: 'Send inn',
  sending: 'Sender…',
  sendAnother: 'Send en ny',
  choose: 'Velg…',
  requiredLegend: 'Felt merket med * må fylles ut.',
  success: 'Takk! Vi har mottatt opplysningene dine.',
  successHeading: 'Meldingen er sendt',

  required: 'Fyll ut dette feltet.',
  mustAccept: 'Kryss av i boksen for å fortsette.',
  invalidEmail: 'Skriv inn en e-postadresse som name@example.com.',
  invalidPhone: 'Skriv inn et telefonnummer, f.eks. +47 412 34 567.',
  tooShort: (limit: number) => `Bruk minst ${limit} tegn.`,
  tooLong: (limit: number) => `Bruk høyst ${limit} tegn.`,
  invalidNumber: 'Skriv inn et tall, f.eks. 42 eller 3,5.',
  tooSmall: (limit: number) => `Skriv inn ${decimal(limit)} eller mer.`,
  tooBig: (limit: number) => `Skriv inn ${decimal(limit)} eller mindre.`,
  pattern: 'Sjekk formatet i dette feltet.',
  invalidOption: 'Velg ett av alternativene.',

  errorSummary: (count: number) =>
    count === 1 ? 'Det er en feil i 1 felt. Sjekk det.' : `Det er feil i ${count} felt. Sjekk dem.`,

  failureRejected: (reason: string) => `Skjemaet kunne ikke sendes: ${reason}`,
  failureMisconfigured:
    'Beklager, skjemaet er ikke satt opp riktig og kan ikke sende opplysningene dine. Kontakt oss på en annen måte.',
  failureNetwork: 'Vi fikk ikke kontakt med serveren. Sjekk tilkoblingen din og prøv igjen.',
  failureTimeout: 'Serveren brukte for lang tid på å svare. Prøv igjen.',
  failureServer: 'Noe gikk galt hos oss. Prøv igjen om litt.',
  captchaIncomplete: 'Fullfør spamkontrollen over send-knappen, og send på nytt.',
  captchaLoading: 'Spamkontrollen lastes fortsatt. Vent litt, og send så på nytt.',
  captchaUnavailable: (provider: string) => `Spamkontrollen kunne ikke lastes. Sjekk tilkoblingen, eller tillat ${provider} på dette nettstedet, og prøv igjen.`,
  captchaRefused: 'Spamkontrollen ble ikke godkjent. Fullfør den på nytt, og send igjen.',
  captchaQueued: 'For å sende den må du fullføre spamkontrollen nedenfor én gang til.',

  draftRestored: 'Vi har hentet fram det du skrev tidligere.',
  queuedOffline: 'Du er uten nett – vi sender dette så snart du er på nett igjen.',
  queuedRetrying: 'Vi får ikke kontakt med serveren ennå – vi fortsetter å prøve og sender dette automatisk.',
  queuedNote: 'Opplysningene dine lagres på denne enheten til de er sendt.',
  queuedHeading: 'Ikke sendt ennå',
  outboxFull:
    'For mange meldinger venter på å bli sendt fra denne enheten, så denne kunne ikke lagres. Prøv på nytt når du er på nett igjen.',
  delivered: 'Opplysningene dine er sendt.',

  misconfiguredHeading: 'Skjemaet er ikke satt opp riktig',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Vi sender opplysningene dine. Hold siden åpen til vi bekrefter – denne nettleseren lar oss ikke lagre dem hvis du forlater den.',

  requiredChoice: 'Velg ett av alternativene.',
  requiredChoices: 'Velg minst ett alternativ.',
  invalidDate: 'Skriv inn en dato som ÅÅÅÅ-MM-DD, f.eks. 2026-03-15.',
  tooEarly: (date: string) => `Velg ${date} eller senere.`,
  tooLate: (date: string) => `Velg ${date} eller tidligere.`,
  invalidUrl: 'Skriv inn en nettadresse som https://example.com.',
  next: 'Neste',
  back: 'Tilbake',
  stepProgress: (current: number, total: number) => `Trinn ${current} av ${total}`,
  // Consent boxes.
  consentText: 'Jeg samtykker til behandling av opplysningene mine som beskrevet i personvernerklæringen.',
  consentLinkText: 'personvernerklæringen',
  marketingConsentText: 'Ja, jeg vil gjerne motta nyheter og tilbud på e-post.',
};
