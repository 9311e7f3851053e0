import type { Db } from './db.ts';

/**
 * How long a processed delivery id is kept: platforms retry within minutes (Slack up to an
 * hour), and a form card may sit in a chat for weeks before a second click on it.
 */
export const PROCESSED_EVENTS_DAYS = 45;
/** Download confirmations are kept a day past their expiry, for the audit of who asked. */
export const DOWNLOAD_REQUESTS_GRACE_DAYS = 1;

const DAY_MS = 86_400_000;

/** Deletes what has outlived its use, in every tenant; returns how many rows went. */
export async function pruneExpired(
  db: Db,
  now: Date,
): Promise<{ events: number; downloads: number; files: number }> {
  const events = await db
    .deleteFrom('processed_events')
    .where('at', '<', new Date(now.getTime() - PROCESSED_EVENTS_DAYS * DAY_MS))
    .executeTakeFirst();
  const downloads = await db
    .deleteFrom('download_requests')
    .where('expires_at', '<', new Date(now.getTime() - DOWNLOAD_REQUESTS_GRACE_DAYS * DAY_MS))
    .executeTakeFirst();
  // A kept file goes as soon as its link expires: nobody can open it after that.
  const files = await db.deleteFrom('kept_files').where('expires_at', '<=', now).executeTakeFirst();
  return {
    events: Number(events.numDeletedRows),
    downloads: Number(downloads.numDeletedRows),
    files: Number(files.numDeletedRows),
  };
}
