import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShownLayout } from '../forms/form-layout.js';

/*
 * Which step of a multi-step form is in view, and the browser's history for
 * it. Each Next adds a history entry (pushState, keeping the host page's own
 * state object and URL), so the browser's back button returns to the
 * previous step; `popstate` brings back the step of the entry. The host page
 * keeps its history: nothing is pushed until the visitor moves forward, and
 * entries this form did not make are read as "its first step". The draft
 * keeps the step too (see the element), so a reload or a new tab restores it.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class StepsController implements ReactiveController {
  /** The step in view, as an index into the layout's steps (skipped ones included). */
  index = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      /** Tells this form's history entries from another form's on the page. */
      readonly formId: () => string;
      /** The step changed through the browser's history: move focus, save the draft. */
      readonly onHistoryStep: () => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  private get historyKey(): string {
    return `keen-lead-form-step:${this.options.formId()}`;
  }

  /** The step of the current history entry, if this form made it. */
  private historyStep(): number | undefined {
    const state: unknown = history.state;
    const step = isRecord(state) ? state[this.historyKey] : undefined;
    return typeof step === 'number' ? step : undefined;
  }

  private writeHistory(method: 'pushState' | 'replaceState'): void {
    const state: unknown = history.state;
    history[method]({ ...(isRecord(state) ? state : {}), [this.historyKey]: this.index }, '');
  }

  /** The steps shown now, in order (indexes into the layout's steps). */
  shownSteps(shown: ShownLayout): number[] {
    return shown.steps.flatMap((items, index) => (items === undefined ? [] : [index]));
  }

  /**
   * The step to draw: the one in view, or, when rules now skip it, the
   * nearest shown one before it (else after it).
   */
  current(shown: ShownLayout): number {
    const steps = this.shownSteps(shown);
    return [...steps].reverse().find((index) => index <= this.index) ?? steps[0] ?? 0;
  }

  /** Moves forward to a later step (Next): a new history entry. */
  forward(to: number): void {
    this.index = to;
    this.writeHistory('pushState');
    this.host.requestUpdate();
  }

  /**
   * Moves back (the Back button): through the browser's history when the
   * entry in force is this step's, so browser and form agree; else directly.
   */
  back(to: number): void {
    if (this.historyStep() === this.index && this.index > 0) {
      history.back();
      return;
    }
    this.jump(to);
  }

  /** Shows a step without a new history entry (a restored draft, an error on an earlier step, a new lead). */
  jump(to: number): void {
    this.index = to;
    if (this.historyStep() !== undefined) this.writeHistory('replaceState');
    this.host.requestUpdate();
  }

  private readonly onPopState = (event: PopStateEvent): void => {
    const state: unknown = event.state;
    const step = isRecord(state) ? state[this.historyKey] : undefined;
    const index = typeof step === 'number' ? step : 0;
    if (index === this.index) return;
    this.index = index;
    this.host.requestUpdate();
    this.options.onHistoryStep();
  };
}
