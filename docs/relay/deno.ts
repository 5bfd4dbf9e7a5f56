// Deno: deno run --allow-net --allow-env deno.ts
import { createRelay } from 'npm:keen-lead-form/relay';

const relay = createRelay({
  channelId: Deno.env.get('KEEN_CHANNEL_ID') ?? '',
  allowedOrigins: ['https://www.example.com'],
  ...(Deno.env.get('KEEN_API_KEY') ? { mode: 'create_lead', apiKey: Deno.env.get('KEEN_API_KEY') } : {}),
});

Deno.serve({ port: 8788 }, (request, info) => relay(request, { clientAddress: info.remoteAddr.hostname }));
