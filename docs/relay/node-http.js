// Node (≥ 20), no framework: node node-http.js
// Settings from the environment: KEEN_CHANNEL_ID, RELAY_ALLOWED_ORIGINS
// (comma-separated), optional KEEN_API_KEY (create_lead mode), KEEN_ENDPOINT, PORT,
// KEEN_RELAY_CHALLENGE_KEY (the proof-of-work key; needed when several instances run).
import { createServer } from 'node:http';
import { createRelay, toNodeHandler } from 'keen-lead-form/relay';

const env = process.env;
const relay = createRelay({
  channelId: env.KEEN_CHANNEL_ID,
  allowedOrigins: (env.RELAY_ALLOWED_ORIGINS ?? '').split(','),
  ...(env.KEEN_API_KEY ? { mode: 'create_lead', apiKey: env.KEEN_API_KEY } : {}),
  ...(env.KEEN_ENDPOINT ? { endpoint: env.KEEN_ENDPOINT } : {}),
  ...(env.KEEN_RELAY_CHALLENGE_KEY ? { challenge: { hmacKey: env.KEEN_RELAY_CHALLENGE_KEY } } : {}),
  // Behind nginx/a load balancer that sets it: trustProxyHeader: 'x-forwarded-for',
});

const server = createServer(toNodeHandler(relay)).listen(Number(env.PORT ?? 8788), '127.0.0.1', () => {
  console.log(`relay on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => server.close());
