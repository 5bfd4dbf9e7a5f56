// Express (4 or 5): the relay as one route of your existing app.
import express from 'express';
import { createClient } from 'redis';
import { createRelay, RedisRateLimitStore, toExpressMiddleware } from 'keen-lead-form/relay';

// Optional: one rate limit shared by every instance of the app, through Redis.
const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
redis.on('error', (error) => console.error('redis:', error.message));
await redis.connect();

const app = express();
app.use(
  '/keen-lead', // <keen-lead-form relay endpoint="https://www.example.com/keen-lead">
  toExpressMiddleware(
    createRelay({
      channelId: process.env.KEEN_CHANNEL_ID,
      allowedOrigins: ['https://www.example.com'],
      rateLimit: { max: 10, windowMs: 10 * 60_000, store: new RedisRateLimitStore(redis) },
      trustProxyHeader: 'x-forwarded-for', // only behind a proxy that appends it; then also app.set('trust proxy', 1)
    }),
  ),
);
app.listen(3000);
