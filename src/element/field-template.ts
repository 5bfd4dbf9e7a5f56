import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { isChoiceGroup, type FieldDefinition } from '../schema/fields.js';
import { readChoices } from '../schema/validate-lead-form.js';
import type { FormBlock } from '../forms/form-layout.js';

/** Everything needed to draw one field; the element computes it. */
export interface FieldView {
  readonly field: FieldDefinition;
  /** Unique within the shadow root; help and error ids derive from it. */
  readonly id: string;
  readonly label: string;
  readonly value: string | boolean;
  /** The message to show, or `undefined` when the field is fine. */
  readonly error: string | undefined;
  readonly chooseLabel: string;
}

function describedBy({ field, id, error }: FieldView): string | typeof nothing {
  const ids = [field.help === undefined ? '' : `${id}-help`, error === undefined ? '' : `${id}-error`].filter(Boolean);
  return ids.length === 0 ? nothing : ids.join(' ');
}

/**
 * A radio or checkbox group: a `<fieldset>` named by its `<legend>`, one
 * labelled control per option. Radios share a `name`, so the browser gives
 * them their native arrow-key behaviour. The help and error are tied to the
 * group (`aria-describedby`) and every control carries `aria-invalid`, so
 * "focus the first invalid control" lands in the group.
 */
function choiceGroupTemplate(view: FieldView, marker: TemplateResult | typeof nothing): TemplateResult {
  const { field, id, label, value, error } = view;
  const invalid = error === undefined ? 'false' : 'true';
  const isRadio = field.control === 'radio';
  const chosen = isRadio ? [String(value)] : (readChoices(value === '' ? '[]' : value) ?? []);
  return html`<fieldset part="field fieldset" class="field ${field.width} group" aria-describedby=${describedBy(view)}>
    <legend part="label legend">${label}${marker}</legend>
    ${(field.options ?? []).map(
      (option, index) => html`<div class="checkbox-row">
        <input
          id="${id}-${index}"
          part="input"
          type=${isRadio ? 'radio' : 'checkbox'}
          name=${field.id}
          value=${option.value}
          data-field-id=${field.id}
          data-choice=${isRadio ? nothing : option.value}
          ?required=${isRadio && field.required}
          aria-invalid=${invalid}
          .checked=${live(chosen.includes(option.value))}
        /><label for="${id}-${index}">${option.label}</label>
      </div>`,
    )}
    ${helpAndError(view)}
  </fieldset>`;
}

function helpAndError({ field, id, error }: FieldView): TemplateResult {
  return html`${field.help === undefined ? nothing : html`<p part="help" class="help" id="${id}-help">${field.help}</p>`}
    <p part="error" class="error" id="${id}-error">${error ?? ''}</p>`;
}

/** A static heading or paragraph between fields. */
export function blockTemplate(block: FormBlock): TemplateResult {
  return block.kind === 'heading' ? html`<h4 part="block" class="block heading">${block.text}</h4>` : html`<p part="block" class="block">${block.text}</p>`;
}

function controlTemplate(view: FieldView): TemplateResult {
  const { field, id, value, error } = view;
  const invalid = error === undefined ? 'false' : 'true';
  switch (field.control) {
    case 'textarea':
      return html`<textarea
        id=${id}
        part="input"
        name=${field.id}
        data-field-id=${field.id}
        autocomplete=${field.autocomplete}
        minlength=${field.minLength ?? nothing}
        maxlength=${field.maxLength ?? nothing}
        placeholder=${field.placeholder ?? nothing}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy(view)}
        .value=${live(String(value))}
      ></textarea>`;
    case 'select':
      return html`<select
        id=${id}
        part="input"
        name=${field.id}
        data-field-id=${field.id}
        autocomplete=${field.autocomplete}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy(view)}
        .value=${live(String(value))}
      >
        <option value="" ?selected=${value === ''}>${view.chooseLabel}</option>
        ${(field.options ?? []).map(
          (option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`,
        )}
      </select>`;
    case 'checkbox':
      return html`<input
        id=${id}
        part="input"
        name=${field.id}
        data-field-id=${field.id}
        type="checkbox"
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy(view)}
        .checked=${live(value === true)}
      />`;
    default:
      return html`<input
        id=${id}
        part="input"
        name=${field.id}
        data-field-id=${field.id}
        type=${
          // A number is typed as text with a decimal keyboard: type="number"
          // rejects "3,5", silently drops bad input and changes with the wheel.
          // An email too (inputmode="email" keeps its keyboard): type="email"
          // turns "anna@exämple.dk" into punycode and flags "æøå@firma.dk".
          // A date is the native picker; its value is always YYYY-MM-DD.
          field.control === 'number' || field.control === 'email' ? 'text' : field.control
        }
        min=${field.earliest ?? nothing}
        max=${field.latest ?? nothing}
        inputmode=${field.inputMode ?? nothing}
        autocomplete=${field.autocomplete}
        minlength=${field.minLength ?? nothing}
        maxlength=${field.maxLength ?? nothing}
        placeholder=${field.placeholder ?? nothing}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy(view)}
        .value=${live(String(value))}
      />`;
  }
}

/** One field: label, control, help and error, linked for assistive technology. */
export function fieldTemplate(view: FieldView): TemplateResult {
  const { field, id, label } = view;
  const marker = field.required ? html`<span class="required-marker" aria-hidden="true">*</span>` : nothing;
  if (isChoiceGroup(field.control)) return choiceGroupTemplate(view, marker);
  const labelTemplate = html`<label part="label" for=${id}>${label}${marker}</label>`;
  const isCheckbox = field.control === 'checkbox';
  return html`<div part="field" class="field ${field.width}${isCheckbox ? ' checkbox' : ''}">
    ${isCheckbox ? html`<div class="checkbox-row">${controlTemplate(view)}${labelTemplate}</div>` : html`${labelTemplate}${controlTemplate(view)}`}
    ${helpAndError(view)}
  </div>`;
}
