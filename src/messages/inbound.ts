import type { z } from 'zod';
import type { Platform } from '../domain/model.ts';

/** The person behind an event, as the platform describes them. */
export interface PlatformUser {
  externalId: string;
  name?: string | undefined;
  email?: string | undefined;
  locale?: string | undefined;
  timezone?: string | undefined;
  /** What the adapter needs to write to this person later (DM channel, conversation reference). */
  conversationRef?: Record<string, unknown> | undefined;
  /** The platform's profile lookup failed (name, email unknown): the core asks again next time. */
  profilePending?: boolean | undefined;
}

interface Common {
  /** Unique per platform delivery: retries and re-sent invokes carry the same id. */
  eventId: string;
  tenantId: string;
  platform: Platform;
  user: PlatformUser;
  /**
   * A read answered again from the inbox after the process that had it died: it may have been
   * seen already, and is answered anyway (a read changes nothing; a lost answer is worse than a
   * repeated one). The core ignores it on anything but a read.
   */
  replay?: boolean;
}

/** What reaches the core from any platform. */
export type InboundEvent =
  | (Common & { kind: 'message'; text: string })
  | (Common & { kind: 'command'; text: string })
  | (Common & { kind: 'action'; actionId: string; value: string })
  | (Common & {
      kind: 'form';
      actionId: string;
      value: string;
      fields: Record<string, string | string[]>;
      /** The form instance's id (`Form.submissionId`), when the platform carried it back. */
      submissionId?: string | undefined;
    })
  /**
   * A file shared with the bot (a CSV roster). Its bytes are read only when the core asks, after
   * it has checked that the sender may import files: a sender cannot make the server fetch.
   */
  | (Common & { kind: 'file'; name: string; size: number; read: FileReader });

/**
 * Reads a shared file's bytes, up to `maxBytes`: `too_large` past it, undefined when the file
 * cannot be read (gone, not from the platform's file host).
 */
export type FileReader = (maxBytes: number) => Promise<Buffer | 'too_large' | undefined>;

/** The largest file the bot reads from a chat (a roster of several thousand people fits). */
export const MAX_UPLOAD_BYTES = 2_000_000;

/** The longest text the core accepts from a person in one message or field. */
export const MAX_INPUT_CHARS = 4000;

/** How a form instance's id looks when it comes back (anything else is ignored). */
export const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Parses a button's or form's JSON value with a schema; anything else is `undefined`. */
export function parseValue<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  if (raw.length > 2000) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
