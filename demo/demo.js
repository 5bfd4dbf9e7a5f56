// Wires the demo's forms to the local emulator and shows the leads it stored.
import { emulatorUrl, relayUrl } from './config.js';

const apiUrl = `${emulatorUrl}/functions/v1/keen-api`;
// A form with `relay` posts to the demo's relay, which adds the channel id.
for (const form of document.querySelectorAll('keen-lead-form')) form.setAttribute('endpoint', form.hasAttribute('relay') ? relayUrl : apiUrl);

// The "full" variant is configured the way an SPA would: a typed property.
const full = document.querySelector('keen-lead-form[data-variant="full"]');
if (full) {
  full.config = {
    fields: [
      { name: 'first_name', width: 'half' },
      { name: 'last_name', width: 'half' },
      'email',
      'phone',
      'company_name',
      'business_id',
      'employee',
      'notes',
      { property: 'a1000000-0000-4000-8000-000000000001', type: 'text', label: 'Referral code', help: 'From the partner who sent you, if any.' },
      { property: 'a1000000-0000-4000-8000-000000000002', type: 'number', label: 'Team size', min: 1, max: 100000 },
      { property: 'a1000000-0000-4000-8000-000000000003', type: 'select', label: 'Industry', options: ['Software', 'Retail', 'Manufacturing', 'Other'] },
      { property: 'a1000000-0000-4000-8000-000000000004', type: 'checkbox', label: 'Send me the partner newsletter' },
      { property: 'a1000000-0000-4000-8000-000000000005', type: 'textarea', label: 'Project details' },
    ],
  };
  full.required = ['email', 'phone'];
}

const list = document.getElementById('leads');
const empty = document.getElementById('leads-empty');
let shown = '';

function describe(lead) {
  const name = [lead.first_name, lead.last_name].filter(Boolean).join(' ') || '(no name)';
  const details = [lead.email, lead.phone, lead.company_name].filter(Boolean).join(' · ');
  const properties = (lead.properties ?? []).map((p) => `${p.property_definitions_id.slice(0, 8)}…=${p.value}`).join(', ');
  return { name, details, extra: [lead.status, lead.source, properties].filter(Boolean).join(' · ') };
}

async function refresh() {
  try {
    const response = await fetch(`${emulatorUrl}/__emulator/leads`);
    const { leads } = await response.json();
    const key = leads.map((entry) => entry.lead.id).join();
    if (key === shown) return;
    shown = key;
    list.replaceChildren(
      ...leads.map(({ lead }) => {
        const { name, details, extra } = describe(lead);
        const item = document.createElement('li');
        const strong = document.createElement('strong');
        strong.textContent = name;
        const line = document.createElement('div');
        line.textContent = details;
        const small = document.createElement('small');
        small.textContent = extra;
        item.append(strong, line, small);
        return item;
      }),
    );
    empty.hidden = leads.length > 0;
  } catch {
    empty.textContent = 'The emulator is not reachable. Is `npm start` still running?';
  }
}

document.getElementById('reset-leads').addEventListener('click', async () => {
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  await refresh();
});

await refresh();
setInterval(refresh, 1000);
