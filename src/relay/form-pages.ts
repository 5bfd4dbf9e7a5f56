/*
 * The pages the relay answers a no-script form post with (contract F): small,
 * self-contained HTML (no external resources, a little inline style, readable
 * without it), in the form's language, with one h1, the problems as a list
 * linked to the fields, and the form again holding what the visitor typed,
 * so nothing is lost and nothing needs retyping. Text in, text out.
 */
import { escapeHtml } from '../html/escape-html.js';
import { FormHtmlConfigError, htmlFieldId, renderFormBody } from '../html/render-form-html.js';
import { PAGE_FIELD_NAME, type FormPost, type FormProblem } from './form-post.js';

/** The header and meta name that say which spam checks the relay applied to a form post. */
export const RELAY_CHECKS_HEADER = 'Keen-Relay-Checks';
export const RELAY_CHECKS_META = 'keen-relay-checks';

export interface RelayPageInput {
  /** The page's language (`lang` of the document). */
  readonly language: string;
  /** The h1, also the title. */
  readonly heading: string;
  /** Paragraphs under the heading. */
  readonly paragraphs?: readonly string[];
  /** Field problems, each linked to its field in `form`. */
  readonly problems?: readonly FormProblem[];
  /** The form again (from {@link formAgain}). */
  readonly form?: string | undefined;
  /** A link back to the page the form was on, with its words. */
  readonly back?: { readonly href: string; readonly text: string } | undefined;
  /** The checks applied (`honeypot`, `rate-limit`). */
  readonly checks: readonly string[];
}

const PAGE_STYLE = [
  'body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}',
  'h1{font-size:1.5rem;line-height:1.25}',
  '.keen-page-problems{border-left:4px solid #b3261e;padding:.25rem 1rem;margin:1rem 0}',
  '.keen-page-problems a{color:#b3261e}',
  'a{color:#0b57d0}',
].join('');

/** A whole page: doctype, language, title, h1, then its parts in reading order. */
export function renderRelayPage(input: RelayPageInput): string {
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(input.heading)}</h1>`);
  for (const paragraph of input.paragraphs ?? []) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
  const problems = input.problems ?? [];
  if (problems.length > 0) {
    const items = problems
      .map((problem) => `<li><a href="#${htmlFieldId(problem.fieldId)}">${escapeHtml(problem.label)}</a>: ${escapeHtml(problem.message)}</li>`)
      .join('');
    parts.push(`<ul class="keen-page-problems">${items}</ul>`);
  }
  if (input.form !== undefined) parts.push(input.form);
  if (input.back !== undefined) parts.push(`<p><a href="${escapeHtml(input.back.href)}">${escapeHtml(input.back.text)}</a></p>`);
  const checks = escapeHtml(input.checks.join(', '));
  return (
    `<!doctype html>\n<html lang="${escapeHtml(input.language)}">\n<head>\n<meta charset="utf-8">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="robots" content="noindex">\n' +
    `<meta name="${RELAY_CHECKS_META}" content="${checks}">\n` +
    `<title>${escapeHtml(input.heading)}</title>\n<style>${PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n${parts.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

/**
 * The form again, posting to `action` (the relay's own path), holding the
 * posted values and, when given, the problems under their fields, with the
 * host's settings the post carried, and `page` (the page it was first posted
 * from) in {@link PAGE_FIELD_NAME}: the next post's `Referer` is this page.
 * Inside an undefined `<keen-lead-form>` so the generator's pre-upgrade look
 * applies. `undefined` when the configuration cannot be drawn (the page then
 * says so).
 */
export function formAgain(post: FormPost, action: string, page: string | undefined, problems: readonly FormProblem[] = []): string | undefined {
  const errors = Object.fromEntries(problems.map((problem) => [problem.fieldId, problem.message]));
  const attributes: Record<string, string> = { relay: action, endpoint: action };
  // `endpoint` wins over anything in the posted configuration: the form comes back to this relay.
  if (post.required !== undefined) attributes['required'] = post.required.join(',');
  if (post.submissionIdProperty !== undefined) attributes['submission-id-property'] = post.submissionIdProperty;
  try {
    const body = renderFormBody({ config: post.config, attributes, lang: post.language, values: post.values, errors });
    // First in the form, as the generator writes keen_form: hidden, and posted with the rest.
    const carried = page === undefined ? body : body.replace(/^<form\b[^>]*>/, (open) => `${open}\n<input type="hidden" name="${PAGE_FIELD_NAME}" value="${escapeHtml(page)}">`);
    return `<keen-lead-form lang="${escapeHtml(post.language)}">\n${carried}\n</keen-lead-form>`;
  } catch (error) {
    if (error instanceof FormHtmlConfigError) return undefined;
    throw error;
  }
}
