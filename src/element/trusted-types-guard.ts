/*
 * Lit renders through a Trusted Types policy named "lit-html", created the
 * moment lit loads; it is the only policy this widget needs. A page whose
 * Content-Security-Policy lists other policies only (`trusted-types 'none'`,
 * or a list without lit-html, or without 'allow-duplicates' when the page
 * runs its own Lit too) makes that call throw while the module loads: the
 * site owner sees an empty space and a cryptic error. So this module, loaded
 * before lit, watches policy creation for that one name, turns the throw into
 * a flag, and define.ts then says in one console error what to add.
 * The watch lasts only while the modules load (define.ts ends it).
 */

export const LIT_POLICY_NAME = 'lit-html';

interface PolicyFactory {
  createPolicy(name: string, rules: object): unknown;
}

const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
let refused = false;

if (factory !== undefined) {
  const createPolicy = factory.createPolicy;
  // An own property over the prototype's method; removed again by litPolicyRefused().
  factory.createPolicy = function (this: PolicyFactory, name: string, rules: object): unknown {
    try {
      return createPolicy.call(this, name, rules);
    } catch (error) {
      if (name !== LIT_POLICY_NAME) throw error;
      refused = true;
      return undefined;
    }
  };
}

/** Ends the watch and tells whether the page refused Lit's policy. Call once lit has loaded. */
export function litPolicyRefused(): boolean {
  if (factory !== undefined && Object.hasOwn(factory, 'createPolicy')) delete (factory as Partial<PolicyFactory>).createPolicy;
  return refused;
}

export const TRUSTED_TYPES_ADVICE =
  `<keen-lead-form> cannot render: this page's Content-Security-Policy does not allow the Trusted Types policy "${LIT_POLICY_NAME}", ` +
  `which the form's template library (Lit) creates. Add ${LIT_POLICY_NAME} to the trusted-types directive, e.g. ` +
  `"trusted-types ${LIT_POLICY_NAME} <your own policies>", and 'allow-duplicates' if the page also loads Lit itself. The form is not shown.`;
