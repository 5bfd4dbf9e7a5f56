/*
 * The relay inside Node: a `node:http` request listener and an Express-style
 * middleware around the Fetch handler. The client address is the socket's
 * (never a header, unless the relay was told to trust one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayHandler } from './create-relay.js';

type NodeListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Express, Connect, Polka and friends: `(req, res, next)`. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The body as a web stream that, when the relay stops reading (over the
 * limit), discards the rest instead of destroying the socket the answer
 * still has to go out on.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.once('error', (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}

/** A body an earlier middleware already read (e.g. `express.json()`), as bytes again. */
function parsedBody(body: unknown): Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  return new TextEncoder().encode(JSON.stringify(body));
}

/** A Fetch `Request` for a Node request. */
export function toFetchRequest(req: IncomingMessage, alreadyRead?: Uint8Array): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL('http://localhost/');
  }
  const method = req.method ?? 'GET';
  if (alreadyRead !== undefined) headers.set('content-length', String(alreadyRead.byteLength));
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = alreadyRead ?? bodyStream(req);
    init.duplex = 'half';
  }
  return new Request(url, init);
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Unread body bytes (a refusal before or during reading) must not be taken for the next request.
  if (!req.readableEnded) headers['connection'] = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

async function serve(relay: RelayHandler, req: IncomingMessage, res: ServerResponse, alreadyRead?: Uint8Array): Promise<void> {
  const response = await relay(toFetchRequest(req, alreadyRead), { clientAddress: req.socket.remoteAddress });
  await writeResponse(req, res, response);
}

/** `http.createServer(toNodeHandler(relay))`: every request to the server goes to the relay. */
export function toNodeHandler(relay: RelayHandler): NodeListener {
  return async (req, res) => {
    try {
      await serve(relay, req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end('{"error":"Relay failure"}');
    }
  };
}

/**
 * `app.use('/keen-lead', toExpressMiddleware(relay))`: the relay answers every
 * request that reaches it; unexpected failures go to `next(error)`. Mount it
 * before body parsers if you can; after `express.json()` it re-encodes the parsed body.
 */
export function toExpressMiddleware(relay: RelayHandler): NodeMiddleware {
  return (req, res, next) => {
    serve(relay, req, res, parsedBody((req as IncomingMessage & { body?: unknown }).body)).catch(next);
  };
}
