/*
 * The relay's answer to a no-script form post (contract F), from the origin
 * gate to Keen's answer, each step an HTML page (form-pages.ts). Order:
 * origin → form posts on → body size → keen_form → honeypot → captcha (needs
 * script: refused with the input kept) → the widget's validation → rate
 * limit → Keen. The honeypot comes before validation as in the widget (a bot
 * learns nothing from error messages); the rate limit counts only leads that
 * would go to Keen, so a visitor correcting a typo three times is not
 * locked out. Proof of work needs script and is not asked for.
 */
import type { Messages } from '../i18n/en.js';
import { catalogueFor } from '../i18n/catalogues.js';
import { formPageMessages, type FormPageMessages } from './form-page-messages.js';
import { formAgain, RELAY_CHECKS_HEADER, renderRelayPage, type RelayPageInput } from './form-pages.js';
import { languageOf, leadFromFormPost, readFormPost, type FormProblem } from './form-post.js';
import type { AllowedOrigins } from './cors.js';
import type { RelayAnswer } from './forward-to-keen.js';
import { readLimitedBody } from './read-limited-body.js';
import type { RefusalReason } from './relay-counters.js';

/** `application/x-www-form-urlencoded`: what a browser posts for a plain `<form method="post">`. */
export function isFormPost(request: Request): boolean {
  return request.method === 'POST' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers.get('content-type') ?? '');
}

export type RateLimitVerdict = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number } | { readonly ok: false; readonly unavailable: true };

/** What the relay lends the form-post path: its settings and its shared steps. */
export interface FormPostContext {
  readonly origins: AllowedOrigins;
  readonly enabled: boolean;
  readonly bodyLimit: number;
  /** The relay checks spam with a captcha, which a page without script cannot solve. */
  readonly captcha: boolean;
  /** The checks form posts get: `honeypot`, and `rate-limit` when the relay limits. */
  readonly checks: readonly string[];
  readonly rateLimit: (client: string) => Promise<RateLimitVerdict>;
  /** Sends the checked lead to Keen (the relay sets action and channel). */
  readonly forward: (lead: Readonly<Record<string, unknown>>) => Promise<RelayAnswer>;
  /** Counts the request and reports it (`via: 'form'`), without personal data. */
  readonly report: (outcome: 'forwarded' | 'refused', status: number, refused?: RefusalReason, reason?: string) => void;
}

function sameOriginAllowed(url: string | null | undefined, origins: AllowedOrigins): string | undefined {
  if (url === null || url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && origins.allows(parsed.origin) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export async function answerFormPost(request: Request, client: string, context: FormPostContext): Promise<Response> {
  const { origins, checks } = context;
  const acceptLanguage = request.headers.get('accept-language');
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', [RELAY_CHECKS_HEADER]: checks.join(', ') };
  const page = (status: number, input: Omit<RelayPageInput, 'checks'>, extra: Record<string, string> = {}): Response =>
    new Response(renderRelayPage({ ...input, checks }), { status, headers: { ...headers, ...extra } });
  const wordsIn = (language: string): { text: Messages; words: FormPageMessages } => ({ text: catalogueFor(language), words: formPageMessages(language) });

  // Before anything is read: a page of another site (or none: a script) gets a page saying nothing was sent.
  if (!origins.allows(request.headers.get('origin'))) {
    const language = languageOf(acceptLanguage?.split(/[,;]/, 1)[0]);
    const { words } = wordsIn(language);
    context.report('refused', 403, 'origin', 'Origin not allowed');
    return page(403, { language, heading: words.failedHeading, paragraphs: [words.badOriginText] });
  }
  if (!context.enabled) {
    const language = languageOf(acceptLanguage?.split(/[,;]/, 1)[0]);
    const { words } = wordsIn(language);
    context.report('refused', 415, 'content-type', 'Form posts are turned off');
    return page(415, { language, heading: words.needsScriptHeading, paragraphs: [words.formPostsOffText] });
  }
  const body = await readLimitedBody(request, context.bodyLimit);
  if (!body.ok) {
    const language = languageOf(acceptLanguage?.split(/[,;]/, 1)[0]);
    const { text, words } = wordsIn(language);
    context.report('refused', 413, 'body-size', 'Request body too large');
    return page(413, { language, heading: words.failedHeading, paragraphs: [text.failureServer] });
  }
  const reading = readFormPost(body.bytes, acceptLanguage);
  if (!reading.ok) {
    context.report('refused', 400, 'form-config', `The form is not set up correctly: ${reading.problems.join('; ')}`);
    return page(400, { language: reading.language, heading: reading.text.misconfiguredHeading, paragraphs: [reading.text.failureMisconfigured] });
  }
  const post = reading.post;
  const { text } = post;
  const words = formPageMessages(post.language);
  const action = relayPath(request);
  // The page the form was on: carried by the form the relay showed again, else the Referer; only on an allowed origin.
  const fromPage = sameOriginAllowed(post.carriedPage, origins) ?? sameOriginAllowed(request.headers.get('referer'), origins);
  const backLink = fromPage === undefined ? undefined : { href: fromPage, text: words.backLink };
  const again = (problems?: readonly FormProblem[]): string | undefined => formAgain(post, action, fromPage, problems);
  const thanks = (): Response => page(200, { language: post.language, heading: text.successHeading, paragraphs: [text.success], back: backLink });

  if (post.honeypotFilled) {
    // As the widget: the normal thank-you, nothing forwarded.
    context.report('refused', 200, 'honeypot', 'Refused as spam: a field people never see was filled');
    return thanks();
  }
  if (context.captcha) {
    context.report('refused', 403, 'captcha', 'The relay checks spam with a captcha, which needs JavaScript');
    return page(403, { language: post.language, heading: words.needsScriptHeading, paragraphs: [words.needsScriptText], form: again(), back: backLink });
  }
  const lead = leadFromFormPost(post, { page: fromPage });
  if (!lead.ok) {
    if ('misconfigured' in lead) {
      context.report('refused', 400, 'form-config', `The form builds a lead Keen does not take: ${lead.misconfigured.join('; ')}`);
      return page(400, { language: post.language, heading: text.misconfiguredHeading, paragraphs: [text.failureMisconfigured], back: backLink });
    }
    // Field ids and error codes only: never what was typed.
    context.report('refused', 400, 'schema', `Invalid fields: ${lead.problems.map((problem) => problem.fieldId).join(', ')}`);
    return page(400, {
      language: post.language,
      heading: words.problemsHeading,
      paragraphs: [text.errorSummary(lead.problems.length)],
      problems: lead.problems,
      form: again(lead.problems),
    });
  }
  const notSent = (status: number, paragraph: string, extra: Record<string, string> = {}): Response =>
    page(status, { language: post.language, heading: text.queuedHeading, paragraphs: [paragraph], form: again(), back: backLink }, extra);

  const limit = await context.rateLimit(client);
  if (!limit.ok) {
    if ('unavailable' in limit) {
      context.report('refused', 503, 'unavailable', 'The relay cannot check its rate limit right now');
      return notSent(503, words.notSentText);
    }
    context.report('refused', 429, 'rate-limit', 'Too many leads from this address; try again later');
    return notSent(429, words.rateLimitedText, { 'Retry-After': String(limit.retryAfterSeconds) });
  }

  const answer = await context.forward(lead.payload);
  const reason = 'error' in answer.body ? answer.body.error : undefined;
  context.report('forwarded', answer.status, undefined, reason);
  if ('lead' in answer.body) {
    const redirect = sameOriginAllowed(post.config.redirect, origins);
    if (redirect !== undefined) return new Response(null, { status: 303, headers: { ...headers, Location: redirect } });
    return thanks();
  }
  if (isRetryable(answer.status)) {
    return notSent(answer.status === 429 ? 429 : 503, words.notSentText, answer.retryAfter === undefined ? {} : { 'Retry-After': answer.retryAfter });
  }
  // Final: the widget's words for it; the form keeps the input so the visitor can copy it elsewhere.
  const message = answer.status === 403 || answer.status === 404 ? text.failureMisconfigured : text.failureRejected(reason ?? String(answer.status));
  return page(answer.status, { language: post.language, heading: words.failedHeading, paragraphs: [message], form: again(), back: backLink });
}

/** What the widget retries: a timeout, too many requests, any server error. */
function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The relay's own path (and query), so the form comes back to it whatever host or scheme a proxy put in front. */
function relayPath(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}
