import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Where the figures read at each scrape come from. */
export interface MetricSources {
  /** Requests waiting in the inbox, and the oldest one's age in seconds. */
  inbox?: () => Promise<{ depth: number; oldestSeconds: number }>;
  /** Reminders due and not sent, and how late the oldest is in seconds. */
  reminders?: () => Promise<{ due: number; lagSeconds: number }>;
  /** Workspaces whose platform refuses the bot's token now, by platform. */
  paused?: () => Promise<Record<string, number>>;
  /** The database pool: connections open, idle, and requests waiting for one. */
  pool?: () => { total: number; idle: number; waiting: number } | undefined;
}

/** What the core reports as it works; `Metrics` implements it, tests may pass nothing. */
export interface Observer {
  /** A person's event handled by the core, in seconds. */
  turn(platform: string, kind: string, seconds: number): void;
  /** An HTTP request answered (acknowledged), in seconds, by who served it. */
  request(route: string, status: number, seconds: number): void;
  /** A message the dispatcher tried to send, and what the platform said. */
  send(platform: string, outcome: 'sent' | 'rate_limited' | 'transient' | 'permanent'): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * How often Node's event-loop delay is sampled (prom-client's `eventLoopMonitoringPrecision`).
 * Its `mentoria_nodejs_eventloop_lag_*` figures are the intervals between two samples, so an idle
 * loop reads this much (0.010 s) and a loop held for 25 ms reads up to 35 ms: the delay is the
 * figure minus this (Node's `monitorEventLoopDelay` records the interval, nodejs/node#25378).
 */
const EVENT_LOOP_RESOLUTION_MS = 10;

/**
 * The server's figures in Prometheus' text format (`GET /metrics`): latencies, the inbox and the
 * reminder queue, sends by outcome, the database pool, and Node's own (event-loop lag, memory).
 * One registry per server (not prom-client's global one), so tests can build several.
 */
export class Metrics implements Observer {
  readonly registry = new Registry();
  private readonly turns: Histogram<'platform' | 'kind'>;
  private readonly requests: Histogram<'route' | 'status'>;
  private readonly sends: Counter<'platform' | 'outcome'>;

  constructor(sources: MetricSources = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'mentoria_',
      eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS,
    });
    this.turns = new Histogram({
      name: 'mentoria_turn_seconds',
      help: 'Time the core took to handle a person’s event, by platform and kind.',
      labelNames: ['platform', 'kind'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.requests = new Histogram({
      name: 'mentoria_http_request_seconds',
      help: 'Time to answer (acknowledge) an HTTP request, by who served it and status.',
      labelNames: ['route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.sends = new Counter({
      name: 'mentoria_sends_total',
      help: 'Messages the dispatcher tried to send, by platform and outcome.',
      labelNames: ['platform', 'outcome'],
      registers,
    });
    const { inbox, reminders, paused, pool } = sources;
    // A source that fails (the database down) leaves its figures as they were; the scrape goes on.
    const quietly = async <T>(read: () => Promise<T>): Promise<T | undefined> =>
      read().catch(() => undefined);
    // A scrape collects every metric at once: the gauges of a pair share one read of their source.
    const shared = <T>(read: () => Promise<T>) => {
      let pending: Promise<T | undefined> | undefined;
      return () => {
        pending ??= quietly(read).finally(() => {
          pending = undefined;
        });
        return pending;
      };
    };
    const gauge = <T>(
      name: string,
      help: string,
      read: () => Promise<T | undefined>,
      value: (s: T) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const s = await read();
          if (s !== undefined) this.set(value(s));
        },
      });
    if (inbox) {
      const read = shared(inbox);
      gauge('mentoria_inbox_depth', 'Requests waiting in the inbox.', read, (s) => s.depth);
      gauge(
        'mentoria_inbox_oldest_seconds',
        'Age of the oldest request in the inbox.',
        read,
        (s) => s.oldestSeconds,
      );
    }
    if (reminders) {
      const read = shared(reminders);
      gauge('mentoria_reminders_due', 'Reminders due and not sent yet.', read, (s) => s.due);
      gauge(
        'mentoria_reminders_lag_seconds',
        'How late the oldest unsent due reminder is.',
        read,
        (s) => s.lagSeconds,
      );
    }
    if (paused) {
      new Gauge({
        name: 'mentoria_workspaces_paused',
        help: 'Workspaces whose platform refuses the bot’s token: nobody there is written to until it is fixed.',
        labelNames: ['platform'],
        registers,
        async collect() {
          const counts = await quietly(paused);
          if (!counts) return;
          // Every platform has its sample, 0 included, so an alert can compare against it.
          for (const platform of new Set(['slack', 'teams', ...Object.keys(counts)]))
            this.set({ platform }, counts[platform] ?? 0);
        },
      });
    }
    if (pool) {
      new Gauge({
        name: 'mentoria_db_pool_connections',
        help: 'Database pool connections, by state (total, idle, waiting requests).',
        labelNames: ['state'],
        registers,
        collect() {
          const p = pool();
          if (!p) return;
          this.set({ state: 'total' }, p.total);
          this.set({ state: 'idle' }, p.idle);
          this.set({ state: 'waiting' }, p.waiting);
        },
      });
    }
  }

  turn(platform: string, kind: string, seconds: number): void {
    this.turns.observe({ platform, kind }, seconds);
  }

  request(route: string, status: number, seconds: number): void {
    this.requests.observe({ route, status: String(status) }, seconds);
  }

  send(platform: string, outcome: 'sent' | 'rate_limited' | 'transient' | 'permanent'): void {
    this.sends.inc({ platform, outcome });
  }

  /** The text a scrape gets; a source that fails leaves its figures as they were. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
