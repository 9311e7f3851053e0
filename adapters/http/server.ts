import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { isLoopback } from '../../src/config.ts';
import type { Observer } from '../../src/metrics.ts';
import { type PlatformRoute, routeFor } from '../../src/platforms.ts';
import { type Limit, RateLimiter } from '../../src/scheduler/rate-limiter.ts';

/** A running platform's HTTP side: the paths it declares and what answers them. */
export interface PlatformListener {
  /** The platform's name, for the request metrics. */
  name?: string;
  routes: readonly PlatformRoute[];
  listener: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface HttpRoutes {
  /** Each platform's endpoints (Slack's /slack/*, Teams' /api/messages), as its module declares them. */
  platforms?: readonly PlatformListener[] | undefined;
  /** Signed report downloads (GET /files/<token>). */
  files?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** A card's image, short-lived and for nobody in particular (GET /images/<token>). */
  images?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** The public page that checks a diploma's number (GET /verify/<number>). */
  verify?: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  /** True when the database answers (alive). */
  health: () => Promise<boolean>;
  /**
   * True when this replica can serve: the database answers and has every migration this build
   * carries. The platforms' own state is not part of it (a Slack outage must not pull every
   * replica out of the load balancer). Unset: the same as `health`.
   */
  ready?: (() => Promise<boolean>) | undefined;
  /** The server's figures (GET /metrics, Prometheus' text format). */
  metrics?: { text(): Promise<string>; contentType: string } | undefined;
}

export interface HttpOptions {
  /**
   * How many proxies in front of this server append to X-Forwarded-For (0: none, the client is
   * the socket's address). With 1, the client is the address the proxy appended.
   */
  proxyHops?: number;
  /** Milliseconds, monotonic (tests). */
  now?: () => number;
  /**
   * The bearer token /metrics asks for. Unset: /metrics answers clients on this machine only
   * (and not through a proxy that forwards others).
   */
  metricsToken?: string | undefined;
  /** Told how long each request took to answer, by who served it. */
  observer?: Pick<Observer, 'request'> | undefined;
}

/** Whether a request may read /metrics: the token, or (without one) a client on this machine. */
function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = createHash('sha256').update(given).digest();
    const b = createHash('sha256').update(token).digest();
    return given.length > 0 && timingSafeEqual(a, b);
  }
  return isLoopback(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/**
 * The public pages a browser opens, limited per client address: download links (a waiting page
 * refreshes every 3 s, so 30 at once and one a second), and a platform's own pages (Slack's install
 * pages) as its routes declare. Platforms' endpoints are verified by signature and token instead.
 */
const PUBLIC_LIMITS: { prefix: string; group: string; rate: number; burst: number }[] = [
  { prefix: '/files/', group: 'files', rate: 1, burst: 30 },
  // Teams' image proxy fetches a card's image once per view, from a few addresses.
  { prefix: '/images/', group: 'images', rate: 5, burst: 60 },
  // Someone checking a diploma types one number; a script trying numbers gets one a second.
  { prefix: '/verify/', group: 'verify', rate: 1, burst: 20 },
];

/** The address of the client that sent a request, through `hops` trusted proxies. */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? socket;
}

/**
 * One HTTP server for every platform (each at the paths its module declares), the download and
 * verification pages, and /healthz for load balancers (200 when the database answers, 503 otherwise).
 */
export function createHttpServer(routes: HttpRoutes, options: HttpOptions = {}): Server {
  const limiter = new RateLimiter(options.now);
  let pruned = options.now?.() ?? performance.now();
  const platforms = routes.platforms ?? [];
  /** Who serves a path, as a bounded label: a platform's name, or one of the server's own pages. */
  const routeName = (path: string): string => {
    const platform = platforms.find((p) => routeFor(p.routes, path));
    if (platform) return platform.name ?? 'platform';
    const own = ['/files/', '/images/', '/verify/'].find((prefix) => path.startsWith(prefix));
    if (own) return own.slice(1, -1);
    return ['/healthz', '/readyz', '/metrics'].includes(path) ? path.slice(1) : 'other';
  };
  const publicLimits = [
    ...PUBLIC_LIMITS,
    ...platforms.flatMap((p) =>
      p.routes.flatMap((r) => (r.publicLimit ? [{ prefix: r.path, ...r.publicLimit }] : [])),
    ),
  ];
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.observer) {
      const started = performance.now();
      const observer = options.observer;
      res.once('finish', () =>
        observer.request(routeName(path), res.statusCode, (performance.now() - started) / 1000),
      );
    }
    const limit = publicLimits.find((l) => path.startsWith(l.prefix));
    if (limit) {
      const client = clientAddress(req, options.proxyHops ?? 0);
      const key: Limit = { key: `${limit.group}:${client}`, rate: limit.rate, burst: limit.burst };
      const at = options.now?.() ?? performance.now();
      if (at - pruned > 60_000) {
        limiter.prune(120_000);
        pruned = at;
      }
      const wait = limiter.reserve([key]);
      if (wait > 0) {
        req.resume();
        res
          .writeHead(429, {
            'content-type': 'text/plain; charset=utf-8',
            'retry-after': String(Math.ceil(wait / 1000)),
            'cache-control': 'no-store',
          })
          .end('Demasiadas solicitudes: espera un momento. / Too many requests: wait a moment.');
        return;
      }
    }
    if ((path === '/healthz' || path === '/readyz') && (req.method === 'GET' || req.method === 'HEAD')) {
      const check = path === '/readyz' ? (routes.ready ?? routes.health) : routes.health;
      check()
        .catch(() => false)
        .then((ok) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok }));
        });
      return;
    }
    if (path === '/metrics' && routes.metrics && (req.method === 'GET' || req.method === 'HEAD')) {
      const metrics = routes.metrics;
      req.resume();
      if (!mayReadMetrics(req, options.metricsToken)) {
        res.writeHead(options.metricsToken ? 401 : 403, { 'content-type': 'text/plain' }).end('forbidden');
        return;
      }
      metrics
        .text()
        .then((text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text))
        .catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
        });
      return;
    }
    const platform = platforms.find((p) => routeFor(p.routes, path));
    if (platform) {
      Promise.resolve()
        .then(() => platform.listener(req, res))
        .catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
        });
      return;
    }
    if (routes.files && path.startsWith('/files/')) {
      routes.files(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (routes.images && path.startsWith('/images/')) {
      routes.images(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (routes.verify && path.startsWith('/verify/')) {
      routes.verify(req, res).catch(() => {
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
