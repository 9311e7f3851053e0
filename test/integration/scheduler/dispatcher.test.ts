import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import { answerSession } from '../../../src/services/session.service.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { claimDue } from '../../../src/store/nudge.store.ts';
import { upsertIdentity } from '../../../src/store/person.store.ts';
import { COHORT_CYCLE, seedCohort, seedDueSessionReminders } from '../../bench/seed.ts';
import { openFreshPostgres, testBackends } from '../../support/databases.ts';
import { eventually } from '../../support/eventually.ts';
import {
  ChatDeliveryError,
  FAST_LIMITS,
  RecordingChat,
  worldWithDueReminders,
} from '../../support/nudges.ts';

const statuses = async (db: OpenDatabase) =>
  Object.fromEntries(
    (
      await db.db
        .selectFrom('nudges')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute()
    ).map((r) => [r.status, Number(r.n)]),
  );

describe.each(testBackends())('dispatcher on $name', (backend) => {
  let db: OpenDatabase;
  afterEach(async () => {
    await db?.close();
  });

  it('sends due reminders once, in each recipient’s language, and records them sent', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 3);
    const chat = new RecordingChat();
    const dispatcher = new Dispatcher({ db: db.db, clock: w.clock, chat, worker: 'w1', limits: FAST_LIMITS });
    const stats = await dispatcher.drain();
    expect(stats).toMatchObject({ claimed: 6, sent: 6, failed: 0 });
    expect(await statuses(db)).toEqual({ sent: 6 });
    // Sofía's world is not involved; Ana reads Spanish: "Recordatorio: tienes una sesión con Luis en 3 h."
    expect(
      chat.delivered.map((d) => d.message.blocks[0]?.type === 'text' && d.message.blocks[0].text),
    ).toContain('Recordatorio: tienes una sesión con Luis en 3 h.');
    expect(await dispatcher.drain()).toMatchObject({ claimed: 0 });
  });

  it('holds reminders for a platform this server does not speak, instead of sending them under another’s limits', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 2);
    // Luis's account is on a platform this server has no module for (only Slack is configured).
    await db.db
      .updateTable('identities')
      .set({ platform: 'webex' })
      .where('tenant_id', '=', w.tenant.id)
      .where('person_id', '=', w.luis.id)
      .execute();
    const chat = new RecordingChat();
    const only = { slack: { perConversation: 10_000, burst: 10_000, perTenant: 10_000 } };
    const stats = await new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w1',
      limits: only,
    }).drain();
    // Ana's (Slack) are sent; Luis's wait, retried later, and nothing reached any chat for him.
    expect(chat.delivered.map((d) => d.identity.externalId)).toEqual(['UANA', 'UANA']);
    expect(stats).toMatchObject({ sent: 2, requeued: 2, failed: 0 });
    expect(await statuses(db)).toEqual({ sent: 2, pending: 2 });
    const waiting = await db.db
      .selectFrom('nudges')
      .select('last_error')
      .where('status', '=', 'pending')
      .execute();
    expect(waiting.map((r) => r.last_error)).toEqual([
      'platform_not_configured:webex',
      'platform_not_configured:webex',
    ]);
  });

  it('stopping: what is being sent finishes, what was claimed and not started is released at once for another replica', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 100);
    const slow = new RecordingChat();
    slow.delayMs = 20;
    const leaving = new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat: slow,
      worker: 'leaving',
      limits: FAST_LIMITS,
      concurrency: 4,
      leaseMs: 3_600_000,
    });
    leaving.start(10);
    await eventually(() => (slow.delivered.length >= 20 ? true : undefined));
    await leaving.stop();
    const held = await db.db.selectFrom('nudges').select('id').where('claimed_by', '=', 'leaving').execute();
    // Nothing is left claimed by the stopped replica (its lease was an hour): all of it is free now.
    expect(held).toEqual([]);
    const left = await statuses(db);
    expect(left.sent).toBe(slow.delivered.length);
    expect(left.pending).toBe(200 - slow.delivered.length);
    // Another replica sends the rest at once; nobody gets a reminder twice.
    const other = new RecordingChat();
    await new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat: other,
      worker: 'staying',
      limits: FAST_LIMITS,
    }).drain();
    expect(await statuses(db)).toEqual({ sent: 200 });
    expect(slow.delivered.length + other.delivered.length).toBe(200);
  });

  it('cancels a reminder whose session was cancelled instead of sending it', async () => {
    db = await backend.open();
    const { w, sessionId } = await worldWithDueReminders(db.db, 2);
    const luis = {
      actor: { tenantId: w.tenant.id, personId: w.luis.id, staffRole: null },
      via: 'chat' as const,
    };
    await answerSession({ db: db.db, clock: w.clock }, luis, sessionId, { event: 'cancel' });
    const chat = new RecordingChat();
    await new Dispatcher({ db: db.db, clock: w.clock, chat, worker: 'w1', limits: FAST_LIMITS }).drain();
    expect(chat.delivered).toEqual([]);
    expect(await statuses(db)).toEqual({ cancelled: 4 });
  });

  it('puts back a row the platform rate-limits, after Retry-After, while the others go on', async () => {
    db = await backend.open();
    const { w, identities } = await worldWithDueReminders(db.db, 5);
    const chat = new RecordingChat();
    const ana = identities[0]?.id;
    // Ana's channel answers 429 (Retry-After 30 s) on its first send only.
    chat.failWith = (identity, attempt) =>
      identity.id === ana && attempt === 1
        ? new ChatDeliveryError('rate_limited', 'ratelimited', 30_000)
        : undefined;
    const monotonic = () => w.clock.now().getTime();
    const dispatcher = new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w1',
      limits: FAST_LIMITS,
      concurrency: 1,
      monotonic,
    });
    const first = await dispatcher.drain();
    // Luis's five went out; Ana's channel waits, her rows are back in the table, nothing stalled.
    expect(first).toMatchObject({ rateLimited: 1, sent: 5, requeued: 5 });
    expect(chat.delivered.every((d) => d.identity.id !== ana)).toBe(true);
    const waiting = await db.db
      .selectFrom('nudges')
      .select(['due_at', 'attempts'])
      .where('status', '=', 'pending')
      .execute();
    expect(waiting).toHaveLength(5);
    for (const row of waiting) {
      expect(row.attempts).toBe(0);
      expect(row.due_at.getTime()).toBeGreaterThanOrEqual(w.clock.now().getTime() + 29_000);
    }
    w.clock.advance(10_000);
    expect((await dispatcher.drain()).claimed).toBe(0);
    w.clock.advance(21_000);
    expect((await dispatcher.drain()).sent).toBe(5);
    expect(await statuses(db)).toEqual({ sent: 10 });
  });

  it('a workspace that refuses the bot’s token: one try, its rows wait untried; the first send through tells its admins once', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 5);
    // Carmen administers the tenant, on Slack too; another tenant's rows are due as well.
    await upsertIdentity(db.db, {
      tenantId: w.tenant.id,
      personId: w.carmen.id,
      platform: 'slack',
      externalId: 'UCARMEN',
      conversationRef: { channel: 'DCARMEN' },
      now: w.clock.now(),
    });
    const other = await worldWithDueReminders(db.db, 2, 'other');
    const pausedAt = w.clock.now();
    let revoked = true;
    let refusals = 0;
    const chat = new RecordingChat();
    // What the Slack adapter makes of `{ ok: false, error: 'token_revoked' }`.
    chat.failWith = (identity) => {
      if (identity.tenantId !== w.tenant.id || !revoked) return undefined;
      refusals++;
      return new ChatDeliveryError('rate_limited', 'token_revoked', 15 * 60_000, 'workspace');
    };
    const dispatcher = new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w1',
      limits: FAST_LIMITS,
      concurrency: 1,
      monotonic: () => w.clock.now().getTime(),
    });
    const tenantOf = (id: string) =>
      db.db
        .selectFrom('tenants')
        .select(['paused_since', 'paused_code'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const held = () =>
      db.db
        .selectFrom('nudges')
        .select(['last_error', 'due_at'])
        .where('tenant_id', '=', w.tenant.id)
        .where('status', '=', 'pending')
        .execute();
    await dispatcher.drain();
    // One call met the refusal; the other nine rows went back untried, each saying why.
    expect(refusals).toBe(1);
    const waiting = await held();
    expect(waiting).toHaveLength(10);
    for (const row of waiting) {
      expect(row.last_error).toBe('token_revoked');
      expect(row.due_at.getTime()).toBeGreaterThan(pausedAt.getTime() + 14 * 60_000);
    }
    expect(await tenantOf(w.tenant.id)).toEqual({ paused_since: pausedAt, paused_code: 'token_revoked' });
    // The other tenant's people got theirs, and it is not paused.
    expect(chat.delivered.map((d) => d.identity.tenantId)).toEqual(Array(4).fill(other.w.tenant.id));
    expect(await tenantOf(other.w.tenant.id)).toEqual({ paused_since: null, paused_code: null });
    // A quarter of an hour later, still refused: one more try, and the pause keeps its start.
    w.clock.advance(15 * 60_000 + 1_000);
    await dispatcher.drain();
    expect(refusals).toBe(2);
    expect((await tenantOf(w.tenant.id)).paused_since).toEqual(pausedAt);
    // The token works again (reinstalled, or the variable fixed): everything goes, and Carmen hears once.
    revoked = false;
    w.clock.advance(15 * 60_000 + 1_000);
    const resumedAt = w.clock.now();
    await dispatcher.drain();
    await dispatcher.drain();
    const mine = chat.delivered.filter((d) => d.identity.tenantId === w.tenant.id);
    const toCarmen = mine.filter((d) => d.identity.externalId === 'UCARMEN');
    expect(mine).toHaveLength(11);
    expect(toCarmen).toHaveLength(1);
    const text = toCarmen[0]?.message.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    expect(toCarmen[0]?.message.summary).toBe('Mentoría vuelve a escribir aquí');
    expect(text).toContain('Mentoría vuelve a escribir en este espacio de trabajo de Slack.');
    expect(text).toContain('no pudo: se revocó el permiso de la aplicación.');
    expect(text).toContain('10 recordatorios esperaron y salen ahora.');
    expect(await tenantOf(w.tenant.id)).toEqual({ paused_since: null, paused_code: null });
    expect(await statuses(db)).toEqual({ sent: 15 });
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'at'])
      .where('tenant_id', '=', w.tenant.id)
      .where('action', 'like', 'workspace.%')
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'workspace.paused', at: pausedAt },
      { action: 'workspace.resumed', at: resumedAt },
    ]);
    // Another replica, or this one later, has nothing paused to end: nobody hears it twice.
    await new Dispatcher({ db: db.db, clock: w.clock, chat, worker: 'w2', limits: FAST_LIMITS }).drain();
    expect(chat.delivered.filter((d) => d.identity.externalId === 'UCARMEN')).toHaveLength(1);
  });

  it('leaves a person’s rows to the replica that holds one of them, so that one paces the conversation', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 3);
    const now = w.clock.now();
    const claim = (worker: string, perTenant: number) =>
      claimDue(db.db, { now, leaseMs: 60_000, worker, limit: 100, perTenant });
    // Replica a takes one row (the first due: Ana's or Luis's).
    const [first] = await claim('a', 1);
    expect(first).toBeDefined();
    // Replica b gets only the other person's rows…
    const b = await claim('b', 100);
    expect(b).toHaveLength(3);
    expect(new Set(b.map((r) => r.recipientId))).toEqual(
      new Set([first?.recipientId === w.ana.id ? w.luis.id : w.ana.id]),
    );
    // …while a, which holds that person already, may take the rest of theirs.
    const a = await claim('a', 100);
    expect(a.map((r) => r.recipientId)).toEqual([first?.recipientId, first?.recipientId]);
  });

  it('backs off on transient errors and fails the row after the maximum of attempts, visible to admins', async () => {
    db = await backend.open();
    const { w } = await worldWithDueReminders(db.db, 1);
    const chat = new RecordingChat();
    chat.failWith = () => new ChatDeliveryError('transient', 'http_503');
    const dispatcher = new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w1',
      limits: FAST_LIMITS,
      maxAttempts: 3,
      backoffBaseMs: 1_000,
    });
    await dispatcher.drain();
    const after1 = await db.db.selectFrom('nudges').select(['status', 'attempts', 'due_at']).execute();
    expect(after1.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    const delay = (after1[0]?.due_at.getTime() ?? 0) - w.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(1_000);
    expect(delay).toBeLessThanOrEqual(1_300);
    for (let i = 0; i < 3; i++) {
      w.clock.advance(10_000);
      await dispatcher.drain();
    }
    const failed = await db.db.selectFrom('nudges').select(['status', 'attempts', 'last_error']).execute();
    expect(failed).toEqual([
      { status: 'failed', attempts: 3, last_error: 'http_503' },
      { status: 'failed', attempts: 3, last_error: 'http_503' },
    ]);
    // The tenant's admin sees them in "pendientes".
    const { countFailedNudges } = await import('../../../src/store/nudge.store.ts');
    expect(await countFailedNudges(db.db, w.tenant.id)).toBe(2);
  });

  it('deactivates an identity the platform says is gone, and stops writing to it', async () => {
    db = await backend.open();
    const { w, identities } = await worldWithDueReminders(db.db, 2);
    const chat = new RecordingChat();
    const ana = identities[0]?.id;
    chat.failWith = (identity) =>
      identity.id === ana ? new ChatDeliveryError('permanent', 'account_inactive') : undefined;
    await new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w1',
      limits: FAST_LIMITS,
      concurrency: 1,
    }).drain();
    const identity = await db.db
      .selectFrom('identities')
      .select(['active', 'deactivated_reason'])
      .where('id', '=', ana ?? '')
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({ active: false, deactivated_reason: 'account_inactive' });
    // Ana's first reminder failed for good; the next one found no identity left: it waits for her to write again.
    expect(await statuses(db)).toEqual({ sent: 2, failed: 1, waiting: 1 });
  });
});

// Row locks and leases between processes: only a real server shows them.
// A cohort written in SQL, its sessions confirmed and reminders due, in the execution phase.
const NOW = new Date('2026-03-10T16:00:00Z');

describe.runIf(process.env.TEST_DATABASE_URL)('several dispatchers on postgres', () => {
  let db: OpenDatabase;
  afterEach(async () => {
    await db?.close();
  });

  it('three dispatchers on the same due rows send each nudge exactly once', async () => {
    db = await openFreshPostgres();
    const clock = new ManualClock(NOW);
    await seedCohort(db.db, { tenants: [{ id: 't1', platform: 'slack', pairs: 50 }], cycle: COHORT_CYCLE });
    expect(await seedDueSessionReminders(db.db, NOW, 6)).toBe(600);
    const chat = new RecordingChat();
    chat.delayMs = 1;
    const dispatchers = ['a', 'b', 'c'].map(
      (worker) =>
        new Dispatcher({ db: db.db, clock, chat, worker, limits: FAST_LIMITS, batch: 25, concurrency: 4 }),
    );
    const results = await Promise.all(dispatchers.map((d) => d.drain()));
    const keys = chat.delivered.map(
      (d) => `${d.identity.id}/${d.message.blocks[0]?.type === 'text' ? d.message.blocks[0].text : ''}`,
    );
    expect(keys).toHaveLength(600);
    expect(new Set(keys).size).toBe(600);
    expect(results.every((r) => r.sent > 0)).toBe(true);
    expect(await statuses(db)).toEqual({ sent: 600 });
  });

  it('three dispatchers together keep within one tenant’s ceiling, as one would', async () => {
    db = await openFreshPostgres();
    const clock = new ManualClock(NOW);
    await seedCohort(db.db, { tenants: [{ id: 't1', platform: 'slack', pairs: 40 }], cycle: COHORT_CYCLE });
    expect(await seedDueSessionReminders(db.db, NOW, 2)).toBe(160);
    // The tenant may take 40 messages a second (a bucket of 20); each conversation 10 a second.
    const limits = { slack: { perConversation: 10, burst: 3, perTenant: 40 } };
    const chat = new RecordingChat();
    const at: number[] = [];
    const send = chat.send.bind(chat);
    chat.send = async (to, message) => {
      const ref = await send(to, message);
      at.push(performance.now());
      return ref;
    };
    const results = await Promise.all(
      ['a', 'b', 'c'].map((worker) =>
        new Dispatcher({ db: db.db, clock, chat, worker, limits, batch: 50, perTenant: 25 }).drain(),
      ),
    );
    // Everything went, once, and every replica sent a share…
    expect(at).toHaveLength(160);
    expect(await statuses(db)).toEqual({ sent: 160 });
    expect(results.every((r) => r.sent > 0)).toBe(true);
    // …but no second held more than the bucket plus a second's rate (20 + 40). Each replica on
    // its own budget sent three times that: 160 in the first half second.
    at.sort((x, y) => x - y);
    let busiest = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while ((at[i] as number) - (at[j] as number) >= 1_000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(60);
  });

  it('a dispatcher that abandons its claimed rows: none sent twice while the lease holds, all sent after', async () => {
    db = await openFreshPostgres();
    const { w } = await worldWithDueReminders(db.db, 50);
    // A worker claims 60 rows and dies without sending them.
    const abandoned = await claimDue(db.db, {
      now: w.clock.now(),
      leaseMs: 60_000,
      worker: 'dead',
      limit: 60,
    });
    expect(abandoned).toHaveLength(60);
    const chat = new RecordingChat();
    const survivor = new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'alive',
      limits: FAST_LIMITS,
    });
    // The dead worker held rows of both Ana and Luis: their other rows wait with them (a person's
    // rows are in one replica's hands), nothing goes twice.
    expect((await survivor.drain()).sent).toBe(0);
    w.clock.advance(30_000);
    expect((await survivor.drain()).claimed).toBe(0);
    w.clock.advance(31_000);
    expect((await survivor.drain()).sent).toBe(100);
    const keys = chat.delivered.map(
      (d) =>
        `${d.identity.id}/${d.message.summary}/${d.message.blocks[0]?.type === 'text' ? d.message.blocks[0].text : ''}`,
    );
    expect(new Set(keys).size).toBe(100);
    expect(await statuses(db)).toEqual({ sent: 100 });
  });
});
