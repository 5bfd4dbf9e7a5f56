// Bun: bun run bun.js
import { createRelay } from 'keen-lead-form/relay';

const relay = createRelay({
  channelId: Bun.env.KEEN_CHANNEL_ID,
  allowedOrigins: ['https://www.example.com'],
});

Bun.serve({
  port: 8788,
  fetch: (request, server) => relay(request, { clientAddress: server.requestIP(request)?.address }),
});
