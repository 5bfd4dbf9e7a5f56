// Cloudflare Worker (workerd). src/index.js is just this line:
export { default } from 'keen-lead-form/relay/worker';

// wrangler.toml:
//   name = "keen-relay"
//   main = "src/index.js"
//   compatibility_date = "2025-12-01"
//   [vars]
//   KEEN_CHANNEL_ID = "your-channel-id"
//   RELAY_ALLOWED_ORIGINS = "https://www.example.com"
//   # RELAY_RATE_LIMIT_MAX = "10"            leads per address (IPv6: per /64) per window
//   # RELAY_RATE_LIMIT_WINDOW_SECONDS = "600"
//
// For create_lead mode (webhook + in-app notification per lead):
//   npx wrangler secret put KEEN_API_KEY
//
// The visitor's address is CF-Connecting-IP, set by Cloudflare. The rate
// limit is kept per isolate (memory); for one strict limit across the edge,
// write your own: createRelayWorker((env) => ({ ...relayOptionsFromEnv(env),
// rateLimit: { store: yourDurableObjectOrKvStore } })).
