// First: it must be in place before lit loads and creates its Trusted Types policy.
import { litPolicyRefused, TRUSTED_TYPES_ADVICE } from './element/trusted-types-guard.js';
import { KeenLeadForm } from './element/keen-lead-form.js';

/*
 * The one module with a side effect: registers `<keen-lead-form>`. Loading it
 * twice (a CDN file and an npm copy, or a hot reload) is harmless: the first
 * definition wins instead of throwing. A page whose Trusted Types policy
 * forbids Lit's gets one console error that says what to add, and no element
 * that would throw on every render.
 */
if (litPolicyRefused()) {
  console.error(TRUSTED_TYPES_ADVICE);
} else if (!customElements.get('keen-lead-form')) {
  customElements.define('keen-lead-form', KeenLeadForm);
}

export { KeenLeadForm };

declare global {
  interface HTMLElementTagNameMap {
    'keen-lead-form': KeenLeadForm;
  }
}
