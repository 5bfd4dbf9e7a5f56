import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

/** French counts 0 and 1 as singular. */
const characters = (count: number): string => (count < 2 ? 'caractère' : 'caractères');

/**
 * French ("vous"). Typography: U+00A0 before ":" and U+202F before "!" and
 * "?", typographic apostrophes.
 */
export const fr: Messages = {
  first_name: 'Prénom',
  last_name: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone',
  company_name: 'Entreprise',
  notes: 'Message',
  business_id: 'Numéro SIREN/SIRET',
  employee: 'Personne à contacter',
  source: 'Source',

  submit: 'Envoyer',
  sending: 'Envoi en cours…',
  sendAnother: 'Envoyer une autre demande',
  choose: 'Choisir…',
  requiredLegend: 'Les champs marqués d’un * sont obligatoires.',
  success: 'Merci\u202f! Nous avons bien reçu vos informations.',
  successHeading: 'Message envoyé',

  required: 'Veuillez remplir ce champ.',
  mustAccept: 'Veuillez cocher cette case pour continuer.',
  invalidEmail: 'Saisissez une adresse e-mail du type name@example.com.',
  invalidPhone: 'Saisissez un numéro de téléphone, par ex. +33 6 12 34 56 78.',
  tooShort: (limit: number) => `Saisissez au moins ${limit} ${characters(limit)}.`,
  tooLong: (limit: number) => `Saisissez au maximum ${limit} ${characters(limit)}.`,
  invalidNumber: 'Saisissez un nombre, par ex. 42 ou 3,5.',
  tooSmall: (limit: number) => `Saisissez ${decimal(limit)} ou plus.`,
  tooBig: (limit: number) => `Saisissez ${decimal(limit)} ou moins.`,
  pattern: 'Vérifiez le format de ce champ.',
  invalidOption: 'Choisissez l’une des options.',

  errorSummary: (count: number) =>
    count < 2
      ? `${count} champ contient une erreur. Veuillez le vérifier.`
      : `${count} champs contiennent des erreurs. Veuillez les vérifier.`,

  failureRejected: (reason: string) => `Le formulaire n’a pas pu être envoyé\u00a0: ${reason}`,
  failureMisconfigured:
    'Désolés, ce formulaire n’est pas correctement configuré et ne peut pas envoyer vos informations. Veuillez nous contacter par un autre moyen.',
  failureNetwork: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  failureTimeout: 'Le serveur a mis trop de temps à répondre. Veuillez réessayer.',
  failureServer: 'Un problème est survenu de notre côté. Veuillez réessayer dans un instant.',
  captchaIncomplete: 'Veuillez terminer la vérification anti-spam au-dessus du bouton d’envoi, puis envoyer à nouveau.',
  captchaLoading: 'La vérification anti-spam est encore en cours de chargement. Veuillez patienter un instant, puis envoyer à nouveau.',
  captchaUnavailable: (provider: string) => `La vérification anti-spam n’a pas pu se charger. Vérifiez votre connexion ou autorisez ${provider} sur ce site, puis réessayez.`,
  captchaRefused: 'La vérification anti-spam n’a pas été acceptée. Veuillez la refaire, puis envoyer à nouveau.',
  captchaQueued: 'Pour l’envoyer, veuillez refaire une fois la vérification anti-spam ci-dessous.',

  draftRestored: 'Nous avons restauré ce que vous aviez saisi.',
  queuedOffline: 'Vous êtes hors ligne – nous enverrons votre demande dès le retour de la connexion.',
  queuedRetrying:
    'Impossible de joindre le serveur pour l’instant – nous réessaierons et enverrons votre demande automatiquement.',
  queuedNote: 'Vos informations sont enregistrées sur cet appareil jusqu’à leur envoi.',
  queuedHeading: 'Pas encore envoyé',
  outboxFull:
    'Trop de messages sont en attente d’envoi sur cet appareil, celui-ci n’a donc pas pu être enregistré. Veuillez réessayer une fois la connexion rétablie.',
  delivered: 'Vos informations ont été envoyées.',

  misconfiguredHeading: 'Ce formulaire n’est pas correctement configuré',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Nous envoyons vos informations. Gardez cette page ouverte jusqu’à notre confirmation – ce navigateur ne nous permet pas de les conserver si vous la quittez.',

  requiredChoice: 'Choisissez l’une des options.',
  requiredChoices: 'Choisissez au moins une option.',
  invalidDate: 'Saisissez une date au format AAAA-MM-JJ, par exemple 2026-03-15.',
  tooEarly: (date: string) => `Choisissez le ${date} ou une date ultérieure.`,
  tooLate: (date: string) => `Choisissez le ${date} ou une date antérieure.`,
  invalidUrl: 'Saisissez une adresse web comme https://example.com.',
  next: 'Suivant',
  back: 'Retour',
  stepProgress: (current: number, total: number) => `Étape ${current} sur ${total}`,
  // Consent boxes.
  consentText: 'J’accepte le traitement de mes données tel que décrit dans la politique de confidentialité.',
  consentLinkText: 'politique de confidentialité',
  marketingConsentText: 'Oui, je souhaite recevoir des nouveautés et des offres par e-mail.',
};
