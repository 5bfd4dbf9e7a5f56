import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CATALOGUES, catalogueFor } from '../i18n/catalogues.js';
import type { Messages } from '../i18n/en.js';
import { withOverrides, type MessageOverrides } from '../i18n/overrides.js';

/*
 * The visitor's language: the element's own `lang`, else the nearest
 * ancestor's, else the document's. One MutationObserver for the whole page
 * (as Shoelace's LocalizeController does) watches every `lang` attribute in
 * the document and asks each connected form to update, so a change of
 * `<html lang>` shows in the next frame, not at the next keystroke. A form's
 * own `lang` is also in the host's observedAttributes, for forms inside
 * another component's shadow root, which the page observer cannot see.
 */

type LocalizedHost = ReactiveControllerHost & Element;

const watchedHosts = new Set<LocalizedHost>();
let langObserver: MutationObserver | undefined;

function watchLanguage(host: LocalizedHost): void {
  watchedHosts.add(host);
  if (langObserver !== undefined) return;
  langObserver = new MutationObserver(() => {
    for (const watched of watchedHosts) watched.requestUpdate();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function unwatchLanguage(host: LocalizedHost): void {
  watchedHosts.delete(host);
  if (watchedHosts.size > 0) return;
  langObserver?.disconnect();
  langObserver = undefined;
}

/** The host's language and messages, kept current with the page's `lang` attributes. */
export class LocalizeController implements ReactiveController {
  /** The catalogue in force: the visitor's language, with the site owner's overrides. */
  messages: Messages = catalogueFor('en');
  /** The catalogue's language code, set on the shadow content so screen readers pronounce it right. */
  language = 'en';
  private key: string | undefined;

  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    watchLanguage(this.host);
  }

  hostDisconnected(): void {
    unwatchLanguage(this.host);
  }

  /** BCP 47 tag of the language in force, as the page declares it. */
  get pageLanguage(): string {
    return this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** Picks the catalogue for the page's language, with overrides; cheap when nothing changed. Call before rendering. */
  update(overrides: MessageOverrides | undefined): void {
    const language = this.pageLanguage;
    const key = `${language}|${JSON.stringify(overrides)}`;
    if (key === this.key) return;
    this.key = key;
    const catalogue = catalogueFor(language);
    this.language = Object.keys(CATALOGUES).find((code) => CATALOGUES[code] === catalogue) ?? 'en';
    this.messages = withOverrides(catalogue, overrides);
  }
}
