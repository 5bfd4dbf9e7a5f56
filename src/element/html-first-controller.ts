import type { ReactiveController, ReactiveElement } from 'lit';
import { resumePoint } from '../forms/resume-step.js';
import { isChoiceGroup, type FieldDefinition } from '../schema/fields.js';
import type { FormValues } from '../schema/validate-lead-form.js';
import { pageStartedAt } from '../spam/min-time.js';
import type { ResolvedSettings } from './configuration-controller.js';
import type { StepsController } from './steps-controller.js';

/*
 * The HTML-first form (contract E: a light-DOM `form.keen-html` inside the
 * element, typeable before the script arrives) handed over to the element.
 * Before the first render it reads what the visitor did there: values they
 * changed, the focused control and its caret. It reads as late as possible,
 * in the task of the first render, so no key typed before that is lost; after
 * that render, keys land in the shadow control it focuses. The values go
 * through the element's restore path (they win over a saved draft). A
 * multi-step form, which the HTML form shows as one page, opens where the
 * visitor is (src/forms/resume-step.ts). The light form is not rendered
 * once the shadow root exists (the element has no default slot), and it
 * never submits itself afterwards. It was usable from the page's first
 * paint, so its minimum send time counts from the page's start.
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The consent boxes' names in the HTML form, and their keys in the element's values. */
const CONSENT_NAMES: Readonly<Record<string, string>> = { keen_consent: 'consent', keen_marketing_consent: 'marketingConsent' };

/** What the visitor did in the HTML form. */
interface Typed {
  readonly values: FormValues;
  /** The focused control: its value key, the option (in a group) and its caret. */
  readonly focus?: Focus;
}

interface Focus {
  readonly key: string;
  readonly choice?: string | undefined;
  /** Absent where the focus moves to another field than the visitor's. */
  readonly caret?: readonly unknown[];
}

/** Whether the visitor (or autofill, or the browser restoring the page) changed this control from its markup. */
function changed(control: Control): boolean {
  if (control instanceof HTMLSelectElement) {
    const options = [...control.options];
    return control.value !== (options.find((option) => option.defaultSelected) ?? options[0])?.value;
  }
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) return control.checked !== control.defaultChecked;
  return control.value !== control.defaultValue;
}

/** A field's value as the element holds it: text, a ticked box as `true`, a group's choices as a JSON array in the options' order. */
function valueOf(controls: readonly Control[], field: FieldDefinition | undefined): string | boolean {
  const ticked = controls.filter((control) => (control as HTMLInputElement).checked).map((control) => control.value);
  if (field === undefined || field.control === 'checkbox') return ticked.length > 0;
  if (field.control === 'radio') return ticked[0] ?? '';
  if (field.control === 'checkboxes') return JSON.stringify((field.options ?? []).map((option) => option.value).filter((value) => ticked.includes(value)));
  return controls[0]?.value ?? '';
}

function readTyped(form: HTMLFormElement, fields: readonly FieldDefinition[]): Typed {
  const values: Record<string, string | boolean> = {};
  const controls = [...form.elements] as Control[];
  const keyOf = (name: string): string | undefined => CONSENT_NAMES[name] ?? fields.find((field) => field.id === name && !field.hidden)?.id;
  for (const name of new Set(controls.map((control) => control.name))) {
    const key = keyOf(name);
    const named = controls.filter((control) => control.name === name);
    if (key !== undefined && named.some(changed)) values[key] = valueOf(named, fields.find((field) => field.id === key));
  }
  const active = document.activeElement as HTMLInputElement | null;
  const key = active !== null && form.contains(active) ? keyOf(active.name) : undefined;
  if (key === undefined) return { values };
  const control = fields.find((field) => field.id === key)?.control;
  return {
    values,
    focus: {
      key,
      choice: control !== undefined && isChoiceGroup(control) ? active?.value : undefined,
      // Null where the control has no caret (a select, a box, a date): setting it then fails, and is skipped.
      caret: [active?.selectionStart, active?.selectionEnd, active?.selectionDirection],
    },
  };
}

/** Never a native submit once the element has taken over (e.g. a site script's `requestSubmit()`). */
const refuseSubmit = (event: Event): void => event.preventDefault();

export class HtmlFirstController implements ReactiveController {
  private form: HTMLFormElement | null = null;
  private taken = false;
  private focus: Focus | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: {
      /** The settings in force, resolved before the first render. */
      readonly settings: () => ResolvedSettings | undefined;
      /** The form's values now (a restored draft's among them). */
      readonly values: () => FormValues;
      readonly steps: StepsController;
      /** Puts the typed values into the form through the element's restore path (they win over a draft). */
      readonly restore: (values: FormValues) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.form = this.host.querySelector(':scope > form.keen-html');
    this.form?.addEventListener('submit', refuseSubmit);
  }

  hostDisconnected(): void {
    this.form?.removeEventListener('submit', refuseSubmit);
  }

  /** When the visitor could start using the form (epoch ms): the page's start for a taken-over HTML form, else `undefined`. */
  usableSince(): number | undefined {
    return this.form === null ? undefined : pageStartedAt();
  }

  hostUpdate(): void {
    if (this.taken || this.form === null) return;
    this.taken = true;
    const settings = this.options.settings();
    const typed = readTyped(this.form, settings?.fields ?? []);
    const keys = Object.keys(typed.values);
    this.focus = typed.focus;
    // Before the restore, which saves the draft with the step in view.
    if (settings?.schema !== undefined && settings.layout.stepped && (keys.length > 0 || typed.focus !== undefined)) {
      const values = { ...this.options.values(), ...typed.values };
      const resume = resumePoint(settings.layout, settings.schema, values, keys, typed.focus?.key);
      this.options.steps.jump(resume.step);
      if (resume.fieldId !== typed.focus?.key) this.focus = resume.fieldId === undefined ? undefined : { key: resume.fieldId };
    }
    if (keys.length > 0) this.options.restore(typed.values);
  }

  hostUpdated(): void {
    const focus = this.focus;
    if (focus === undefined) return;
    this.focus = undefined;
    const control = [...this.host.renderRoot.querySelectorAll<Control>('[data-field-id]')].find(
      (candidate) => candidate.dataset['fieldId'] === focus.key && (focus.choice === undefined || candidate.value === focus.choice),
    );
    control?.focus({ preventScroll: true });
    try {
      if (focus.caret !== undefined) (control as HTMLInputElement).setSelectionRange(...(focus.caret as [number, number, 'none']));
    } catch {
      // A control without a caret (a select, a box, a date): focus is all it keeps.
    }
  }
}
