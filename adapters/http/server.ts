import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';

export interface HttpRoutes {
  /** Bolt's request listener, for /slack/events, /slack/install and /slack/oauth_redirect. */
  slack?: RequestListener | undefined;
  /** The Teams endpoint (POST /api/messages). */
  teams?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** Signed report downloads (GET /files/<token>). */
  files?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** True when the database answers. */
  health: () => Promise<boolean>;
}

/**
 * One HTTP server for every platform: Slack at /slack/*, Teams at /api/messages, and /healthz
 * for load balancers (200 when the database answers, 503 otherwise).
 */
export function createHttpServer(routes: HttpRoutes): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      routes
        .health()
        .catch(() => false)
        .then((ok) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok }));
        });
      return;
    }
    if (routes.slack && path === '/slack/events' && req.method === 'POST') {
      const slack = routes.slack;
      readSlackBody(req)
        .then((body) => {
          if (body === 'too_large') return void res.writeHead(413).end();
          if (!body)
            return void res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed request');
          // Bolt reads the buffered body from `rawBody` instead of the (consumed) stream.
          Object.assign(req, { rawBody: body });
          slack(req, res);
        })
        .catch(() => {
          if (!res.headersSent) res.writeHead(400).end();
        });
      return;
    }
    if (routes.slack && path.startsWith('/slack/')) {
      routes.slack(req, res);
      return;
    }
    if (routes.files && path.startsWith('/files/')) {
      routes.files(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (routes.teams && path === '/api/messages') {
      routes.teams(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
}

export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Slack's limit for a request body; Bolt's too. */
const SLACK_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The body of a Slack request, checked for shape before Bolt sees it: a form whose `payload` (if
 * any) is a JSON object, or a JSON object. Bolt crashes the process on some malformed bodies
 * (`payload=null`), so those get a 400 here. Undefined when malformed.
 */
async function readSlackBody(req: IncomingMessage): Promise<Buffer | 'too_large' | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > SLACK_BODY_LIMIT) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const text = body.toString('utf8');
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  try {
    if ((req.headers['content-type'] ?? '').includes('application/json'))
      return isObject(JSON.parse(text)) ? body : undefined;
    const payload = new URLSearchParams(text).get('payload');
    return payload === null || isObject(JSON.parse(payload)) ? body : undefined;
  } catch {
    return undefined;
  }
}
