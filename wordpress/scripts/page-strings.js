// @ts-check
/**
 * The strings the relay's no-script pages need that the element's catalogues
 * (src/i18n, src/i18n/no-script.ts) do not have, in the element's eight
 * languages. A key the catalogues gain later wins over the one here
 * (scripts/generate-messages.js).
 */

/** @type {Record<string, Record<string, string>>} */
export const PAGE_STRINGS = {
  en: {
    notSentYet: 'Your details were not sent yet. Please send the form again.',
    rateLimited: 'Too many messages were sent from your network. Please wait a few minutes, then send the form again.',
    needsJavaScript: "This form's spam check needs JavaScript. Please turn on JavaScript and send again; what you typed is below.",
    originRefused: 'This form can only be sent from the page it is on. Please go back to the page and send it from there.',
    backToPage: 'Back to the page',
    problemsHeading: 'Please check your details',
  },
  da: {
    notSentYet: 'Dine oplysninger er ikke sendt endnu. Send formularen igen.',
    rateLimited: 'Der er sendt for mange beskeder fra dit netværk. Vent et par minutter, og send formularen igen.',
    needsJavaScript: 'Formularens spamkontrol kræver JavaScript. Slå JavaScript til, og send igen; det, du skrev, står nedenfor.',
    originRefused: 'Formularen kan kun sendes fra den side, den står på. Gå tilbage til siden, og send den derfra.',
    backToPage: 'Tilbage til siden',
    problemsHeading: 'Tjek dine oplysninger',
  },
  de: {
    notSentYet: 'Ihre Angaben wurden noch nicht gesendet. Bitte senden Sie das Formular erneut.',
    rateLimited: 'Aus Ihrem Netzwerk wurden zu viele Nachrichten gesendet. Bitte warten Sie einige Minuten und senden Sie das Formular dann erneut.',
    needsJavaScript: 'Die Spamprüfung dieses Formulars braucht JavaScript. Bitte aktivieren Sie JavaScript und senden Sie erneut; Ihre Eingaben stehen unten.',
    originRefused: 'Dieses Formular kann nur von seiner eigenen Seite gesendet werden. Bitte gehen Sie zurück zur Seite und senden Sie es dort.',
    backToPage: 'Zurück zur Seite',
    problemsHeading: 'Bitte prüfen Sie Ihre Angaben',
  },
  sv: {
    notSentYet: 'Dina uppgifter har inte skickats än. Skicka formuläret igen.',
    rateLimited: 'För många meddelanden har skickats från ditt nätverk. Vänta några minuter och skicka sedan formuläret igen.',
    needsJavaScript: 'Formulärets skräppostkontroll behöver JavaScript. Slå på JavaScript och skicka igen; det du skrev finns nedan.',
    originRefused: 'Formuläret kan bara skickas från sidan där det finns. Gå tillbaka till sidan och skicka det därifrån.',
    backToPage: 'Tillbaka till sidan',
    problemsHeading: 'Kontrollera dina uppgifter',
  },
  nb: {
    notSentYet: 'Opplysningene dine er ikke sendt ennå. Send skjemaet på nytt.',
    rateLimited: 'Det er sendt for mange meldinger fra nettverket ditt. Vent noen minutter, og send skjemaet på nytt.',
    needsJavaScript: 'Skjemaets spamkontroll trenger JavaScript. Slå på JavaScript og send på nytt; det du skrev, står nedenfor.',
    originRefused: 'Skjemaet kan bare sendes fra siden det står på. Gå tilbake til siden og send det derfra.',
    backToPage: 'Tilbake til siden',
    problemsHeading: 'Sjekk opplysningene dine',
  },
  nl: {
    notSentYet: 'Uw gegevens zijn nog niet verzonden. Verstuur het formulier opnieuw.',
    rateLimited: 'Er zijn te veel berichten vanaf uw netwerk verstuurd. Wacht een paar minuten en verstuur het formulier dan opnieuw.',
    needsJavaScript: 'De spamcontrole van dit formulier heeft JavaScript nodig. Zet JavaScript aan en verstuur opnieuw; wat u invulde, staat hieronder.',
    originRefused: 'Dit formulier kan alleen worden verzonden vanaf de pagina waarop het staat. Ga terug naar de pagina en verstuur het daar.',
    backToPage: 'Terug naar de pagina',
    problemsHeading: 'Controleer uw gegevens',
  },
  fr: {
    notSentYet: "Vos informations n'ont pas encore été envoyées. Veuillez renvoyer le formulaire.",
    rateLimited: 'Trop de messages ont été envoyés depuis votre réseau. Patientez quelques minutes, puis renvoyez le formulaire.',
    needsJavaScript: "La vérification anti-spam de ce formulaire a besoin de JavaScript. Activez JavaScript et renvoyez ; votre saisie figure ci-dessous.",
    originRefused: "Ce formulaire ne peut être envoyé que depuis sa propre page. Revenez à la page et envoyez-le depuis celle-ci.",
    backToPage: 'Retour à la page',
    problemsHeading: 'Veuillez vérifier vos informations',
  },
  es: {
    notSentYet: 'Sus datos aún no se han enviado. Vuelva a enviar el formulario.',
    rateLimited: 'Se han enviado demasiados mensajes desde su red. Espere unos minutos y vuelva a enviar el formulario.',
    needsJavaScript: 'La comprobación antispam de este formulario necesita JavaScript. Active JavaScript y vuelva a enviar; lo que escribió está abajo.',
    originRefused: 'Este formulario solo puede enviarse desde su propia página. Vuelva a la página y envíelo desde allí.',
    backToPage: 'Volver a la página',
    problemsHeading: 'Revise sus datos',
  },
};
