import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { MentoringSession, Person } from '../domain/model.ts';

/**
 * An iCalendar invitation for a session that Outlook and Google Calendar accept. Times are
 * written in UTC (no VTIMEZONE needed; every client shows them in its own zone). The UID is the
 * session's, and SEQUENCE rises with each change, so an update or a cancellation replaces the
 * event already in the calendar instead of adding another.
 */
export function sessionInvite(input: {
  session: MentoringSession;
  mentor: Person;
  mentee: Person;
  title: string;
  description: string;
  cancelled: boolean;
  now: Date;
}): string {
  const { session, mentor, mentee } = input;
  const calendar = ical({
    prodId: { company: 'Mentoria', product: 'Mentoria', language: 'ES' },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const organizerEmail = mentor.email ?? 'no-reply@mentoria.invalid';
  calendar.createEvent({
    id: `${session.id}@mentoria`,
    sequence: session.sequence,
    stamp: input.now,
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: input.title,
    description: input.description,
    location: session.place ?? null,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: mentor.name, email: organizerEmail },
    attendees: [mentor, mentee]
      .filter((p) => p.email)
      .map((p) => ({
        name: p.name,
        email: p.email as string,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
      })),
  });
  return calendar.toString();
}

/**
 * Outlook on the web's compose page for the session, filled in (subject, start, end, place):
 * one click adds it to a Microsoft 365 calendar where an .ics attachment cannot be opened.
 */
export function outlookComposeLink(input: {
  subject: string;
  body: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
}): string {
  const end = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  const query = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: input.subject,
    body: input.body,
    startdt: input.startsAt.toISOString(),
    enddt: end.toISOString(),
    ...(input.place ? { location: input.place } : {}),
  });
  return `https://outlook.office.com/calendar/0/deeplink/compose?${query.toString()}`;
}
