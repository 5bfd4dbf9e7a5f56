import type { Messages } from './en.js';

/** Writes a number with a decimal comma and no grouping, as the form accepts it. */
const decimal = (value: number): string => String(value).replace('.', ',');

const characters = (count: number): string => (count === 1 ? 'carácter' : 'caracteres');

/** Spanish (Spain; impersonal forms where natural, otherwise "tú"). */
export const es: Messages = {
  first_name: 'Nombre',
  last_name: 'Apellidos',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  company_name: 'Empresa',
  notes: 'Mensaje',
  business_id: 'NIF/CIF',
  employee: 'Persona de contacto',
  source: 'Origen',

  submit: 'Enviar',
  sending: 'Enviando…',
  sendAnother: 'Enviar otra solicitud',
  choose: 'Seleccionar…',
  requiredLegend: 'Los campos marcados con * son obligatorios.',
  success: '¡Gracias! Hemos recibido tus datos.',
  successHeading: 'Mensaje enviado',

  required: 'Este campo es obligatorio.',
  mustAccept: 'Marca esta casilla para continuar.',
  invalidEmail: 'Escribe un correo electrónico como name@example.com.',
  invalidPhone: 'Escribe un teléfono como +34 612 345 678.',
  tooShort: (limit: number) => `Debe tener al menos ${limit} ${characters(limit)}.`,
  tooLong: (limit: number) => `Debe tener como máximo ${limit} ${characters(limit)}.`,
  invalidNumber: 'Escribe un número como 42 o 3,5.',
  tooSmall: (limit: number) => `Debe ser ${decimal(limit)} o más.`,
  tooBig: (limit: number) => `Debe ser ${decimal(limit)} o menos.`,
  pattern: 'El formato de este campo no es válido.',
  invalidOption: 'Elige una de las opciones.',

  errorSummary: (count: number) =>
    count === 1
      ? 'Hay un error en 1 campo. Revísalo, por favor.'
      : `Hay errores en ${count} campos. Revísalos, por favor.`,

  failureRejected: (reason: string) => `No se ha podido enviar el formulario: ${reason}`,
  failureMisconfigured:
    'Lo sentimos, este formulario no está bien configurado y no puede enviar tus datos. Contacta con nosotros por otra vía.',
  failureNetwork: 'No se ha podido conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
  failureTimeout: 'El servidor ha tardado demasiado en responder. Inténtalo de nuevo.',
  failureServer: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.',
  captchaIncomplete: 'Completa la comprobación antispam encima del botón de envío y vuelve a enviar.',
  captchaLoading: 'La comprobación antispam aún se está cargando. Espera un momento y vuelve a enviar.',
  captchaUnavailable: (provider: string) => `No se pudo cargar la comprobación antispam. Revisa tu conexión o permite ${provider} en este sitio y vuelve a intentarlo.`,
  captchaRefused: 'La comprobación antispam no fue aceptada. Complétala de nuevo y vuelve a enviar.',
  captchaQueued: 'Para enviarlo, completa una vez más la comprobación antispam de abajo.',

  draftRestored: 'Hemos recuperado lo que habías escrito.',
  queuedOffline: 'No hay conexión – lo enviaremos en cuanto vuelva.',
  queuedRetrying:
    'Aún no hemos podido conectar con el servidor – seguiremos intentándolo y lo enviaremos automáticamente.',
  queuedNote: 'Tus datos se guardan en este dispositivo hasta que se envíen.',
  queuedHeading: 'Aún no enviado',
  outboxFull:
    'Hay demasiados mensajes pendientes de envío en este dispositivo, así que este no se ha podido guardar. Inténtalo de nuevo cuando vuelvas a tener conexión.',
  delivered: 'Tus datos se han enviado.',

  misconfiguredHeading: 'Este formulario no está bien configurado',

  // Storage refused the lead: it lives in this page only.
  queuedNotSaved:
    'Estamos enviando tus datos. Mantén esta página abierta hasta que lo confirmemos: este navegador no nos deja guardarlos si la cierras.',

  requiredChoice: 'Elige una de las opciones.',
  requiredChoices: 'Elige al menos una opción.',
  invalidDate: 'Escribe una fecha como AAAA-MM-DD, p. ej. 2026-03-15.',
  tooEarly: (date: string) => `Elige el ${date} o una fecha posterior.`,
  tooLate: (date: string) => `Elige el ${date} o una fecha anterior.`,
  invalidUrl: 'Escribe una dirección web como https://example.com.',
  next: 'Siguiente',
  back: 'Atrás',
  stepProgress: (current: number, total: number) => `Paso ${current} de ${total}`,
  // Consent boxes.
  consentText: 'Acepto el tratamiento de mis datos tal como se describe en la política de privacidad.',
  consentLinkText: 'política de privacidad',
  marketingConsentText: 'Sí, quiero recibir novedades y ofertas por correo electrónico.',
};
