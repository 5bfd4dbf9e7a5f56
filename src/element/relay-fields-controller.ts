import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cachedRelayFields, cacheRelayFields, readRelayFields, relayFieldsUrl } from '../forms/relay-fields.js';
import type { FieldInput } from '../schema/form-config.js';
import { browserSessionStorage } from '../shared/storage.js';

/*
 * `fields-from="relay"`: loads the fields the relay serves at `?action=fields`
 * once per endpoint, answers from this tab's copy at once when it is fresh,
 * and otherwise lets the page's own fields show until the answer arrives.
 * When the relay cannot answer (down, an error, not JSON, refused by the
 * schema, too slow) the page's fields simply stay, and the site owner gets
 * one console warning; the visitor loses nothing. Focus stays in the field
 * the visitor is typing in when the fields change under them.
 */

/** Longer than a healthy relay needs, short enough that a visitor never waits on it (the page's fields show meanwhile). */
export const RELAY_FIELDS_TIMEOUT_MS = 4000;

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class RelayFieldsController implements ReactiveController {
  /** The relay's fields, once loaded; `undefined` means "use the page's". */
  fields: readonly FieldInput[] | undefined;
  private url: string | undefined;
  private changed = false;
  /** The field the visitor was in when the fields changed, to put focus back there. */
  private focusedFieldId: string | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /**
   * Follows the endpoint in force (`undefined`: not `fields-from="relay"`).
   * Returns whether the fields changed at once (a fresh copy in this tab).
   */
  follow(endpoint: string | undefined): boolean {
    const url = endpoint === undefined ? undefined : relayFieldsUrl(endpoint, document.baseURI);
    if (url === this.url) return false;
    this.url = url;
    const had = this.fields !== undefined;
    this.fields = url === undefined ? undefined : cachedRelayFields(browserSessionStorage(), url, Date.now());
    if (url !== undefined && this.fields === undefined) void this.load(url);
    return had || this.fields !== undefined;
  }

  /** Whether fields arrived since the last call: the configuration must be resolved again. */
  takeChange(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  hostUpdated(): void {
    const fieldId = this.focusedFieldId;
    if (fieldId === undefined) return;
    this.focusedFieldId = undefined;
    const control = this.host.renderRoot.querySelector<HTMLElement>(`[data-field-id="${CSS.escape(fieldId)}"]`);
    if (control !== null && !control.matches(':focus')) control.focus();
  }

  private async load(url: string): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), RELAY_FIELDS_TIMEOUT_MS);
    let problem: string;
    try {
      // A plain GET (no preflight), without cookies: the relay answers any allowed origin alike.
      const response = await fetch(url, { credentials: 'omit', signal: controller.signal });
      const json: unknown = await response.json().catch(() => undefined);
      const read = response.ok ? readRelayFields(json) : undefined;
      if (read?.ok === true) {
        if (url !== this.url) return; // the endpoint changed meanwhile
        cacheRelayFields(browserSessionStorage(), url, read.value, Date.now());
        const active = (this.host.renderRoot as ShadowRoot).activeElement;
        this.focusedFieldId = active instanceof HTMLElement ? active.dataset['fieldId'] : undefined;
        this.fields = read.value;
        this.changed = true;
        this.host.requestUpdate();
        return;
      }
      problem = read === undefined ? `answered ${response.status}` : read.problems.join('; ');
    } catch {
      problem = controller.signal.aborted ? 'timed out' : 'unreachable';
    } finally {
      clearTimeout(timer);
    }
    console.warn(`<keen-lead-form>: showing the page's fields; the relay's (${url}) ${problem}`);
  }
}
