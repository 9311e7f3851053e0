import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import { applyRetention } from '../services/privacy.service.ts';
import type { Db } from '../store/db.ts';
import { pruneExpired } from '../store/housekeeping.store.ts';
import { claimCronRun } from '../store/nudge.store.ts';
import type { Dispatcher } from './dispatcher.ts';
import { planTick } from './planner.ts';

/** node-cron's distributed runs, decided by a claim row in Postgres: one replica per fire. */
export function postgresRunCoordinator(db: Db, clock: Clock, worker: string): RunCoordinator {
  return {
    shouldRun: (key) => claimCronRun(db, 'cron', key, worker, clock.now()),
  };
}

export interface Scheduler {
  /** Plans now and sends what is due (the console's clock, tests). */
  runNow(): Promise<{ planned: number; sent: number }>;
  stop(): Promise<void>;
}

/**
 * Turns time into work: every minute one replica plans due nudges; every replica dispatches.
 */
export function startScheduler(input: {
  db: Db;
  clock: Clock;
  dispatcher: Dispatcher;
  worker: string;
  onError?: (error: unknown, context: string) => void;
}): Scheduler {
  const { db, clock, dispatcher } = input;
  const task: ScheduledTask = cron.schedule(
    '* * * * *',
    async () => {
      try {
        await planTick(db, clock.now());
      } catch (error) {
        input.onError?.(error, 'planner');
      }
      // Once an hour, on the replica that holds this minute's claim: tables that would grow forever.
      if (clock.now().getUTCMinutes() === 17) {
        await pruneExpired(db, clock.now()).catch((error) => input.onError?.(error, 'housekeeping'));
        // Programs that keep their participants' data for a set time: anonymise who is past it.
        await applyRetention({ db, clock }).catch((error) => input.onError?.(error, 'retention'));
      }
    },
    {
      name: 'planner',
      timezone: 'UTC',
      noOverlap: true,
      distributed: true,
      runCoordinator: postgresRunCoordinator(db, clock, input.worker),
      // Planning itself is cheap; a missed minute is caught up by the next tick.
      suppressMissedWarning: true,
    },
  );
  dispatcher.start();
  return {
    async runNow() {
      const plan = await planTick(db, clock.now());
      const sent = await dispatcher.drain();
      return { planned: plan.inserted, sent: sent.sent };
    },
    async stop() {
      await task.stop();
      await task.destroy();
      await dispatcher.stop();
    },
  };
}
