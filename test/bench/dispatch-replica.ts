import { OffsetClock } from '../../src/clock.ts';
import { ChatDeliveryError, type ChatPort } from '../../src/flows/ports.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { openPostgres } from '../../src/store/db.ts';
import { LIMITS } from './limits.ts';

/**
 * One replica of `nudge_dispatch_replicas` (`node --import tsx test/bench/dispatch-replica.ts
 * DATABASE_URL STAND_IN_URL WORKER NOW`): a dispatcher with the server's settings, sending to the
 * stand-in platform over HTTP, its clock starting at NOW and moving with real time. SIGTERM stops
 * it as the server stops its dispatcher. It starts sending when the benchmark says `go` (over IPC).
 */
const [databaseUrl, standIn, worker, now] = process.argv.slice(2) as [string, string, string, string];
const clock = new OffsetClock();
clock.advance(new Date(now).getTime() - Date.now());

const chat: ChatPort = {
  async send(to, message) {
    const text = message.blocks[0]?.type === 'text' ? message.blocks[0].text : message.summary;
    const { tenantId, id, platform } = to.identity;
    const response = await fetch(standIn, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, id, platform, text }),
    });
    await response.arrayBuffer();
    if (response.status === 429)
      throw new ChatDeliveryError(
        'rate_limited',
        'ratelimited',
        Number(response.headers.get('retry-after')) * 1000,
      );
    if (!response.ok) throw new ChatDeliveryError('transient', `http_${response.status}`);
    return `${tenantId}:${id}`;
  },
  async update() {},
};

const database = openPostgres(databaseUrl);
const dispatcher = new Dispatcher({
  db: database.db,
  clock,
  chat,
  worker,
  limits: LIMITS,
  onError: (error, context) => console.error(worker, context, error),
});
// Ready (modules loaded, pool open); sending starts when the benchmark says go, for all at once.
await database.db.selectFrom('tenants').select('id').limit(1).execute();
process.on('message', (message) => {
  if (message === 'go') dispatcher.start(100);
});
process.send?.('ready');
process.on('SIGTERM', () => {
  void dispatcher
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
