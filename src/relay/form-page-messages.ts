/*
 * Words only the relay's form-post pages need (contract F). They live on the
 * server, beside the relay, so they never cost the CDN file a byte; whatever
 * the widget already says (thank you, field errors, "not sent yet", "not set
 * up correctly") comes from its own catalogues instead. Same eight languages
 * as src/i18n/catalogues.ts; English is the fallback.
 */

export interface FormPageMessages {
  /** h1 of the page listing the problems. */
  readonly problemsHeading: string;
  /** h1 of a final failure and of a refused origin. */
  readonly failedHeading: string;
  /** h1 when the form cannot be sent without JavaScript (captcha relay, form posts turned off). */
  readonly needsScriptHeading: string;
  /** Keen or the relay could not take the lead now: the visitor sends the same form again. */
  readonly notSentText: string;
  readonly rateLimitedText: string;
  /** The relay checks spam with a captcha, which needs JavaScript. */
  readonly needsScriptText: string;
  /** The operator turned form posts off. */
  readonly formPostsOffText: string;
  readonly badOriginText: string;
  /** The link back to the page the form was on. */
  readonly backLink: string;
  /** Above the form shown again. */
  readonly yourInput: string;
}

const en: FormPageMessages = {
  problemsHeading: 'Please check your details',
  failedHeading: 'Not sent',
  needsScriptHeading: 'This form needs JavaScript',
  notSentText: 'Your details have not been sent yet. Please send the form again; everything you typed is still in it.',
  rateLimitedText: 'Too many messages have been sent from your connection. Please wait a few minutes, then send the form again; everything you typed is still in it.',
  needsScriptText: 'This form needs JavaScript for its spam check. Please turn JavaScript on and send it again, or contact us another way. What you typed is below.',
  formPostsOffText: 'This form can only be sent with JavaScript turned on. Please turn JavaScript on, or contact us another way.',
  badOriginText: 'This form was sent from a page that may not use it, so nothing was sent. Please contact us another way.',
  backLink: 'Back to the page',
  yourInput: 'Your details',
};

export const FORM_PAGE_MESSAGES: Readonly<Record<string, FormPageMessages>> = Object.freeze({
  en,
  da: {
    problemsHeading: 'Tjek venligst dine oplysninger',
    failedHeading: 'Ikke sendt',
    needsScriptHeading: 'Denne formular kræver JavaScript',
    notSentText: 'Dine oplysninger er ikke sendt endnu. Send venligst formularen igen; alt det, du skrev, står der stadig.',
    rateLimitedText: 'Der er sendt for mange beskeder fra din forbindelse. Vent et par minutter, og send så formularen igen; alt det, du skrev, står der stadig.',
    needsScriptText: 'Denne formular kræver JavaScript til sit spamtjek. Slå JavaScript til, og send den igen, eller kontakt os på en anden måde. Det, du skrev, står nedenfor.',
    formPostsOffText: 'Denne formular kan kun sendes med JavaScript slået til. Slå JavaScript til, eller kontakt os på en anden måde.',
    badOriginText: 'Formularen blev sendt fra en side, der ikke må bruge den, så intet blev sendt. Kontakt os venligst på en anden måde.',
    backLink: 'Tilbage til siden',
    yourInput: 'Dine oplysninger',
  },
  de: {
    problemsHeading: 'Bitte prüfen Sie Ihre Angaben',
    failedHeading: 'Nicht gesendet',
    needsScriptHeading: 'Dieses Formular braucht JavaScript',
    notSentText: 'Ihre Angaben wurden noch nicht gesendet. Bitte senden Sie das Formular erneut; alles, was Sie eingegeben haben, steht noch darin.',
    rateLimitedText: 'Von Ihrer Verbindung wurden zu viele Nachrichten gesendet. Bitte warten Sie einige Minuten und senden Sie das Formular dann erneut; alles, was Sie eingegeben haben, steht noch darin.',
    needsScriptText: 'Dieses Formular braucht JavaScript für seine Spam-Prüfung. Bitte aktivieren Sie JavaScript und senden Sie es erneut, oder kontaktieren Sie uns auf anderem Weg. Ihre Eingaben stehen unten.',
    formPostsOffText: 'Dieses Formular kann nur mit aktiviertem JavaScript gesendet werden. Bitte aktivieren Sie JavaScript oder kontaktieren Sie uns auf anderem Weg.',
    badOriginText: 'Dieses Formular wurde von einer Seite gesendet, die es nicht verwenden darf; es wurde nichts gesendet. Bitte kontaktieren Sie uns auf anderem Weg.',
    backLink: 'Zurück zur Seite',
    yourInput: 'Ihre Angaben',
  },
  sv: {
    problemsHeading: 'Kontrollera dina uppgifter',
    failedHeading: 'Inte skickat',
    needsScriptHeading: 'Formuläret behöver JavaScript',
    notSentText: 'Dina uppgifter har inte skickats än. Skicka formuläret igen; allt du skrev finns kvar.',
    rateLimitedText: 'För många meddelanden har skickats från din anslutning. Vänta några minuter och skicka sedan formuläret igen; allt du skrev finns kvar.',
    needsScriptText: 'Formuläret behöver JavaScript för sin spamkontroll. Slå på JavaScript och skicka igen, eller kontakta oss på annat sätt. Det du skrev finns nedan.',
    formPostsOffText: 'Formuläret kan bara skickas med JavaScript påslaget. Slå på JavaScript eller kontakta oss på annat sätt.',
    badOriginText: 'Formuläret skickades från en sida som inte får använda det, så inget skickades. Kontakta oss på annat sätt.',
    backLink: 'Tillbaka till sidan',
    yourInput: 'Dina uppgifter',
  },
  nb: {
    problemsHeading: 'Sjekk opplysningene dine',
    failedHeading: 'Ikke sendt',
    needsScriptHeading: 'Dette skjemaet trenger JavaScript',
    notSentText: 'Opplysningene dine er ikke sendt ennå. Send skjemaet på nytt; alt du skrev, står der fortsatt.',
    rateLimitedText: 'Det er sendt for mange meldinger fra tilkoblingen din. Vent noen minutter, og send så skjemaet på nytt; alt du skrev, står der fortsatt.',
    needsScriptText: 'Dette skjemaet trenger JavaScript for spamsjekken sin. Slå på JavaScript og send på nytt, eller kontakt oss på en annen måte. Det du skrev, står nedenfor.',
    formPostsOffText: 'Dette skjemaet kan bare sendes med JavaScript slått på. Slå på JavaScript, eller kontakt oss på en annen måte.',
    badOriginText: 'Skjemaet ble sendt fra en side som ikke får bruke det, så ingenting ble sendt. Kontakt oss på en annen måte.',
    backLink: 'Tilbake til siden',
    yourInput: 'Dine opplysninger',
  },
  nl: {
    problemsHeading: 'Controleer uw gegevens',
    failedHeading: 'Niet verzonden',
    needsScriptHeading: 'Dit formulier heeft JavaScript nodig',
    notSentText: 'Uw gegevens zijn nog niet verzonden. Verstuur het formulier opnieuw; alles wat u hebt ingevuld staat er nog in.',
    rateLimitedText: 'Er zijn te veel berichten verzonden vanaf uw verbinding. Wacht een paar minuten en verstuur het formulier dan opnieuw; alles wat u hebt ingevuld staat er nog in.',
    needsScriptText: 'Dit formulier heeft JavaScript nodig voor de spamcontrole. Zet JavaScript aan en verstuur het opnieuw, of neem op een andere manier contact met ons op. Wat u hebt ingevuld staat hieronder.',
    formPostsOffText: 'Dit formulier kan alleen worden verzonden met JavaScript aan. Zet JavaScript aan of neem op een andere manier contact met ons op.',
    badOriginText: 'Dit formulier is verzonden vanaf een pagina die het niet mag gebruiken, dus er is niets verzonden. Neem op een andere manier contact met ons op.',
    backLink: 'Terug naar de pagina',
    yourInput: 'Uw gegevens',
  },
  fr: {
    problemsHeading: 'Veuillez vérifier vos informations',
    failedHeading: 'Non envoyé',
    needsScriptHeading: 'Ce formulaire a besoin de JavaScript',
    notSentText: "Vos informations n'ont pas encore été envoyées. Veuillez renvoyer le formulaire ; tout ce que vous avez saisi y est encore.",
    rateLimitedText: "Trop de messages ont été envoyés depuis votre connexion. Patientez quelques minutes, puis renvoyez le formulaire ; tout ce que vous avez saisi y est encore.",
    needsScriptText: "Ce formulaire a besoin de JavaScript pour sa vérification anti-spam. Activez JavaScript et renvoyez-le, ou contactez-nous autrement. Ce que vous avez saisi figure ci-dessous.",
    formPostsOffText: "Ce formulaire ne peut être envoyé qu'avec JavaScript activé. Activez JavaScript ou contactez-nous autrement.",
    badOriginText: "Ce formulaire a été envoyé depuis une page qui n'a pas le droit de l'utiliser ; rien n'a été envoyé. Veuillez nous contacter autrement.",
    backLink: 'Retour à la page',
    yourInput: 'Vos informations',
  },
  es: {
    problemsHeading: 'Revise sus datos',
    failedHeading: 'No enviado',
    needsScriptHeading: 'Este formulario necesita JavaScript',
    notSentText: 'Sus datos aún no se han enviado. Vuelva a enviar el formulario; todo lo que escribió sigue en él.',
    rateLimitedText: 'Se han enviado demasiados mensajes desde su conexión. Espere unos minutos y vuelva a enviar el formulario; todo lo que escribió sigue en él.',
    needsScriptText: 'Este formulario necesita JavaScript para su control antispam. Active JavaScript y vuelva a enviarlo, o contáctenos de otra forma. Lo que escribió está abajo.',
    formPostsOffText: 'Este formulario solo se puede enviar con JavaScript activado. Active JavaScript o contáctenos de otra forma.',
    badOriginText: 'Este formulario se envió desde una página que no puede usarlo, así que no se envió nada. Contáctenos de otra forma.',
    backLink: 'Volver a la página',
    yourInput: 'Sus datos',
  },
});

/** The page words for a resolved language code (`da`, `nb`, …); English when there are none. */
export function formPageMessages(language: string): FormPageMessages {
  return Object.hasOwn(FORM_PAGE_MESSAGES, language) ? (FORM_PAGE_MESSAGES[language] ?? en) : en;
}
