// Vue 3 typings for <keen-lead-form> in templates: `import type {} from 'keen-lead-form/vue';`
// Also tell Vue it is a custom element: compilerOptions.isCustomElement = (tag) => tag === 'keen-lead-form'.
import type { DefineComponent } from 'vue';
import type { KeenLeadFormAttributes, KeenLeadFormEvents } from 'keen-lead-form';

type KeenLeadFormEventProps = {
  [K in keyof KeenLeadFormEvents as `on${Capitalize<K>}`]?: (event: KeenLeadFormEvents[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'keen-lead-form': DefineComponent<KeenLeadFormAttributes & KeenLeadFormEventProps>;
  }
}
