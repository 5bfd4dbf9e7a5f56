// Vercel (Node or Edge runtime), e.g. app/api/keen-lead/route.js in Next.js,
// or api/keen-lead.js with Web-standard handlers.
import { createRelay } from 'keen-lead-form/relay';

const relay = createRelay({
  channelId: process.env.KEEN_CHANNEL_ID,
  allowedOrigins: ['https://www.example.com'],
  ...(process.env.KEEN_API_KEY ? { mode: 'create_lead', apiKey: process.env.KEEN_API_KEY } : {}),
  // Vercel's edge sets X-Real-IP to the visitor's address (a visitor cannot).
  trustProxyHeader: 'x-real-ip',
});

// The preflight (OPTIONS) must reach the relay too.
export const POST = (request) => relay(request);
export const OPTIONS = (request) => relay(request);
