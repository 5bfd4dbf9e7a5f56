// @ts-check

/*
 * `keen-autofill`: Chromium's own address autofill, driven through the
 * DevTools protocol (`Autofill.trigger`), on the control named `fieldName`
 * (found through open shadow roots). Chromium then fills the whole form the
 * way it would for a visitor who picks a saved address: by its heuristics
 * and autocomplete tokens. Returns the names of the controls it gave a value,
 * from its `Autofill.addressFormFilled` report. Chromium (Playwright) only: other
 * engines expose no autofill to automation.
 */

/**
 * @typedef {{ nodeName?: string, attributes?: string[], backendNodeId: number, children?: DomNode[], shadowRoots?: DomNode[] }} DomNode
 * @typedef {{ fieldName: string, address: Record<string, string> }} AutofillPayload
 */

/**
 * @param {DomNode} node
 * @param {(node: DomNode) => boolean} matches
 * @returns {DomNode | undefined}
 */
function findNode(node, matches) {
  if (matches(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, matches);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * @param {unknown} payload
 * @returns {payload is AutofillPayload}
 */
function isAutofillPayload(payload) {
  if (typeof payload !== 'object' || payload === null) return false;
  const { fieldName, address } = /** @type {{ fieldName?: unknown, address?: unknown }} */ (payload);
  return typeof fieldName === 'string' && typeof address === 'object' && address !== null;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin<unknown>} */
export function autofillPlugin() {
  return {
    name: 'keen-autofill',
    async executeCommand({ command, payload, session }) {
      if (command !== 'keen-autofill') return undefined;
      if (session.browser.type !== 'playwright') throw new Error('keen-autofill drives Chromium through Playwright only');
      if (!isAutofillPayload(payload)) throw new Error('keen-autofill needs { fieldName, address }');
      const page = /** @type {import('@web/test-runner-playwright').PlaywrightLauncher} */ (session.browser).getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('DOM.enable');
        await cdp.send('Autofill.enable');
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        const attributeIs = (/** @type {DomNode} */ node, /** @type {string} */ name, /** @type {string} */ value) => {
          const attributes = node.attributes ?? [];
          for (let index = 0; index < attributes.length; index += 2) if (attributes[index] === name && attributes[index + 1] === value) return true;
          return false;
        };
        const field = findNode(/** @type {DomNode} */ (root), (node) => node.nodeName === 'INPUT' && attributeIs(node, 'name', payload.fieldName));
        if (field === undefined) throw new Error(`keen-autofill: no input named "${payload.fieldName}"`);
        /** @type {Promise<{ filledFields: { name: string, value: string }[] }>} */
        const filled = new Promise((resolve) => cdp.once('Autofill.addressFormFilled', resolve));
        await cdp.send('Autofill.trigger', {
          fieldId: field.backendNodeId,
          address: { fields: Object.entries(payload.address).map(([name, value]) => ({ name, value })) },
        });
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let timer;
        const timedOut = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('keen-autofill: Chromium reported no filled form within 10 s')), 10_000);
        });
        const report = /** @type {{ filledFields: { name: string, value: string }[] }} */ (
          await Promise.race([filled, timedOut]).finally(() => clearTimeout(timer))
        );
        // The report lists every control of the form; those it left alone have an empty value.
        return { filled: report.filledFields.filter((filledField) => filledField.value !== '').map((filledField) => filledField.name) };
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },
  };
}
