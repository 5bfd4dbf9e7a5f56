// React 19 typings for <keen-lead-form>: `import type {} from 'keen-lead-form/react';`
// React 19 sets known properties and listens to `on<event-name>` props on custom elements.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { KeenLeadForm, KeenLeadFormAttributes, KeenLeadFormEvents } from 'keen-lead-form';

type KeenLeadFormEventProps = {
  [K in keyof KeenLeadFormEvents as `on${K}`]?: (event: KeenLeadFormEvents[K]) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'keen-lead-form': DetailedHTMLProps<HTMLAttributes<KeenLeadForm>, KeenLeadForm> &
        KeenLeadFormAttributes &
        KeenLeadFormEventProps & { class?: string };
    }
  }
}
