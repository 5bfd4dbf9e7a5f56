import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** German (formal „Sie“). */
export const de: Messages = {
  first_name: 'Vorname',
  last_name: 'Nachname',
  email: 'E-Mail',
  phone: 'Telefon',
  company_name: 'Firma',
  notes: 'Nachricht',
  business_id: 'Handelsregisternummer',
  employee: 'Ansprechperson',
  source: 'Quelle',

  submit: 'Senden',
  sending: 'Wird gesendet…',
  sendAnother: 'Weitere Anfrage senden',
  choose: 'Bitte wählen…',
  requiredLegend: 'Mit * markierte Felder sind Pflichtfelder.',
  success: 'Vielen Dank! Wir haben Ihre Angaben erhalten.',
  successHeading: 'Nachricht gesendet',

  required: 'Bitte füllen Sie dieses Feld aus.',
  mustAccept: 'Bitte setzen Sie das Häkchen, um fortzufahren.',
  invalidEmail: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  invalidPhone: 'Geben Sie eine Telefonnummer ein, z.\u00a0B. +49 30 12345678.',
  tooShort: (limit: number) => `Bitte geben Sie mindestens ${limit} Zeichen ein.`,
  tooLong: (limit: number) => `Bitte geben Sie höchstens ${limit} Zeichen ein.`,
  invalidNumber: 'Geben Sie eine Zahl ein, z.\u00a0B. 42 oder 3,5.',
  tooSmall: (limit: number) => `Der Wert muss mindestens ${decimal(limit)} sein.`,
  tooBig: (limit: number) => `Der Wert darf höchstens ${decimal(limit)} sein.`,
  pattern: 'Bitte prüfen Sie das Format dieses Feldes.',
  invalidOption: 'Bitte wählen Sie eine der Optionen.',

  errorSummary: (count: number) =>
    count === 1
      ? '1 Feld ist nicht korrekt ausgefüllt. Bitte prüfen Sie Ihre Eingabe.'
      : `${count} Felder sind nicht korrekt ausgefüllt. Bitte prüfen Sie Ihre Eingaben.`,

  failureRejected: (reason: string) => `Das Formular konnte nicht gesendet werden: ${reason}`,
  failureMisconfigured:
    'Dieses Formular ist leider nicht richtig eingerichtet und kann Ihre Angaben nicht senden. Bitte kontaktieren Sie uns auf anderem Weg.',
  failureNetwork: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  failureTimeout: 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
  failureServer: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  captchaIncomplete: 'Bitte schließen Sie die Spam-Prüfung über der Senden-Schaltfläche ab und senden Sie erneut.',
  captchaLoading: 'Die Spam-Prüfung wird noch geladen. Bitte warten Sie kurz und senden Sie dann erneut.',
  captchaUnavailable: (provider: string) => `Die Spam-Prüfung konnte nicht geladen werden. Prüfen Sie Ihre Verbindung oder erlauben Sie ${provider} auf dieser Website und versuchen Sie es erneut.`,
  captchaRefused: 'Die Spam-Prüfung wurde nicht akzeptiert. Bitte schließen Sie sie erneut ab und senden Sie noch einmal.',
  captchaQueued: 'Um sie zu senden, schließen Sie bitte die Spam-Prüfung unten noch einmal ab.',

  draftRestored: 'Wir haben Ihre früheren Eingaben wiederhergestellt.',
  queuedOffline: 'Sie sind offline – wir senden Ihre Angaben, sobald Sie wieder online sind.',
  queuedRetrying: 'Der Server ist noch nicht erreichbar – wir versuchen es weiter und senden Ihre Angaben automatisch.',
  queuedNote: 'Ihre Angaben werden bis zum Senden auf diesem Gerät gespeichert.',
  queuedHeading: 'Noch nicht gesendet',
  outboxFull:
    'Auf diesem Gerät warten zu viele Nachrichten auf den Versand, daher konnte diese nicht gespeichert werden. Bitte versuchen Sie es erneut, wenn Sie wieder online sind.',
  delivered: 'Ihre Angaben wurden gesendet.',

  misconfiguredHeading: 'Dieses Formular ist nicht richtig eingerichtet',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Wir senden Ihre Angaben. Bitte lassen Sie diese Seite geöffnet, bis wir es bestätigen – dieser Browser lässt uns sie nicht speichern, wenn Sie die Seite verlassen.',

  requiredChoice: 'Bitte wählen Sie eine der Optionen.',
  requiredChoices: 'Bitte wählen Sie mindestens eine Option.',
  invalidDate: 'Geben Sie ein Datum als JJJJ-MM-TT ein, z.\u00a0B. 2026-03-15.',
  tooEarly: (date: string) => `Bitte wählen Sie den ${date} oder später.`,
  tooLate: (date: string) => `Bitte wählen Sie den ${date} oder früher.`,
  invalidUrl: 'Geben Sie eine Webadresse wie https://example.com ein.',
  next: 'Weiter',
  back: 'Zurück',
  stepProgress: (current: number, total: number) => `Schritt ${current} von ${total}`,
  // Consent boxes.
  consentText: 'Ich bin mit der Verarbeitung meiner Daten gemäß der Datenschutzerklärung einverstanden.',
  consentLinkText: 'Datenschutzerklärung',
  marketingConsentText: 'Ja, ich möchte Neuigkeiten und Angebote per E-Mail erhalten.',
};
