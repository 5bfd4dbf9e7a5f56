// Svelte 4/5 typings for <keen-lead-form>: `import type {} from 'keen-lead-form/svelte';`
import type { HTMLAttributes } from 'svelte/elements';
import type { KeenLeadForm, KeenLeadFormAttributes, KeenLeadFormEvents } from 'keen-lead-form';

type KeenLeadFormEventProps = {
  [K in keyof KeenLeadFormEvents as `on${K}` | `on:${K}`]?: (event: KeenLeadFormEvents[K]) => void;
};

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'keen-lead-form': HTMLAttributes<KeenLeadForm> & KeenLeadFormAttributes & KeenLeadFormEventProps;
  }
}
