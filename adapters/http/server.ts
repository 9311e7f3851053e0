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
