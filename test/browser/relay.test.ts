// The built CDN file in relay mode, on this page (another origin than the
// relays), through the relay running in Node and in workerd: the page holds
// no channel id, the relay adds it, and Keen (the emulator) stores one lead.
import '/dist/cdn/keen-lead-form.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { KeenLeadForm } from '../../src/element/keen-lead-form.js';
import { nextEvent, press, shadow, typeInto, useEmulatorPerFile } from './helpers.js';

const emulator = useEmulatorPerFile();

for (const runtime of ['node', 'workerd'] as const) {
  describe(`<keen-lead-form relay> through the ${runtime} relay`, () => {
    let relay: { url: string; channelId: string };
    before(async function () {
      this.timeout(60_000); // starting workerd takes seconds on a loaded machine
      const started = await executeServerCommand<{ url: string; channelId: string }, object>('relay-start', {
        runtime,
        emulatorUrl: emulator.url,
        origin: location.origin,
      });
      if (started === undefined) throw new Error('the relay plugin did not start a relay');
      relay = started;
    });

    it('stores one lead with the channel id the relay added; the page source holds no channel id', async () => {
      expect(new URL(relay.url).origin).to.not.equal(location.origin);

      const form = document.createElement('keen-lead-form') as KeenLeadForm;
      // Sends at once: these tests are about something else than the minimum time (spam-and-consent.test.ts is).
      form.setAttribute('min-time', '0');
      form.setAttribute('relay', '');
      form.setAttribute('endpoint', relay.url);
      form.setAttribute('fields', 'first_name email');
      document.body.append(form);
      await form.updateComplete;
      expect(shadow(form).querySelector('[role="alert"]')?.textContent?.trim() ?? '').to.equal('');

      await typeInto(form, 'First name', `Relay ${runtime}`);
      await typeInto(form, 'Email', `${runtime}@example.com`);
      const success = nextEvent(form, 'keen-success');
      await press('Enter');
      const { detail } = await success;

      const leads = await emulator.leads();
      expect(leads).to.have.length(1);
      const [stored] = leads;
      expect(stored?.lead.id).to.equal(detail.lead.id);
      expect(stored?.lead['channels_id']).to.equal(relay.channelId);
      expect(stored?.lead['first_name']).to.equal(`Relay ${runtime}`);

      const pageSource = await (await fetch(location.href)).text();
      for (const [where, text] of Object.entries({ pageSource, dom: document.documentElement.outerHTML, shadow: shadow(form).innerHTML })) {
        expect(text.includes(relay.channelId), `${where} holds the channel id`).to.equal(false);
      }
      expect(form.channel ?? '').to.equal('');
    });
  });
}
