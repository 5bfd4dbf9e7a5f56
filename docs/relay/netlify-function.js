// Netlify Functions (v2, netlify/functions/keen-lead.js): Request in, Response out.
import { createRelay } from 'keen-lead-form/relay';

const relay = createRelay({
  channelId: process.env.KEEN_CHANNEL_ID,
  allowedOrigins: ['https://www.example.com'],
  ...(process.env.KEEN_API_KEY ? { mode: 'create_lead', apiKey: process.env.KEEN_API_KEY } : {}),
});

// context.ip is the visitor's address as Netlify saw it. The memory rate
// limit lasts as long as one function instance; pass a shared store for more.
export default (request, context) => relay(request, { clientAddress: context.ip });

export const config = { path: '/keen-lead' };
