// Preact typings for <keen-lead-form>: `import type {} from 'keen-lead-form/preact';`
import type { JSX as PreactJSX } from 'preact';
import type { KeenLeadForm, KeenLeadFormAttributes, KeenLeadFormEvents } from 'keen-lead-form';

type KeenLeadFormEventProps = {
  [K in keyof KeenLeadFormEvents as `on${K}`]?: (event: KeenLeadFormEvents[K]) => void;
};

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'keen-lead-form': PreactJSX.HTMLAttributes<KeenLeadForm> & KeenLeadFormAttributes & KeenLeadFormEventProps;
    }
  }
}
