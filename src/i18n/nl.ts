import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** Dutch ("je"). */
export const nl: Messages = {
  first_name: 'Voornaam',
  last_name: 'Achternaam',
  email: 'E-mail',
  phone: 'Telefoon',
  company_name: 'Bedrijf',
  notes: 'Bericht',
  business_id: 'KvK-nummer',
  employee: 'Contactpersoon',
  source: 'Bron',

  submit: 'Versturen',
  sending: 'Versturen…',
  sendAnother: 'Nog een versturen',
  choose: 'Kies…',
  requiredLegend: 'Velden met een * zijn verplicht.',
  success: 'Bedankt! We hebben je gegevens ontvangen.',
  successHeading: 'Bericht verzonden',

  required: 'Vul dit veld in.',
  mustAccept: 'Vink dit vakje aan om verder te gaan.',
  invalidEmail: 'Vul een e-mailadres in, zoals name@example.com.',
  invalidPhone: 'Vul een telefoonnummer in, bijv. +31 6 12345678.',
  tooShort: (limit: number) => `Gebruik minstens ${limit} ${limit === 1 ? 'teken' : 'tekens'}.`,
  tooLong: (limit: number) => `Gebruik maximaal ${limit} ${limit === 1 ? 'teken' : 'tekens'}.`,
  invalidNumber: 'Vul een getal in, bijv. 42 of 3,5.',
  tooSmall: (limit: number) => `Vul ${decimal(limit)} of meer in.`,
  tooBig: (limit: number) => `Vul ${decimal(limit)} of minder in.`,
  pattern: 'Controleer de notatie van dit veld.',
  invalidOption: 'Kies een van de opties.',

  errorSummary: (count: number) =>
    count === 1
      ? 'Er is een probleem met 1 veld. Controleer het even.'
      : `Er zijn problemen met ${count} velden. Controleer ze even.`,

  failureRejected: (reason: string) => `Het formulier kon niet worden verstuurd: ${reason}`,
  failureMisconfigured:
    'Sorry, dit formulier is niet goed ingesteld en kan je gegevens niet versturen. Neem op een andere manier contact met ons op.',
  failureNetwork: 'We konden de server niet bereiken. Controleer je verbinding en probeer het opnieuw.',
  failureTimeout: 'De server deed er te lang over om te antwoorden. Probeer het opnieuw.',
  failureServer: 'Er ging bij ons iets mis. Probeer het zo nog eens.',
  captchaIncomplete: 'Voltooi de spamcontrole boven de verzendknop en verstuur opnieuw.',
  captchaLoading: 'De spamcontrole wordt nog geladen. Wacht even en verstuur dan opnieuw.',
  captchaUnavailable: (provider: string) => `De spamcontrole kon niet laden. Controleer je verbinding of sta ${provider} toe op deze site en probeer het opnieuw.`,
  captchaRefused: 'De spamcontrole werd niet geaccepteerd. Voltooi hem opnieuw en verstuur nog eens.',
  captchaQueued: 'Voltooi de spamcontrole hieronder nog één keer om het te versturen.',

  draftRestored: 'We hebben hersteld wat je eerder had ingevuld.',
  queuedOffline: 'Je bent offline – we versturen dit zodra je weer online bent.',
  queuedRetrying: 'We konden de server nog niet bereiken – we blijven het proberen en versturen dit automatisch.',
  queuedNote: 'Je gegevens worden op dit apparaat bewaard tot ze zijn verstuurd.',
  queuedHeading: 'Nog niet verzonden',
  outboxFull:
    'Er wachten te veel berichten op dit apparaat om verstuurd te worden, dus dit bericht kon niet worden bewaard. Probeer het opnieuw als je weer online bent.',
  delivered: 'Je gegevens zijn verstuurd.',

  misconfiguredHeading: 'Dit formulier is niet goed ingesteld',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'We versturen je gegevens. Houd deze pagina open tot we het bevestigen – deze browser laat ons ze niet bewaren als je weggaat.',

  requiredChoice: 'Kies een van de opties.',
  requiredChoices: 'Kies minstens één optie.',
  invalidDate: 'Vul een datum in als JJJJ-MM-DD, bijv. 2026-03-15.',
  tooEarly: (date: string) => `Kies ${date} of later.`,
  tooLate: (date: string) => `Kies ${date} of eerder.`,
  invalidUrl: 'Vul een webadres in zoals https://example.com.',
  next: 'Volgende',
  back: 'Terug',
  stepProgress: (current: number, total: number) => `Stap ${current} van ${total}`,
  // Consent boxes.
  consentText: 'Ik ga akkoord met de verwerking van mijn gegevens zoals beschreven in de privacyverklaring.',
  consentLinkText: 'privacyverklaring',
  marketingConsentText: 'Ja, ik ontvang graag nieuws en aanbiedingen per e-mail.',
};
