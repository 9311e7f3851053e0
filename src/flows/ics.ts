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
