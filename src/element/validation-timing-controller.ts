import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FieldError } from '../schema/validate-lead-form.js';

/*
 * When a field's error appears and goes: only after interaction. An error
 * clears as soon as the value is fixed; a new one waits for the visitor to
 * leave a field they typed in (tabbing through an empty field is not a
 * mistake yet), and waits for the end of a pointer press, so an error line
 * appearing above "Send" cannot move the button away before the click lands.
 */

export interface FieldChecker {
  /** The field's current error, or `undefined` when its value is fine. */
  errorOf(fieldId: string): FieldError | undefined;
}

/** Which field errors the host shows, and when they appear and clear. */
export class ValidationTimingController implements ReactiveController {
  /** The errors shown, by field id. */
  errors: ReadonlyMap<string, FieldError> = new Map();
  private readonly touched = new Set<string>();
  private readonly blurredDuringPress = new Set<string>();
  private pointerIsDown = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly checker: FieldChecker,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // A press that started before the form left the page has nothing to wait for.
    this.pointerIsDown = false;
    this.blurredDuringPress.clear();
  }

  /** Shows these errors (a submit or `validate()`): every field now counts as touched. */
  showAll(fieldErrors: readonly FieldError[], fieldIds: readonly string[]): void {
    for (const fieldId of fieldIds) this.touched.add(fieldId);
    this.setErrors(new Map(fieldErrors.map((error) => [error.fieldId, error])));
  }

  /** Forgets every error and what was touched (a fresh form). */
  clear(): void {
    this.touched.clear();
    this.setErrors(new Map());
  }

  /** The visitor changed a field: its error clears once the value is fixed. */
  input(fieldId: string): void {
    if (this.errors.has(fieldId)) this.revalidate(fieldId, false);
  }

  /** The visitor left a field; `filled` says whether it holds anything. */
  focusOut(fieldId: string, filled: boolean): void {
    if (filled) this.touched.add(fieldId);
    if (!this.touched.has(fieldId)) return;
    if (this.pointerIsDown) {
      // The blur comes from a press on something (often "Send"): show the
      // error after the click, not under the pointer.
      this.blurredDuringPress.add(fieldId);
      return;
    }
    this.revalidate(fieldId, true);
  }

  pointerDown(): void {
    this.pointerIsDown = true;
    // Capture on the window: the press may end anywhere. The click (and a
    // submit) fires right after pointerup, so validate after it.
    window.addEventListener(
      'pointerup',
      () => {
        setTimeout(() => {
          this.pointerIsDown = false;
          for (const fieldId of this.blurredDuringPress) this.revalidate(fieldId, true);
          this.blurredDuringPress.clear();
        });
      },
      { once: true, capture: true },
    );
  }

  private revalidate(fieldId: string, showNew: boolean): void {
    const error = this.checker.errorOf(fieldId);
    const errors = new Map(this.errors);
    if (error === undefined) errors.delete(fieldId);
    else if (showNew || errors.has(fieldId)) errors.set(fieldId, error);
    this.setErrors(errors);
  }

  private setErrors(errors: ReadonlyMap<string, FieldError>): void {
    this.errors = errors;
    this.host.requestUpdate();
  }
}
