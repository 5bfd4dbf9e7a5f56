import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** Danish. */
export const da: Messages = {
  first_name: 'Fornavn',
  last_name: 'Efternavn',
  email: 'E-mail',
  phone: 'Telefon',
  company_name: 'Virksomhed',
  notes: 'Besked',
  business_id: 'CVR-nummer',
  employee: 'Kontaktperson',
  source: 'Kilde',

  submit: 'Indsend',
  sending: 'Sender…',
  sendAnother: 'Send endnu en',
  choose: 'Vælg…',
  requiredLegend: 'Felter markeret med * skal udfyldes.',
  success: 'Tak! Vi har modtaget dine oplysninger.',
  successHeading: 'Beskeden er sendt',

  required: 'Udfyld dette felt.',
  mustAccept: 'Sæt flueben i feltet for at fortsætte.',
  invalidEmail: 'Skriv en e-mailadresse som name@example.com.',
  invalidPhone: 'Skriv et telefonnummer, f.eks. +45 12 34 56 78.',
  tooShort: (limit: number) => `Skriv mindst ${limit} tegn.`,
  tooLong: (limit: number) => `Skriv højst ${limit} tegn.`,
  invalidNumber: 'Skriv et tal, f.eks. 42 eller 3,5.',
  tooSmall: (limit: number) => `Skriv ${decimal(limit)} eller mere.`,
  tooBig: (limit: number) => `Skriv ${decimal(limit)} eller mindre.`,
  pattern: 'Tjek formatet i dette felt.',
  invalidOption: 'Vælg en af mulighederne.',

  errorSummary: (count: number) =>
    count === 1 ? 'Der er en fejl i 1 felt. Tjek det venligst.' : `Der er fejl i ${count} felter. Tjek dem venligst.`,

  failureRejected: (reason: string) => `Formularen kunne ikke sendes: ${reason}`,
  failureMisconfigured:
    'Beklager, formularen er ikke sat korrekt op og kan ikke sende dine oplysninger. Kontakt os venligst på en anden måde.',
  failureNetwork: 'Vi kunne ikke få forbindelse til serveren. Tjek din internetforbindelse, og prøv igen.',
  failureTimeout: 'Serveren var for længe om at svare. Prøv igen.',
  failureServer: 'Der gik noget galt hos os. Prøv igen om lidt.',
  captchaIncomplete: 'Gennemfør spamkontrollen over send-knappen, og send igen.',
  captchaLoading: 'Spamkontrollen indlæses stadig. Vent et øjeblik, og send så igen.',
  captchaUnavailable: (provider: string) => `Spamkontrollen kunne ikke indlæses. Tjek din forbindelse, eller tillad ${provider} på dette websted, og prøv igen.`,
  captchaRefused: 'Spamkontrollen blev ikke godkendt. Gennemfør den igen, og send igen.',
  captchaQueued: 'For at sende den skal du gennemføre spamkontrollen herunder én gang til.',

  draftRestored: 'Vi har gendannet det, du skrev tidligere.',
  queuedOffline: 'Du er offline – vi sender det, så snart du er online igen.',
  queuedRetrying: 'Vi kunne ikke nå serveren endnu – vi bliver ved med at prøve og sender det automatisk.',
  queuedNote: 'Dine oplysninger gemmes på denne enhed, indtil de er sendt.',
  queuedHeading: 'Ikke sendt endnu',
  outboxFull:
    'Der venter for mange beskeder på at blive sendt fra denne enhed, så denne kunne ikke gemmes. Prøv igen, når du er online igen.',
  delivered: 'Dine oplysninger er sendt.',

  misconfiguredHeading: 'Formularen er ikke sat korrekt op',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Vi sender dine oplysninger. Hold siden åben, indtil vi bekræfter – denne browser lader os ikke gemme dem, hvis du forlader den.',

  requiredChoice: 'Vælg en af mulighederne.',
  requiredChoices: 'Vælg mindst én mulighed.',
  invalidDate: 'Skriv en dato som ÅÅÅÅ-MM-DD, f.eks. 2026-03-15.',
  tooEarly: (date: string) => `Vælg ${date} eller senere.`,
  tooLate: (date: string) => `Vælg ${date} eller tidligere.`,
  invalidUrl: 'Skriv en webadresse som https://example.com.',
  next: 'Næste',
  back: 'Tilbage',
  stepProgress: (current: number, total: number) => `Trin ${current} af ${total}`,
  // Consent boxes.
  consentText: 'Jeg accepterer behandlingen af mine oplysninger som beskrevet i privatlivspolitikken.',
  consentLinkText: 'privatlivspolitikken',
  marketingConsentText: 'Ja tak, jeg vil gerne modtage nyheder og tilbud på e-mail.',
};
