import type { ReactiveController, ReactiveControllerHost } from 'lit';

/*
 * Keeps keyboard focus in the form when a show-if rule removes the control
 * that had it: focus then moves to the field whose change hid it (the
 * visitor's place), else to the first control, never to the page's body.
 */
export class ShowIfFocusController implements ReactiveController {
  /** The field the visitor changed last: where focus goes when its own control vanished. */
  changedFieldId: string | undefined;
  private focused: Element | null = null;

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  private get root(): ShadowRoot | undefined {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root : undefined;
  }

  hostUpdate(): void {
    this.focused = this.root?.activeElement ?? null;
  }

  hostUpdated(): void {
    const focused = this.focused;
    this.focused = null;
    if (focused === null || focused.isConnected) return;
    const root = this.root;
    const changed = this.changedFieldId === undefined ? null : root?.querySelector<HTMLElement>(`[data-field-id="${CSS.escape(this.changedFieldId)}"]`);
    (changed ?? root?.querySelector<HTMLElement>('[data-field-id]'))?.focus();
  }
}
