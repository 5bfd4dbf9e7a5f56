// First: define.js must load before lit does (its Trusted Types guard).
export { KeenLeadForm } from './define.js';
export { captureAttribution, clearAttribution } from './attribution/page-attribution.js';
import { capturePageWithoutForm } from './attribution/page-attribution.js';

/*
 * The CDN file: registers `<keen-lead-form>` and, on pages without a form,
 * records where the visitor came from, so a site includes one script on every
 * page and a lead sent three pages later is still attributed. The npm
 * package's `keen-lead-form/define` only registers: SPAs call
 * `captureAttribution()` on route changes themselves.
 */
capturePageWithoutForm();
