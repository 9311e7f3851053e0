import { planAuthorOf } from '../domain/authz.ts';
import { BEHIND_GROUPS, type BehindEntry, type BehindGroup } from '../domain/behind.ts';
import { distinctTopics, normalizeTopic } from '../domain/matching.ts';
import type { Cycle, Person } from '../domain/model.ts';
import { weekOf } from '../domain/nudge-timing.ts';
import { attendanceWindow } from '../domain/plenary.ts';
import { applicationKinds } from '../flows/application.flow.ts';
import { startSurveyKind } from '../flows/closing.flow.ts';
import { readerOf } from '../flows/context.ts';
import { reviewButtons } from '../flows/goal-review.ts';
import { laterKind } from '../flows/nudge-actions.ts';
import { plenaryNudge } from '../flows/plenary.flow.ts';
import { menuKind } from '../flows/registry.ts';
import { sessionKinds } from '../flows/session.flow.ts';
import { goalFieldList, sessionFields } from '../flows/views.ts';
import { genderContext } from '../i18n/index.ts';
import { type Button, message, type OutboundMessage } from '../messages/model.ts';
import { stillBehind } from '../services/behind.service.ts';
import { getApplication } from '../store/application.store.ts';
import { lastCheckinWeek } from '../store/checkin.store.ts';
import type { Db } from '../store/db.ts';
import { getEvaluationOfPairing, hasAnsweredSurvey } from '../store/evaluation.store.ts';
import { getGoal, listGoalsOfPairing } from '../store/goal.store.ts';
import { type Nudge, noticeOf } from '../store/nudge.store.ts';
import { cycleAdmins, getPeople, getPerson } from '../store/person.store.ts';
import { cycleAttention, needsAttention, unreachableIn } from '../store/planner.store.ts';
import { attendanceOf, getPlenary } from '../store/plenary.store.ts';
import {
  enrollmentsOf,
  getCycle,
  getPairing,
  getProgram,
  sessionsCancelledAtEnd,
} from '../store/program.store.ts';
import { type SessionWithPair, sessionWithPair } from '../store/session.store.ts';
import { listCompetencies } from '../store/tenant.store.ts';
import { workReportOfPairing } from '../store/work-report.store.ts';

/**
 * The message for a due nudge, built at send time in the recipient's language and zone — or
 * null when what it asks for was already done (the nudge is then cancelled, not sent).
 */
export async function renderNudge(
  db: Db,
  nudge: Nudge,
  recipient: Person,
  now: Date,
  preloaded?: Map<string, SessionWithPair>,
): Promise<OutboundMessage | null> {
  const reader = readerOf(recipient);
  const { t, fmt } = reader;
  const later = laterKind.button(t('nudge.later'), { nudge: nudge.id });
  const other = async (pairing: { mentorId: string; menteeId: string }) =>
    (
      await getPerson(
        db,
        nudge.tenantId,
        pairing.mentorId === recipient.id ? pairing.menteeId : pairing.mentorId,
      )
    )?.name ?? '';

  switch (nudge.kind) {
    case 'notice': {
      // Written when it happened, in the recipient's language: sent as it was.
      const kept = (await noticeOf(db, nudge.tenantId, nudge.id)) as OutboundMessage | null;
      return kept && typeof kept.summary === 'string' && Array.isArray(kept.blocks) ? kept : null;
    }
    case 'session_reminder':
    case 'session_outcome': {
      const session = preloaded
        ? preloaded.get(`${nudge.tenantId}:${nudge.subjectId}`)
        : await sessionWithPair(db, nudge.tenantId, nudge.subjectId);
      const startIso = nudge.kind === 'session_reminder' ? nudge.slot.split('@')[1] : nudge.slot;
      if (session?.state !== 'confirmed' || session.startsAt.toISOString() !== startIso) return null;
      // "Your session is in 1 h" after it began (a clock jump, a backlog) is worse than nothing.
      if (nudge.kind === 'session_reminder' && now.getTime() >= session.startsAt.getTime()) return null;
      const name = session.mentorId === recipient.id ? session.menteeName : session.mentorName;
      if (nudge.kind === 'session_reminder') {
        const hours = Number(nudge.slot.split('h@')[0]);
        return message(t('nudge.session_reminder.summary', { name }))
          .text(t('nudge.session_reminder.text', { name, count: hours }))
          .fields(sessionFields(reader, session, name))
          .buttons([sessionKinds.counter.button(t('session.reschedule'), { session: session.id }), later])
          .build();
      }
      return message(t('nudge.session_outcome.summary', { name }))
        .text(t('pending.session_report', { name, when: fmt.dateTime(session.startsAt) }))
        .buttons([
          sessionKinds.held.button(t('session.held'), { session: session.id }, 'primary'),
          sessionKinds.not_held.button(t('session.not_held'), { session: session.id }),
          later,
        ])
        .build();
    }
    case 'approval_pending': {
      const goal = await getGoal(db, nudge.tenantId, nudge.subjectId);
      if (goal?.state !== 'submitted' || `r${goal.revision}` !== nudge.slot) return null;
      // Its reviewer now: after a change of mentor the old one's reminder is not sent; a reverse
      // pair's plan is the cycle's admins' to validate.
      const pairing = await getPairing(db, nudge.tenantId, goal.pairingId);
      if (!pairing) return null;
      const reviewers =
        pairing.planAuthor === 'mentor'
          ? await cycleAdmins(db, nudge.tenantId, pairing.cycleId)
          : [pairing.mentorId];
      if (!reviewers.includes(recipient.id)) return null;
      const mentee = await getPerson(db, nudge.tenantId, planAuthorOf(pairing));
      const value = { goal: goal.id, rev: goal.revision };
      return (
        message(t('nudge.approval_pending.summary', { name: mentee?.name ?? '' }))
          .text(
            t('nudge.approval_pending.text', {
              name: mentee?.name ?? '',
              title: goal.title,
              since: fmt.dateTime(goal.submittedAt ?? now),
            }),
          )
          // The goal itself, so it can be decided here (a new mentor after a change has not seen it).
          .fields(goalFieldList(reader, goal, await listCompetencies(db, nudge.tenantId)))
          .buttons([...reviewButtons(t, value), later])
          .build()
      );
    }
    case 'endorsement_pending': {
      const application = await getApplication(db, nudge.tenantId, nudge.subjectId);
      if (
        application?.endorsement !== 'pending' ||
        application.state !== 'submitted' ||
        application.supervisorId !== recipient.id
      )
        return null;
      const applicant = await getPerson(db, nudge.tenantId, application.personId);
      const cycle = await getCycle(db, nudge.tenantId, application.cycleId);
      if (!applicant || !cycle) return null;
      return message(t('nudge.endorsement_pending.summary', { name: applicant.name }))
        .text(
          t('nudge.endorsement_pending.text', {
            name: applicant.name,
            cycle: cycle.name,
            since: fmt.dateTime(application.createdAt),
          }),
        )
        .fields([{ label: t('applications.form.motivation'), value: application.motivation }])
        .buttons([
          applicationKinds.endorse.button(
            t('applications.endorse'),
            { application: application.id },
            'primary',
          ),
          applicationKinds.decline.button(t('applications.decline'), { application: application.id }),
          later,
        ])
        .build();
    }
    case 'goal_drafting': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing?.active) return null;
      const goals = await listGoalsOfPairing(db, nudge.tenantId, pairing.id);
      if (goals.some((g) => g.state !== 'draft' && g.state !== 'withdrawn')) return null;
      const cycle = await getCycle(db, nudge.tenantId, pairing.cycleId);
      if (!cycle) return null;
      return message(t('nudge.goal_drafting.summary'))
        .text(
          t(`nudge.goal_drafting.${nudge.slot === 'start' ? 'start' : 'deadline'}`, {
            date: fmt.date(cycle.executionStarts),
          }),
        )
        .buttons([menuKind.button(t('menu.new_goal'), { cmd: 'new_goal' }, 'primary'), later])
        .build();
    }
    case 'checkin': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing?.active) return null;
      if ((await lastCheckinWeek(db, nudge.tenantId, pairing.id)) === weekOf(now, recipient.timezone))
        return null;
      if (!(await listGoalsOfPairing(db, nudge.tenantId, pairing.id)).some((g) => g.state === 'approved'))
        return null;
      return message(t('nudge.checkin.summary'))
        .text(t('nudge.checkin.text'))
        .buttons([menuKind.button(t('menu.checkin'), { cmd: 'checkin' }, 'primary'), later])
        .build();
    }
    case 'evaluation_due': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing?.active || (await getEvaluationOfPairing(db, nudge.tenantId, pairing.id))) return null;
      const name = await other(pairing);
      return message(t('nudge.evaluation_due.summary', { name }))
        .text(t('nudge.evaluation_due.text', { name }))
        .buttons([menuKind.button(t('menu.evaluate'), { cmd: 'evaluate' }, 'primary'), later])
        .build();
    }
    case 'work_report_due': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing?.active || pairing.mentorId !== recipient.id) return null;
      const report = await workReportOfPairing(db, nudge.tenantId, pairing.id);
      if (report && report.state !== 'changes_requested') return null;
      const name = await other(pairing);
      return message(t('nudge.work_report_due.summary', { name }))
        .text(t(report ? 'nudge.work_report_due.again' : 'nudge.work_report_due.text', { name }))
        .buttons([menuKind.button(t('menu.work_report'), { cmd: 'work_report' }, 'primary'), later])
        .build();
    }
    case 'survey': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing || (await hasAnsweredSurvey(db, nudge.tenantId, pairing.cycleId, recipient.id)))
        return null;
      return message(t('pending.survey'))
        .text(t('pending.survey'))
        .buttons([startSurveyKind.button(t('survey.start'), {}, 'primary'), later])
        .build();
    }
    case 'introduction': {
      const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
      if (!pairing?.active) return null;
      const cycle = await getCycle(db, nudge.tenantId, pairing.cycleId);
      const otherId = pairing.mentorId === recipient.id ? pairing.menteeId : pairing.mentorId;
      const partner = await getPerson(db, nudge.tenantId, otherId);
      if (!cycle || !partner) return null;
      const asMentor = pairing.mentorId === recipient.id;
      const mine = new Set(recipient.topics.map(normalizeTopic));
      const shared = distinctTopics(partner.topics).filter((topic) => mine.has(normalizeTopic(topic)));
      const about = [partner.unit, partner.institution].filter(Boolean).join(' · ');
      const builder = message(t('nudge.introduction.summary', { name: partner.name })).text(
        t(asMentor ? 'nudge.introduction.to_mentor' : 'nudge.introduction.to_mentee', {
          name: partner.name,
          cycle: cycle.name,
          // To the mentee, the words are about the mentor: "será tu mentora".
          ...(asMentor ? {} : genderContext(partner.gender)),
        }),
      );
      const fields = [
        ...(about ? [{ label: t('nudge.introduction.where'), value: about }] : []),
        ...(partner.email ? [{ label: t('nudge.introduction.email'), value: partner.email }] : []),
        ...(shared.length ? [{ label: t('nudge.introduction.shared'), value: shared.join(', ') }] : []),
      ];
      return (fields.length ? builder.fields(fields) : builder)
        .context(t('nudge.introduction.next'))
        .buttons([menuKind.button(t('menu.new_session'), { cmd: 'new_session' }, 'primary')])
        .build();
    }
    case 'welcome': {
      const cycle = await getCycle(db, nudge.tenantId, nudge.subjectId);
      if (!cycle) return null;
      const program = await getProgram(db, nudge.tenantId, cycle.programId);
      const role = (await enrollmentsOf(db, nudge.tenantId, recipient.id)).find(
        (e) => e.cycleId === cycle.id,
      )?.role;
      if (!role || !program) return null;
      const roleName =
        role === 'mentor' || role === 'mentee' ? t(`own_role.${role}`) : t(`admin.role.${role}`);
      const text = t('nudge.welcome.text', {
        name: recipient.name,
        cycle: cycle.name,
        program: program.name,
        role: roleName,
      });
      return message(t('nudge.welcome.summary'))
        .text(text)
        .fields([
          { label: t('cycles.phase.goal_setting'), value: fmt.date(cycle.goalSettingStarts) },
          { label: t('cycles.phase.execution'), value: fmt.date(cycle.executionStarts) },
          { label: t('cycles.phase.closing'), value: fmt.date(cycle.closingStarts) },
        ])
        .buttons([menuKind.button(t('menu.help'), { cmd: 'help' }, 'primary')])
        .build();
    }
    case 'plenary': {
      const plenary = await getPlenary(db, nudge.tenantId, nudge.subjectId);
      if (!plenary) return null;
      if (nudge.slot === 'start') {
        // Too late to mark, or already marked: nothing to ask.
        if (now.getTime() > attendanceWindow(plenary).closes.getTime()) return null;
        if ((await attendanceOf(db, nudge.tenantId, plenary.id, recipient.id))?.present) return null;
      }
      return plenaryNudge(reader, plenary, nudge.slot);
    }
    case 'admin_digest': {
      const cycle = await getCycle(db, nudge.tenantId, nudge.subjectId);
      if (!cycle) return null;
      // What needs a person, as it is when the digest goes out: nothing left, nothing sent.
      const a = await cycleAttention(db, nudge.tenantId, cycle.id, now);
      if (!needsAttention(a)) return null;
      const lines = [
        a.restrictions > 0 &&
          t('nudge.admin_digest.restrictions', { restrictions: a.restrictions, alerts: a.alerts }),
        a.failed > 0 && t('nudge.admin_digest.failed', { count: a.failed }),
        a.unreachable > 0 &&
          [
            t('nudge.admin_digest.unreachable', { count: a.unreachable }),
            ...(await unreachableLines(
              db,
              reader,
              recipient.locale,
              nudge.tenantId,
              cycle.id,
              a.unreachable,
              now,
            )),
          ].join('\n'),
        a.unpaired > 0 && t('nudge.admin_digest.unpaired', { count: a.unpaired }),
        a.waiting > 0 && t('nudge.admin_digest.waiting', { count: a.waiting }),
      ].filter((line): line is string => Boolean(line));
      const count = lines.length;
      return message(t('nudge.admin_digest.summary', { count, cycle: cycle.name }))
        .text(
          [
            // The weekly digest's slot is its week (a date); the others say what cannot wait.
            t(
              /^\d{4}-\d{2}-\d{2}$/.test(nudge.slot)
                ? 'nudge.admin_digest.title'
                : 'nudge.admin_digest.today',
              {
                count,
                cycle: cycle.name,
              },
            ),
            ...lines,
          ].join('\n'),
        )
        .buttons([menuKind.button(t('menu.pending'), { cmd: 'pending' }, 'primary')])
        .build();
    }
    case 'pairing_change':
      return pairingChange(db, reader, nudge, recipient);
    case 'admin_reminder': {
      // Asked by an admin ("Remind now"): still sent only if the person is still behind.
      const [cycleId, group] = nudge.subjectId.split(':') as [string, BehindGroup | undefined];
      const cycle = await getCycle(db, nudge.tenantId, cycleId);
      if (!cycle || !group || !BEHIND_GROUPS.includes(group)) return null;
      const entries = await stillBehind(db, cycle, group, recipient.id, now);
      if (!entries.length) return null;
      return adminReminder(
        reader,
        cycle,
        recipient,
        entries,
        await namesOf(db, nudge.tenantId, entries),
        later,
      );
    }
  }
}

/**
 * A change of mentor, told to the mentee, the mentor who leaves and the one who arrives (the slot
 * says which, and the pairing that ended). Not sent once a newer change replaced this one.
 */
async function pairingChange(
  db: Db,
  { t, fmt }: ReturnType<typeof readerOf>,
  nudge: Nudge,
  recipient: Person,
): Promise<OutboundMessage | null> {
  const [role, endedId] = nudge.slot.split(':') as [string, string | undefined];
  const pairing = await getPairing(db, nudge.tenantId, nudge.subjectId);
  const ended = endedId ? await getPairing(db, nudge.tenantId, endedId) : undefined;
  if (!pairing?.active || !ended) return null;
  const cycle = await getCycle(db, nudge.tenantId, pairing.cycleId);
  const people = await getPeople(db, nudge.tenantId, [pairing.menteeId, pairing.mentorId, ended.mentorId]);
  const mentee = people.get(pairing.menteeId);
  const mentor = people.get(pairing.mentorId);
  const old = people.get(ended.mentorId);
  if (!cycle || !mentee || !mentor || !old) return null;
  const meant = { old_mentor: old, new_mentor: mentor, mentee }[role];
  if (meant?.id !== recipient.id) return null;
  const names = { mentee: mentee.name, mentor: mentor.name, old: old.name, cycle: cycle.name };
  const cancelled = await sessionsCancelledAtEnd(db, nudge.tenantId, ended.id);
  const when = cancelled.map((at) => fmt.dateTime(at)).join('; ');
  const propose = menuKind.button(t('menu.new_session'), { cmd: 'new_session' }, 'primary');
  const summary = t('nudge.pairing_change.summary', { cycle: cycle.name });
  switch (role) {
    case 'old_mentor': {
      const builder = message(summary).text(
        t('nudge.pairing_change.to_old_mentor', { ...names, ...genderContext(mentee.gender) }),
      );
      if (cancelled.length)
        builder.context(t('nudge.pairing_change.cancelled', { count: cancelled.length, when }));
      return builder.build();
    }
    case 'mentee': {
      const builder = message(summary).text(
        t('nudge.pairing_change.to_mentee', { ...names, ...genderContext(mentor.gender) }),
      );
      if (mentor.email) builder.fields([{ label: t('nudge.introduction.email'), value: mentor.email }]);
      if (cancelled.length)
        builder.context(
          t('nudge.pairing_change.cancelled_with', { ...names, count: cancelled.length, when }),
        );
      return builder.buttons([propose]).build();
    }
    case 'new_mentor': {
      const builder = message(summary).text(
        t('nudge.pairing_change.to_new_mentor', { ...names, ...genderContext(mentee.gender) }),
      );
      if (mentee.email) builder.fields([{ label: t('nudge.introduction.email'), value: mentee.email }]);
      const waiting = (await listGoalsOfPairing(db, nudge.tenantId, pairing.id)).filter(
        (g) => g.state === 'submitted',
      ).length;
      if (waiting) builder.context(t('nudge.pairing_change.waiting', { count: waiting }));
      return builder.buttons([propose]).build();
    }
    default:
      return null;
  }
}

async function namesOf(db: Db, tenantId: string, entries: BehindEntry[]): Promise<Map<string, string>> {
  const ids = entries.flatMap((e) => [e.mentorId, e.menteeId, e.personId]).filter((x): x is string => !!x);
  const people = await getPeople(db, tenantId, [...new Set(ids)]);
  return new Map([...people].map(([id, p]) => [id, p.name]));
}

/**
 * An admin's reminder: what the coordination of the cycle asks this person for, in their words,
 * with the button that does it.
 */
function adminReminder(
  { t, fmt }: ReturnType<typeof readerOf>,
  cycle: Cycle,
  recipient: Person,
  entries: BehindEntry[],
  names: Map<string, string>,
  later: Button,
): OutboundMessage {
  const first = entries[0] as BehindEntry;
  const other = (e: BehindEntry) =>
    names.get((e.mentorId === recipient.id ? e.menteeId : e.mentorId) ?? '') ?? '';
  const list = (ids: (string | undefined)[]) =>
    [...new Set(ids.map((id) => names.get(id ?? '') ?? '').filter(Boolean))].join(', ');
  const menu = (name: string) => menuKind.button(t(`menu.${name}`), { cmd: name }, 'primary');
  const intro = t('behind.reminder.intro', { cycle: cycle.name });
  let text: string;
  let action: Button;
  switch (first.group) {
    case 'no_goal':
      text = t(`behind.reminder.no_goal_${first.detail.goalState ?? 'none'}`);
      action = menu(first.detail.goalState === 'none' ? 'new_goal' : 'goals');
      break;
    case 'waiting_review':
      text = t('behind.reminder.waiting_review', {
        count: entries.length,
        titles: entries.map((e) => t('behind.reminder.title', { title: e.detail.title ?? '' })).join(', '),
        names: list(entries.map((e) => e.menteeId)),
      });
      action = menu('pending');
      break;
    case 'no_checkin':
      text = t('behind.reminder.no_checkin', { week: fmt.date(first.detail.week ?? '') });
      action = menu('checkin');
      break;
    case 'few_sessions':
      text = t('behind.reminder.few_sessions', {
        name: other(first),
        held: first.detail.held ?? 0,
        count: first.detail.expected ?? 0,
      });
      action = menu('new_session');
      break;
    case 'open_issues':
      text = t('behind.reminder.open_issues', {
        count: entries.length,
        names: list(entries.map((e) => e.menteeId)),
      });
      action = menu('pending');
      break;
    default:
      text = t('behind.reminder.endorsements', {
        count: entries.length,
        names: list(entries.map((e) => e.menteeId)),
      });
      action = menu('pending');
  }
  return message(`${intro} ${text}`).text(`${intro} ${text}`).buttons([action, later]).build();
}

/** At most this many unreachable people are named in a digest; the rest are in "pending". */
const UNREACHABLE_NAMED = 10;

/** The people the bot cannot reach yet, by name and email, so the admin can write to them. */
async function unreachableLines(
  db: Db,
  reader: ReturnType<typeof readerOf>,
  locale: string,
  tenantId: string,
  cycleId: string,
  count: number,
  now: Date,
): Promise<string[]> {
  const { t } = reader;
  const ids = await unreachableIn(db, tenantId, cycleId, now, UNREACHABLE_NAMED);
  const people = await getPeople(db, tenantId, ids);
  const lines = [...people.values()]
    .sort((a, b) => a.name.localeCompare(b.name, locale))
    .map((p) =>
      t('nudge.admin_digest.unreachable_person', {
        name: p.name,
        email: p.email ?? t('nudge.admin_digest.no_email'),
      }),
    );
  if (count > lines.length)
    lines.push(t('nudge.admin_digest.unreachable_more', { count: count - lines.length }));
  return lines;
}
