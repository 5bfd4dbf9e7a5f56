import { validateFields, type FormValues, type LeadFormSchema } from '../schema/validate-lead-form.js';
import { shownLayout, type FormLayout } from './form-layout.js';

/*
 * Where a multi-step form opens when it takes over what the visitor did in
 * its HTML-first copy, which shows every step on one page: the step of the
 * field they are in (else the furthest step holding something they typed),
 * so they go on where they are, but never past a step that Next would have
 * refused. Then it opens the first such step, at its first field that needs
 * attention, as if they had pressed Next there. Pure values in and out.
 */

export interface ResumePoint {
  /** The step to show (an index into the layout's steps). */
  readonly step: number;
  /** The field to focus: the visitor's own, or the first that needs attention on an earlier step. */
  readonly fieldId: string | undefined;
}

/**
 * @param typed the value keys the visitor changed (field ids; `consent`
 *   and `marketingConsent`, which are drawn on the last step shown)
 * @param focused the value key of the control the visitor is in
 */
export function resumePoint(
  layout: FormLayout,
  schema: LeadFormSchema,
  values: FormValues,
  typed: readonly string[],
  focused: string | undefined,
): ResumePoint {
  const steps = shownLayout(layout, values).steps.map((items) => items?.flatMap((item) => ('field' in item ? [item.field] : [])));
  // The consent boxes (no field of the layout) are drawn on the last step shown; a field its rule hides now is on none (-1).
  const stepOf = (key: string): number =>
    layout.lookup(key) === undefined
      ? steps.reduce((last, fields, index) => (fields === undefined ? last : index), 0)
      : steps.findIndex((fields) => fields?.some((field) => field.id === key));
  const focusedStep = focused === undefined ? -1 : stepOf(focused);
  const target = focusedStep < 0 ? Math.max(0, ...typed.map(stepOf)) : focusedStep;
  for (let index = 0; index < target; index++) {
    const [problem] = validateFields(schema, steps[index] ?? [], values).fieldErrors;
    if (problem !== undefined) return { step: index, fieldId: problem.fieldId };
  }
  return { step: target, fieldId: focusedStep < 0 ? undefined : focused };
}
