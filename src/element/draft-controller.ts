import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftAutosave, DraftStore, type DraftLocation, type DraftValues } from '../drafts/draft-store.js';
import { browserLocalStorage } from '../shared/storage.js';
import type { FormValues } from '../schema/validate-lead-form.js';

/**
 * Keeps what the visitor typed in localStorage while they type, so a reload
 * or a closed tab does not cost them their input. Values of hidden and
 * sensitive fields are never written.
 */
export class DraftController implements ReactiveController {
  private store: DraftStore | undefined;
  private autosave: DraftAutosave | undefined;
  private key: string | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * Points the drafts at a form's place (channel + endpoint + form id);
   * `undefined` turns them off. Returns the draft saved there, if any, when
   * the place changed.
   */
  bind(location: DraftLocation | undefined, exclude: ReadonlySet<string>): DraftValues | undefined {
    const key = location === undefined ? undefined : JSON.stringify(location);
    if (key === this.key) return undefined;
    this.autosave?.flush();
    this.key = key;
    const storage = browserLocalStorage();
    if (location === undefined || storage === undefined) {
      this.store = undefined;
      this.autosave = undefined;
      return undefined;
    }
    this.store = new DraftStore({ storage, ...location });
    this.autosave = new DraftAutosave(this.store);
    return this.store.load({ exclude });
  }

  save(values: FormValues, exclude: ReadonlySet<string>): void {
    this.autosave?.schedule(values, { exclude });
  }

  /** After a send (delivered or safely queued) and on reset: the draft has served. */
  clear(): void {
    this.autosave?.cancel();
    this.store?.clear();
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.flush);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.flush);
    this.flush();
  }

  private readonly flush = (): void => this.autosave?.flush();
}
