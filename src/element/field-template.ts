import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldDefinition } from '../schema/fields.js';

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
          field.control === 'number' || field.control === 'email' ? 'text' : field.control
        }
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
  const { field, id, label, error } = view;
  const marker = field.required ? html`<span class="required-marker" aria-hidden="true">*</span>` : nothing;
  const labelTemplate = html`<label part="label" for=${id}>${label}${marker}</label>`;
  const isCheckbox = field.control === 'checkbox';
  return html`<div part="field" class="field ${field.width}${isCheckbox ? ' checkbox' : ''}">
    ${isCheckbox ? html`<div class="checkbox-row">${controlTemplate(view)}${labelTemplate}</div>` : html`${labelTemplate}${controlTemplate(view)}`}
    ${field.help === undefined ? nothing : html`<p part="help" class="help" id="${id}-help">${field.help}</p>`}
    <p part="error" class="error" id="${id}-error">${error ?? ''}</p>
  </div>`;
}
