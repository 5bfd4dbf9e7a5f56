// @ts-check
// `cem analyze` reads the element's JSDoc (@attr, @fires, @slot, @csspart,
// @cssprop) and its static properties; the README's API tables come from it.

/**
 * Lit's internal `state: true` properties and the events the analyzer guesses
 * from `dispatchEvent(new X(...))` calls are not public API: the JSDoc is.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function keepDocumentedApiOnly() {
  return {
    name: 'keep-documented-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class' || !('customElement' in declaration)) continue;
          const privateNames = new Set(
            (declaration.members ?? []).filter((member) => member.privacy === 'private').map((member) => member.name),
          );
          declaration.attributes = (declaration.attributes ?? []).filter(
            (attribute) => !privateNames.has(attribute.fieldName ?? attribute.name),
          );
          declaration.members = (declaration.members ?? []).filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected',
          );
          declaration.events = (declaration.events ?? []).filter(
            (event) => typeof event.name === 'string' && event.name.startsWith('keen-') && event.description,
          );
        }
      }
    },
  };
}

export default {
  globs: ['src/define.ts', 'src/element/keen-lead-form.ts', 'src/element/events.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [keepDocumentedApiOnly()],
};
