/*
 * Words only the HTML-first markup needs (src/html), kept apart from the
 * element's catalogues so they never cost the CDN file a byte. Same
 * languages as src/i18n/catalogues.ts, English the fallback.
 */

export interface NoScriptMessages {
  /** Shown inside `<noscript>` when the form has no relay to post to (direct mode). */
  readonly needsScript: string;
}

export const NO_SCRIPT_MESSAGES: Readonly<Record<string, NoScriptMessages>> = Object.freeze({
  en: { needsScript: 'This form needs JavaScript to send. Please turn JavaScript on, or contact us another way.' },
  da: { needsScript: 'Denne formular kræver JavaScript for at kunne sendes. Slå JavaScript til, eller kontakt os på en anden måde.' },
  de: { needsScript: 'Dieses Formular braucht JavaScript zum Senden. Bitte aktivieren Sie JavaScript oder kontaktieren Sie uns auf anderem Weg.' },
  sv: { needsScript: 'Formuläret behöver JavaScript för att kunna skickas. Slå på JavaScript eller kontakta oss på annat sätt.' },
  nb: { needsScript: 'Dette skjemaet trenger JavaScript for å sendes. Slå på JavaScript, eller kontakt oss på en annen måte.' },
  nl: { needsScript: 'Dit formulier heeft JavaScript nodig om te verzenden. Zet JavaScript aan of neem op een andere manier contact met ons op.' },
  fr: { needsScript: "Ce formulaire a besoin de JavaScript pour être envoyé. Activez JavaScript ou contactez-nous autrement." },
  es: { needsScript: 'Este formulario necesita JavaScript para enviarse. Active JavaScript o contáctenos de otra forma.' },
});
