import { KeenLeadForm } from './element/keen-lead-form.js';

/**
 * The one module with a side effect: registers `<keen-lead-form>`. Loading it
 * twice (a CDN file and an npm copy, or a hot reload) is harmless: the first
 * definition wins instead of throwing.
 */
if (!customElements.get('keen-lead-form')) {
  customElements.define('keen-lead-form', KeenLeadForm);
}

export { KeenLeadForm };

declare global {
  interface HTMLElementTagNameMap {
    'keen-lead-form': KeenLeadForm;
  }
}
