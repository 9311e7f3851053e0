import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { Inbox, type InboxOptions } from '../../src/services/inbox.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { inboxSize } from '../../src/store/inbox.store.ts';
import { testBackends } from '../support/databases.ts';

for (const backend of testBackends()) {
  describe(`inbox (${backend.name})`, () => {
    let opened: OpenDatabase;
    let clock: ManualClock;
    const errors: string[] = [];
    const inboxes: Inbox[] = [];
    const inbox = (worker: string, options: Partial<InboxOptions> = {}) => {
      const made = new Inbox({
        db: opened.db,
        clock,
        worker,
        leaseMs: 30_000,
        onError: (error, context) => errors.push(`${context}: ${(error as Error).message}`),
        ...options,
      });
      inboxes.push(made);
      return made;
    };

    beforeAll(async () => {
      opened = await backend.open();
    });
    afterAll(async () => {
      for (const i of inboxes) await i.stop(100);
      await opened?.close();
    });
    beforeEach(async () => {
      for (const i of inboxes.splice(0)) await i.stop(100);
      await sql`delete from inbox`.execute(opened.db);
      errors.length = 0;
      clock = new ManualClock('2026-03-02T15:00:00Z');
    });

    it('answers each stored request once, and forgets it once answered', async () => {
      const a = inbox('a');
      const answered: unknown[] = [];
      a.register('slack', async (payload) => void answered.push(payload));
      const fresh = await Promise.all([
        a.accept('slack:1', 'slack', { text: 'ayuda' }),
        a.accept('slack:2', 'slack', { text: 'pendientes' }),
      ]);
      expect(fresh).toEqual([true, true]);
      await a.idle();
      expect(answered).toEqual([{ text: 'ayuda' }, { text: 'pendientes' }]);
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('stores and answers a replayed delivery once', async () => {
      const a = inbox('a');
      let calls = 0;
      let finish = () => {};
      a.register('slack', async () => {
        calls++;
        await new Promise<void>((r) => {
          finish = r;
        });
      });
      // Two copies arriving together (one insert statement): one is new.
      expect(
        await Promise.all([a.accept('slack:same', 'slack', {}), a.accept('slack:same', 'slack', {})]),
      ).toEqual([true, false]);
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 5_000 });
      // Slack retrying while the first copy is being answered.
      expect(await a.accept('slack:same', 'slack', {})).toBe(false);
      finish();
      await a.idle();
      expect(calls).toBe(1);
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('refuses a platform nobody answers, storing nothing', async () => {
      const a = inbox('a');
      await expect(a.accept('teams:1', 'teams', {})).rejects.toThrow(/no inbox handler/);
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('answers a burst larger than its memory through the table, each request once', async () => {
      const a = inbox('a', { maxConcurrency: 4, pollMs: 5 });
      a.start(); // its polls find no room while the burst is queued, and must keep polling
      const seen = new Map<string, number>();
      a.register('slack', async (payload) => {
        const key = (payload as { n: string }).n;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
      });
      const keys = Array.from({ length: 700 }, (_, i) => String(i));
      const fresh = await Promise.all(keys.map((n) => a.accept(`slack:${n}`, 'slack', { n })));
      expect(fresh.every(Boolean)).toBe(true);
      await vi.waitFor(() => expect(seen.size).toBe(700), { timeout: 20_000, interval: 20 });
      await a.idle();
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('leaves the requests of a process that died to another once the lease has passed', async () => {
      const dead = inbox('dead', { leaseMs: 5_000 });
      dead.register('slack', () => new Promise(() => {})); // never finishes: the process died
      await dead.accept('slack:lost', 'slack', { text: 'ayuda' });
      const alive = inbox('alive', { leaseMs: 5_000, pollMs: 20 });
      const answered: unknown[] = [];
      alive.register('slack', async (payload) => void answered.push(payload));
      alive.start();
      await new Promise((r) => setTimeout(r, 100));
      expect(answered).toEqual([]); // the lease still holds
      clock.advance(6_000);
      await vi.waitFor(() => expect(answered).toEqual([{ text: 'ayuda' }]), { timeout: 5_000 });
      await alive.idle();
    });

    it('hands the requests it has not started back at once when it stops', async () => {
      const stopping = inbox('stopping', { maxConcurrency: 1, minConcurrency: 1 });
      let release = () => {};
      const started: string[] = [];
      stopping.register('slack', async (payload) => {
        started.push((payload as { n: string }).n);
        await new Promise<void>((r) => {
          release = r;
        });
      });
      await Promise.all(['1', '2', '3'].map((n) => stopping.accept(`slack:${n}`, 'slack', { n })));
      const stopped = stopping.stop(5_000);
      const other = inbox('other', { pollMs: 20 });
      const answered: string[] = [];
      other.register('slack', async (payload) => void answered.push((payload as { n: string }).n));
      other.start();
      await vi.waitFor(() => expect(answered.sort()).toEqual(['2', '3']), { timeout: 5_000 });
      release();
      await stopped;
      expect(started).toEqual(['1']);
      await other.idle();
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('drops a request that keeps killing its process, and says so', async () => {
      const a = inbox('a', { leaseMs: 1_000 });
      a.register('slack', () => new Promise(() => {}));
      await a.accept('slack:poison', 'slack', {});
      await sql`update inbox set attempts = 3, claimed_until = ${'2026-03-02T14:00:00Z'}::timestamptz`.execute(
        opened.db,
      );
      const b = inbox('b', { pollMs: 20 });
      let calls = 0;
      b.register('slack', async () => void calls++);
      b.start();
      await vi.waitFor(() => expect(errors).toContain('inbox slack: dropped after 3 attempts'), {
        timeout: 5_000,
      });
      await b.idle();
      expect(calls).toBe(0);
      expect(await inboxSize(opened.db)).toBe(0);
    });

    it('reports an answer that failed and does not retry it', async () => {
      const a = inbox('a');
      let calls = 0;
      a.register('slack', async () => {
        calls++;
        throw new Error('Web API down');
      });
      await a.accept('slack:x', 'slack', {});
      await a.idle();
      expect(calls).toBe(1);
      expect(errors).toEqual(['inbox slack: Web API down']);
      expect(await inboxSize(opened.db)).toBe(0);
    });
  });
}
