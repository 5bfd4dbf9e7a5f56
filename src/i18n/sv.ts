import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** Swedish. */
export const sv: Messages = {
  first_name: 'Förnamn',
  last_name: 'Efternamn',
  email: 'E-post',
  phone: 'Telefon',
  company_name: 'Företag',
  notes: 'Meddelande',
  business_id: 'Organisationsnummer',
  employee: 'Kontaktperson',
  source: 'Källa',

  submit: 'Skicka',
  sending: 'Skickar…',
  sendAnother: 'Skicka ett nytt',
  choose: 'Välj…',
  requiredLegend: 'Fält markerade med * är obligatoriska.',
  success: 'Tack! Vi har tagit emot dina uppgifter.',
  successHeading: 'Meddelandet har skickats',

  required: 'Fyll i det här fältet.',
  mustAccept: 'Kryssa i rutan för att fortsätta.',
  invalidEmail: 'Ange en e-postadress som name@example.com.',
  invalidPhone: 'Ange ett telefonnummer, t.ex. +46 70 123 45 67.',
  tooShort: (limit: number) => `Skriv minst ${limit} tecken.`,
  tooLong: (limit: number) => `Skriv högst ${limit} tecken.`,
  invalidNumber: 'Ange ett tal, t.ex. 42 eller 3,5.',
  tooSmall: (limit: number) => `Ange ${decimal(limit)} eller mer.`,
  tooBig: (limit: number) => `Ange ${decimal(limit)} eller mindre.`,
  pattern: 'Kontrollera formatet i det här fältet.',
  invalidOption: 'Välj ett av alternativen.',

  errorSummary: (count: number) =>
    count === 1 ? 'Det finns ett fel i 1 fält. Kontrollera det.' : `Det finns fel i ${count} fält. Kontrollera dem.`,

  failureRejected: (reason: string) => `Formuläret kunde inte skickas: ${reason}`,
  failureMisconfigured:
    'Tyvärr är formuläret inte rätt inställt och kan inte skicka dina uppgifter. Kontakta oss på annat sätt.',
  failureNetwork: 'Vi kunde inte nå servern. Kontrollera din anslutning och försök igen.',
  failureTimeout: 'Servern tog för lång tid på sig att svara. Försök igen.',
  failureServer: 'Något gick fel hos oss. Försök igen om en stund.',
  captchaIncomplete: 'Slutför skräppostkontrollen ovanför skicka-knappen och skicka igen.',
  captchaLoading: 'Skräppostkontrollen laddas fortfarande. Vänta en stund och skicka sedan igen.',
  captchaUnavailable: (provider: string) => `Skräppostkontrollen kunde inte laddas. Kontrollera din anslutning eller tillåt ${provider} på den här webbplatsen och försök igen.`,
  captchaRefused: 'Skräppostkontrollen godkändes inte. Slutför den igen och skicka på nytt.',
  captchaQueued: 'För att skicka den behöver du slutföra skräppostkontrollen nedan en gång till.',

  draftRestored: 'Vi har återställt det du skrev tidigare.',
  queuedOffline: 'Du är offline – vi skickar det här så fort du är online igen.',
  queuedRetrying: 'Vi har inte nått servern än – vi fortsätter att försöka och skickar det här automatiskt.',
  queuedNote: 'Dina uppgifter sparas på den här enheten tills de har skickats.',
  queuedHeading: 'Inte skickat än',
  outboxFull:
    'För många meddelanden väntar på att skickas från den här enheten, så det här kunde inte sparas. Försök igen när du är online.',
  delivered: 'Dina uppgifter har skickats.',

  misconfiguredHeading: 'Formuläret är inte rätt inställt',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Vi skickar dina uppgifter. Håll sidan öppen tills vi bekräftar – den här webbläsaren låter oss inte spara dem om du lämnar den.',

  requiredChoice: 'Välj ett av alternativen.',
  requiredChoices: 'Välj minst ett alternativ.',
  invalidDate: 'Ange ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-15.',
  tooEarly: (date: string) => `Välj ${date} eller senare.`,
  tooLate: (date: string) => `Välj ${date} eller tidigare.`,
  invalidUrl: 'Ange en webbadress som https://example.com.',
  next: 'Nästa',
  back: 'Tillbaka',
  stepProgress: (current: number, total: number) => `Steg ${current} av ${total}`,
  // Consent boxes.
  consentText: 'Jag godkänner att mina uppgifter behandlas enligt integritetspolicyn.',
  consentLinkText: 'integritetspolicyn',
  marketingConsentText: 'Ja, jag vill få nyheter och erbjudanden via e-post.',
};
