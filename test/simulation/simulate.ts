import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock.ts';
import type { Locale } from '../../src/config.ts';
import { planCycleDates } from '../../src/domain/cycle.ts';
import type { Cycle, Tenant } from '../../src/domain/model.ts';
import { defaultSettings } from '../../src/domain/program.ts';
import { addDays } from '../../src/domain/time.ts';
import { Bot } from '../../src/flows/bot.ts';
import type { Reply } from '../../src/flows/context.ts';
import type { ChatPort, Recipient } from '../../src/flows/ports.ts';
import type { InboundEvent } from '../../src/messages/inbound.ts';
import type { Form, OutboundMessage } from '../../src/messages/model.ts';
import { type CycleReport, cycleReport } from '../../src/reports/cycle-report.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { planTick } from '../../src/scheduler/planner.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { createPerson, upsertIdentity } from '../../src/store/person.store.ts';
import { createCycle, createPairing, createProgram, enroll } from '../../src/store/program.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';
import { buttonsOf, plain } from '../support/conversation.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['America/Mexico_City', 'America/Santiago', 'America/Bogota', 'Europe/Madrid'];
/** Reminders that may go out at night or on a weekend (a session about to start). */
const URGENT = new Set(['session_reminder']);
/** Where each kind of reminder belongs in a cycle (none: any phase). */
const PHASE_OF: Record<string, string[]> = {
  goal_drafting: ['goal_setting'],
  checkin: ['execution'],
  evaluation_due: ['closing'],
  work_report_due: ['closing'],
  survey: ['closing', 'ended'],
};

/** A seeded random source (mulberry32): the same seed, the same people and the same choices. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The words a simulated person types and the buttons they press, in their language. */
const WORDS = {
  es: {
    newGoal: 'meta nueva',
    done: 'Listo',
    competency: 'Liderazgo',
    submit: 'Enviar a revisión',
    submitted: 'para su revisión',
    approve: 'Aprobar',
    newSession: 'sesión nueva',
    tomorrow: 'mañana 10:00',
    sendProposal: 'Enviar propuesta',
    accept: 'Aceptar',
    held: 'Sí, se realizó',
    checkin: 'avance',
    onTrack: 'En curso',
    thanks: '¡Gracias!',
    evaluate: 'evaluar',
    achieved: 'Lograda',
    save: 'Guardar evaluación',
    release: 'Conversación final realizada',
    acknowledge: 'Acuso recibo',
    surveyThanks: '¡Gracias por tus respuestas',
    snooze: (date: string) => `pausar hasta ${date}`,
  },
  en: {
    newGoal: 'new goal',
    done: 'Done',
    competency: 'Leadership',
    submit: 'Submit for review',
    submitted: 'for review',
    approve: 'Approve',
    newSession: 'new session',
    tomorrow: 'tomorrow 10:00',
    sendProposal: 'Send proposal',
    accept: 'Accept',
    held: 'Yes, it happened',
    checkin: 'check-in',
    onTrack: 'On track',
    thanks: 'Thank you!',
    evaluate: 'evaluate',
    achieved: 'Achieved',
    save: 'Save evaluation',
    release: 'Final conversation held',
    acknowledge: 'Acknowledge',
    surveyThanks: 'Thank you for your answers',
    snooze: (date: string) => `snooze until ${date}`,
  },
} as const;

interface SimPerson {
  id: string;
  handle: string;
  tenant: Tenant;
  cycle: Cycle;
  kind: 'classic' | 'reverse';
  role: 'mentor' | 'mentee' | 'admin';
  locale: Locale;
  zone: string;
  partner?: SimPerson;
  /** Drafts the goal: the mentee in a classic program, the mentor in a reverse one. */
  drafts: boolean;
  drafted: boolean;
  snoozed?: { from: Date; until: Date };
}

interface Seen {
  message: OutboundMessage;
  replaced: boolean;
}

export interface SimulationOptions {
  /** A migrated, empty database (PostgreSQL). */
  database: OpenDatabase;
  people: number;
  months: number;
  seed: number;
  /** Progress, a line a simulated month. */
  progress?: (line: string) => void;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SimulationResult {
  checks: Check[];
  /** Reminders sent by kind, and the rows' final states by kind. */
  byKind: Record<string, Record<string, number>>;
  /** Per day (UTC): reminders sent, people's actions, notifications. */
  days: { day: string; reminders: number; actions: number; notifications: number }[];
  actions: Record<string, number>;
  reports: { tenant: string; report: CycleReport }[];
  people: number;
  tenants: number;
  seconds: number;
  from: string;
  to: string;
}

/**
 * A whole cycle on a virtual clock: two tenants (a classic and a reverse program), people in
 * four zones, simulated people who act, ignore, snooze, click twice and act late at random, through
 * the real core (`Bot.handle`), planner (`planTick`) and dispatcher on the database given. Then
 * what happened is checked against the simulation's own record.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const { db } = options.database;
  const rand = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  // The cycle: enrollment opens on a Monday, goal setting a week later; `months` long in all.
  const starts = '2027-01-04';
  const ends = addDays(starts, Math.round(options.months * 30.4));
  const clock = new ManualClock(`${starts}T06:00:00Z`);

  // What the platform received: reminders (the dispatcher's port) and notifications (the core's).
  const seen = new Map<string, Seen[]>();
  const byHandle = new Map<string, SimPerson>();
  const sentLog: { at: Date; handle: string; text: string }[] = [];
  const notifications: { at: Date; handle: string }[] = [];
  const port = (log: 'reminder' | 'notification'): ChatPort => ({
    async send(to: Recipient, message: OutboundMessage) {
      const handle = to.identity.externalId;
      seen.set(handle, [...(seen.get(handle) ?? []), { message, replaced: false }]);
      if (log === 'reminder') sentLog.push({ at: clock.now(), handle, text: plain(message) });
      else notifications.push({ at: clock.now(), handle });
      react(handle, message);
      return randomUUID();
    },
    async update() {},
  });
  const bot = new Bot({
    db,
    clock,
    chat: port('notification'),
    defaults: { locale: 'es', timezone: 'America/Mexico_City' },
    onError: (error) => flowErrors.push(String(error)),
  });
  const dispatcher = new Dispatcher({
    db,
    clock,
    chat: port('reminder'),
    worker: 'simulation',
    limits: { console: 'unlimited' },
  });

  // Two tenants: a classic program (60 % of the people) and a reverse one.
  const everyone: SimPerson[] = [];
  const cycles: { tenant: Tenant; cycle: Cycle; kind: 'classic' | 'reverse'; admin: SimPerson }[] = [];
  for (const [t, kind] of [
    [0, 'classic'],
    [1, 'reverse'],
  ] as const) {
    const tenant = await ensureTenant(db, {
      platform: 'console',
      externalId: `sim-${kind}`,
      name: kind === 'classic' ? 'Servicio Civil (simulado)' : 'Gobierno Digital (simulado)',
      defaultLocale: 'es',
      defaultTimezone: ZONES[t] as string,
    });
    const program = await createProgram(db, tenant.id, {
      name: kind === 'classic' ? 'Mentoría Clásica' : 'Mentoría Inversa',
      kind,
    });
    const dates = planCycleDates(
      { starts, ends, goalSettingStarts: addDays(starts, 7) },
      defaultSettings(kind),
    );
    const cycle = await createCycle(db, tenant.id, {
      programId: program.id,
      name: '2027-1',
      timezone: ZONES[t] as string,
      ...dates,
    });
    const pairs = Math.max(1, Math.round((options.people * (kind === 'classic' ? 0.6 : 0.4)) / 2));
    const make = async (role: SimPerson['role'], i: number): Promise<SimPerson> => {
      const locale: Locale = rand() < 0.25 ? 'en' : 'es';
      const zone = pick(ZONES);
      const handle = `${kind}-${role}-${i}`;
      const person = await createPerson(db, tenant.id, {
        name: `${role === 'mentor' ? 'Mentor' : role === 'mentee' ? 'Persona' : 'Admin'} ${kind} ${i}`,
        email: `${handle}@sim.mentoria.invalid`,
        gender: pick(['f', 'm', 'x', 'n'] as const),
        level: role === 'mentor' ? 4 : 2,
        birthYear: role === 'mentor' && kind === 'reverse' ? 1998 : 1975,
        locale,
        timezone: zone,
        tenantRole: role === 'admin' ? 'admin' : null,
      });
      await upsertIdentity(db, {
        tenantId: tenant.id,
        personId: person.id,
        platform: 'console',
        externalId: handle,
        conversationRef: { handle },
        now: clock.now(),
      });
      await db
        .updateTable('people')
        .set({ privacy_notice_at: clock.now() })
        .where('id', '=', person.id)
        .execute();
      if (role !== 'admin')
        await enroll(db, { tenantId: tenant.id, cycleId: cycle.id, personId: person.id, role });
      const sim: SimPerson = {
        id: person.id,
        handle,
        tenant,
        cycle,
        kind,
        role,
        locale,
        zone,
        drafts: (kind === 'classic' && role === 'mentee') || (kind === 'reverse' && role === 'mentor'),
        drafted: false,
      };
      byHandle.set(handle, sim);
      everyone.push(sim);
      return sim;
    };
    const admin = await make('admin', 0);
    cycles.push({ tenant, cycle, kind, admin });
    for (let i = 0; i < pairs; i++) {
      const mentor = await make('mentor', i);
      const mentee = await make('mentee', i);
      mentor.partner = mentee;
      mentee.partner = mentor;
      await createPairing(db, tenant.id, {
        cycleId: cycle.id,
        mentorId: mentor.id,
        menteeId: mentee.id,
        createdAt: clock.now(),
      });
    }
  }

  // The agenda of what simulated people will do, and when.
  const agenda: { at: number; who: SimPerson; what: string; run: () => Promise<void> }[] = [];
  /** Kept in time order: inserted where it belongs (a binary search), not sorted at every stop. */
  const later = (who: SimPerson, at: number, what: string, run: () => Promise<void>) => {
    const item = { at: Math.max(at, clock.now().getTime() + 60_000), who, what, run };
    let lo = 0;
    let hi = agenda.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((agenda[mid] as (typeof agenda)[number]).at <= item.at) lo = mid + 1;
      else hi = mid;
    }
    agenda.splice(lo, 0, item);
  };
  /** A moment in working hours of the person's day `days` from now (0: later today when possible). */
  const workingTime = (who: SimPerson, fromMs: number, days: number): number => {
    let local = DateTime.fromMillis(fromMs, { zone: who.zone }).plus({ days });
    local = local.set({ hour: 9 + Math.floor(rand() * 8), minute: Math.floor(rand() * 60) });
    while (local.weekday >= 6) local = local.plus({ days: 1 });
    return Math.max(local.toMillis(), fromMs + 60_000);
  };
  const actions: Record<string, number> = {};
  const actionsByDay = new Map<string, number>();
  const flowErrors: string[] = [];
  const truth = { checkins: 0, held: 0, surveys: 0, evaluations: 0, submitted: 0, approvals: 0 };
  const checkinWeeks = new Set<string>();

  // One turn through the core, as the console adapter would send it.
  const turn = async (who: SimPerson, body: Record<string, unknown>): Promise<Reply> => {
    const reply = await bot.handle({
      eventId: randomUUID(),
      tenantId: who.tenant.id,
      platform: 'console',
      user: { externalId: who.handle },
      ...body,
    } as InboundEvent);
    for (const message of [...(reply.replaceOriginal ? [reply.replaceOriginal] : []), ...reply.messages])
      seen.set(who.handle, [...(seen.get(who.handle) ?? []), { message, replaced: false }]);
    if (reply.openForm) forms.set(who.handle, reply.openForm);
    return reply;
  };
  const forms = new Map<string, Form>();
  const textOf = (reply: Reply) =>
    [...(reply.replaceOriginal ? [reply.replaceOriginal] : []), ...reply.messages].map(plain).join('\n');
  const say = (who: SimPerson, text: string) => turn(who, { kind: 'message', text });
  const click = async (who: SimPerson, label: string, twice = false): Promise<Reply | undefined> => {
    const list = [...(seen.get(who.handle) ?? [])].reverse();
    for (const s of list) {
      if (s.replaced) continue;
      const button = buttonsOf(s.message).find((b) => b.label === label || b.label.startsWith(label));
      if (!button) continue;
      const event = { kind: 'action', actionId: button.actionId, value: button.value };
      const reply = await turn(who, event);
      if (reply.replaceOriginal) s.replaced = true;
      // A double click: the same button again, as an impatient person or a slow network sends it.
      if (twice) await turn(who, event);
      return reply;
    }
    return undefined;
  };
  const fill = (who: SimPerson, fields: Record<string, string>) => {
    const form = forms.get(who.handle);
    if (!form) return undefined;
    forms.delete(who.handle);
    return turn(who, {
      kind: 'form',
      actionId: form.actionId,
      value: form.value,
      fields,
      submissionId: form.submissionId,
    });
  };
  const count = (what: string) => {
    actions[what] = (actions[what] ?? 0) + 1;
    const day = clock.now().toISOString().slice(0, 10);
    actionsByDay.set(day, (actionsByDay.get(day) ?? 0) + 1);
  };
  const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

  // What each person does when they act.
  const draft = async (who: SimPerson) => {
    if (who.drafted) return;
    who.drafted = true;
    count('draft');
    const w = WORDS[who.locale];
    const c = who.cycle;
    const due = addDays(c.closingStarts, -3);
    const milestone = addDays(c.executionStarts, 30);
    await say(who, w.newGoal);
    await say(who, 'Mejorar la atención a la ciudadanía en mi unidad');
    await say(who, 'Reducir el tiempo de respuesta de las solicitudes de mi unidad');
    await say(who, 'Responder 90 % de las solicitudes en menos de 5 días hábiles');
    await say(who, 'Cuento con el apoyo de mi jefatura y del equipo');
    await say(who, 'La unidad tiene como meta institucional mejorar la atención');
    await say(who, dmy(due));
    await click(who, w.competency);
    await click(who, w.done);
    await say(who, `Primer informe de tiempos; ${dmy(milestone)}`);
    await click(who, w.done);
    const sent = await click(who, w.submit);
    if (sent && textOf(sent).includes(w.submitted)) truth.submitted++;
    else flowErrors.push(`${who.handle}: drafting did not end in a submission`);
  };
  const approve = async (who: SimPerson, twice: boolean) => {
    const reply = await click(who, WORDS[who.locale].approve, twice);
    if (!reply) return;
    count(twice ? 'approve (double click)' : 'approve');
  };
  const proposeSession = async (who: SimPerson) => {
    const w = WORDS[who.locale];
    count('propose session');
    await say(who, w.newSession);
    await say(who, w.tomorrow);
    await say(who, '60');
    await say(who, 'Sala 3');
    await say(who, '-');
    await click(who, w.sendProposal);
  };
  const checkin = async (who: SimPerson) => {
    const w = WORDS[who.locale];
    let reply = await say(who, w.checkin);
    for (let step = 0; step < 6; step++) {
      const text = textOf(reply);
      if (text.includes(w.thanks)) {
        // A second check-in in the same week (a late answer to last week's reminder, then this
        // week's) corrects that week's: one check-in a week is what there is to count.
        const week = DateTime.fromMillis(clock.now().getTime(), { zone: who.zone })
          .startOf('week')
          .toISODate();
        checkinWeeks.add(`${who.id}:${week}`);
        truth.checkins = checkinWeeks.size;
        count('check-in');
        return;
      }
      const labels = reply.messages.flatMap(buttonsOf).map((b) => b.label);
      if (labels.includes(w.onTrack)) reply = (await click(who, w.onTrack)) ?? reply;
      else if (/0 (a|to) 100/.test(text)) reply = await say(who, String(20 + Math.floor(rand() * 70)));
      // Anything else (the week's check-in closed, the phase over): they leave it there.
      else return;
    }
  };
  const evaluate = async (who: SimPerson) => {
    const w = WORDS[who.locale];
    const start = await say(who, w.evaluate);
    if (!start.messages.flatMap(buttonsOf).some((b) => b.label === w.achieved)) return;
    count('evaluate');
    await click(who, w.achieved);
    await click(who, '5');
    await say(who, 'Buen trabajo');
    await say(who, 'Constancia');
    await say(who, 'Delegar');
    await say(who, '-');
    const saved = await click(who, w.save);
    if (!saved) return;
    truth.evaluations++;
    await click(who, w.release);
  };
  const acknowledge = async (who: SimPerson) => {
    const w = WORDS[who.locale];
    if (!(await click(who, w.acknowledge, rand() < 0.1))) return;
    count('acknowledge and rate');
    await click(who, String(3 + Math.floor(rand() * 3)));
    await click(who, String(6 + Math.floor(rand() * 5)));
    await say(who, 'Me sirvió');
    const done = await say(who, '-');
    if (textOf(done).includes(w.surveyThanks)) truth.surveys++;
  };

  /** A message reached a person: what they will do about it, if anything. */
  function react(handle: string, message: OutboundMessage): void {
    const who = byHandle.get(handle);
    if (!who) return;
    const labels = buttonsOf(message).map((b) => b.label);
    const w = WORDS[who.locale];
    const now = clock.now().getTime();
    const late = rand() < 0.2;
    const delay = late ? 3 + Math.floor(rand() * 6) : rand() < 0.5 ? 0 : 1;
    if (labels.includes(w.approve) && rand() < 0.8)
      later(who, workingTime(who, now, delay), 'approve', () => approve(who, rand() < 0.1));
    else if (labels.includes(w.accept) && rand() < 0.85)
      later(who, now + rand() * 6 * HOUR, 'accept', async () => {
        if (await click(who, w.accept, rand() < 0.1)) count('accept session');
      });
    else if (labels.includes(w.held) && rand() < 0.7)
      later(who, workingTime(who, now, delay), 'held', async () => {
        const asked = await click(who, w.held);
        if (!asked || !forms.has(who.handle)) return;
        const done = await fill(who, { notes: 'Revisamos avances', agreements: 'Seguir' });
        if (done) {
          truth.held++;
          count('session held');
        }
      });
    else if (labels.includes(w.acknowledge) && rand() < 0.9)
      later(who, workingTime(who, now, delay), 'acknowledge', () => acknowledge(who));
  }

  /** A reminder row went out: the person may act on what it asks. */
  const remind = (kind: string, who: SimPerson) => {
    const now = clock.now().getTime();
    if (kind === 'goal_drafting' && who.drafts && !who.drafted && rand() < 0.4)
      later(who, workingTime(who, now, rand() < 0.7 ? 0 : 2), 'draft', () => draft(who));
    else if (kind === 'checkin' && rand() < 0.6)
      later(who, workingTime(who, now, Math.floor(rand() * 3)), 'checkin', () => checkin(who));
    else if (kind === 'evaluation_due' && rand() < 0.6)
      later(who, workingTime(who, now, Math.floor(rand() * 4)), 'evaluate', () => evaluate(who));
  };

  // Plans people make on their own: drafting early in goal setting (most do, some never), the
  // mentors' sessions every three weeks of execution, evaluations early in closing, some pauses.
  for (const who of everyone) {
    const c = who.cycle;
    const at = (date: string) => DateTime.fromISO(date, { zone: who.zone }).toMillis();
    if (who.drafts && rand() < 0.8)
      later(who, workingTime(who, at(c.goalSettingStarts), Math.floor(rand() * 14)), 'draft', () =>
        draft(who),
      );
    if (who.role === 'mentor' && who.kind === 'classic') {
      for (let day = 3; at(c.executionStarts) + day * DAY < at(c.closingStarts); day += 21)
        if (rand() < 0.8)
          later(who, workingTime(who, at(c.executionStarts), day), 'propose', () => proposeSession(who));
      if (rand() < 0.5)
        later(who, workingTime(who, at(c.closingStarts), Math.floor(rand() * 7)), 'evaluate', () =>
          evaluate(who),
        );
    }
    if (who.role !== 'admin' && rand() < 0.05) {
      const from = workingTime(who, at(c.executionStarts), Math.floor(rand() * 40));
      const until = DateTime.fromMillis(from, { zone: who.zone }).plus({ days: 10 }).toISODate() as string;
      later(who, from, 'snooze', async () => {
        const reply = await say(who, WORDS[who.locale].snooze(dmy(until)));
        if (reply.messages.length === 0) return;
        const person = await db
          .selectFrom('people')
          .select('snoozed_until')
          .where('id', '=', who.id)
          .executeTakeFirst();
        if (person?.snoozed_until) {
          who.snoozed = { from: clock.now(), until: person.snoozed_until };
          count('snooze');
        }
      });
    }
  }

  // The clock: to the next due reminder, the next thing someone does, or the next planner run
  // (every 30 minutes: it plans an hour ahead, so every reminder is in the table before it is
  // due), whichever comes first; the dispatcher sends what is due at each stop.
  const endAt = DateTime.fromISO(addDays(ends, 2), { zone: 'UTC' }).toMillis();
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const sentRows: { kind: string; subject: string; recipient: string; at: Date; tenant: string }[] = [];
  let nextPlan = clock.now().getTime();
  let month = -1;
  while (clock.now().getTime() < endAt) {
    const now = clock.now().getTime();
    if (now >= nextPlan) {
      await planTick(db, clock.now());
      nextPlan = now + 30 * 60_000;
    }
    while (agenda[0] && agenda[0].at <= now) {
      const item = agenda.shift() as (typeof agenda)[number];
      try {
        await item.run();
      } catch (error) {
        flowErrors.push(`${item.who.handle} ${item.what}: ${error instanceof Error ? error.message : error}`);
      }
    }
    const before = sentLog.length;
    const stats = await dispatcher.drain();
    // The rows this stop sent (the dispatcher marks them sent at the stop's time).
    const rows =
      stats.claimed === 0
        ? []
        : await db
            .selectFrom('nudges')
            .select(['kind', 'subject_id', 'recipient_id', 'tenant_id', 'updated_at'])
            .where('status', '=', 'sent')
            .where('updated_at', '=', clock.now())
            .execute();
    for (const r of rows) {
      sentRows.push({
        kind: r.kind,
        subject: r.subject_id,
        recipient: r.recipient_id,
        at: r.updated_at,
        tenant: r.tenant_id,
      });
      const who = byId.get(r.recipient_id);
      if (who) remind(r.kind, who);
    }
    if (sentLog.length - before !== rows.length)
      flowErrors.push(
        `at ${clock.now().toISOString()}: ${sentLog.length - before} reminders delivered for ${rows.length} rows sent`,
      );
    const due = await db
      .selectFrom('nudges')
      .select((eb) => eb.fn.min('due_at').as('next'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const nextDue = due?.next ? new Date(due.next).getTime() : Number.POSITIVE_INFINITY;
    const next = Math.min(nextPlan, agenda[0]?.at ?? Number.POSITIVE_INFINITY, nextDue);
    clock.set(new Date(Math.max(now + 1_000, next)));
    const m = Math.floor((clock.now().getTime() - DateTime.fromISO(starts).toMillis()) / (30.4 * DAY));
    if (m !== month) {
      month = m;
      options.progress?.(
        `month ${m + 1}: ${sentRows.length} reminders sent, ${Object.values(actions).reduce((a, b) => a + b, 0)} actions`,
      );
    }
  }

  // What the records say.
  const checks: Check[] = [];
  const check = (name: string, problems: string[]) =>
    checks.push({
      name,
      ok: problems.length === 0,
      detail: problems.length ? `${problems.length}: ${problems.slice(0, 5).join('; ')}` : 'ok',
    });
  const zoneOf = new Map(everyone.map((p) => [p.id, p]));
  const final = await db
    .selectFrom('nudges')
    .select(['kind', 'status', 'subject_id', 'recipient_id', 'due_at', 'updated_at'])
    .execute();
  // 1. Every reminder that came due was sent exactly once: each row sent once, one delivery each.
  check('every due reminder sent exactly once', [
    ...flowErrors.filter((e) => e.includes('reminders delivered for')),
    ...final
      .filter((r) => r.status === 'pending' && r.due_at.getTime() < endAt - DAY)
      .map((r) => `${r.kind} still pending`),
    ...(sentLog.length === sentRows.length
      ? []
      : [`${sentLog.length} deliveries for ${sentRows.length} rows`]),
  ]);
  // 2. No non-urgent reminder at night (20:00–08:00) or on a weekend, in the recipient's zone.
  check(
    'no non-urgent reminder in quiet hours or on a weekend',
    sentRows
      .filter((r) => !URGENT.has(r.kind))
      .flatMap((r) => {
        const who = zoneOf.get(r.recipient);
        const local = DateTime.fromJSDate(r.at, { zone: who?.zone ?? 'UTC' });
        return local.hour < 8 || local.hour >= 20 || local.weekday >= 6
          ? [`${r.kind} to ${who?.handle} at ${local.toFormat('ccc HH:mm')} ${who?.zone}`]
          : [];
      }),
  );
  // 3. None during the recipient's pause (urgent ones excepted).
  check(
    'no non-urgent reminder while its person paused them',
    sentRows.flatMap((r) => {
      const who = zoneOf.get(r.recipient);
      if (URGENT.has(r.kind) || !who?.snoozed) return [];
      return r.at >= who.snoozed.from && r.at < who.snoozed.until ? [`${r.kind} to ${who.handle}`] : [];
    }),
  );
  // 4. None outside its phase.
  const phaseAt = (cycle: Cycle, at: Date): string => {
    const day = DateTime.fromJSDate(at, { zone: cycle.timezone }).toISODate() as string;
    if (day > cycle.ends) return 'ended';
    if (day >= cycle.closingStarts) return 'closing';
    if (day >= cycle.executionStarts) return 'execution';
    if (day >= cycle.goalSettingStarts) return 'goal_setting';
    return 'enrollment';
  };
  check(
    'no reminder outside its phase',
    sentRows.flatMap((r) => {
      const allowed = PHASE_OF[r.kind];
      const who = zoneOf.get(r.recipient);
      if (!allowed || !who) return [];
      const phase = phaseAt(who.cycle, r.at);
      return allowed.includes(phase) ? [] : [`${r.kind} in ${phase}`];
    }),
  );
  // 5. None after what it asks for was done: a goal review after the goal was decided, a drafting
  // reminder after the goal was submitted, a session reminder after the session started.
  const goals = await db
    .selectFrom('goals')
    .select(['id', 'mentee_id', 'submitted_at', 'approved_at', 'created_at'])
    .execute();
  const sessions = await db.selectFrom('sessions').select(['id', 'starts_at']).execute();
  const startsOf = new Map(sessions.map((s) => [s.id, s.starts_at.getTime()]));
  const approvedOf = new Map(goals.map((g) => [g.id, g.approved_at?.getTime()]));
  check(
    'no session reminder after its session started',
    sentRows
      .filter((r) => r.kind === 'session_reminder')
      .filter((r) => r.at.getTime() >= (startsOf.get(r.subject) ?? Number.POSITIVE_INFINITY))
      .map((r) => `session ${r.subject}`),
  );
  check(
    'no reminder after its action was taken',
    sentRows
      .filter((r) => r.kind === 'approval_pending')
      .filter((r) => {
        const approved = approvedOf.get(r.subject);
        return approved !== undefined && r.at.getTime() > approved;
      })
      .map((r) => `approval reminder for goal ${r.subject} after it was approved`),
  );
  // 6. The report's figures equal what the simulated people did.
  const reports: { tenant: string; report: CycleReport }[] = [];
  const figures: string[] = [];
  for (const { tenant, cycle, admin } of cycles) {
    const report = await cycleReport(
      { db, clock },
      { actor: { tenantId: tenant.id, personId: admin.id, staffRole: 'admin' }, via: 'cli' },
      cycle,
    );
    reports.push({ tenant: tenant.name, report });
  }
  const sum = (f: (r: CycleReport) => number) => reports.reduce((n, r) => n + f(r.report), 0);
  const compare = (name: string, reported: number, simulated: number) => {
    if (reported !== simulated) figures.push(`${name}: report ${reported}, simulation ${simulated}`);
  };
  compare(
    'check-ins reported',
    sum((r) => r.checkins.reported),
    truth.checkins,
  );
  compare(
    'sessions held',
    sum((r) => r.sessions.held),
    truth.held,
  );
  compare(
    'survey answers',
    sum((r) => r.satisfaction.responses),
    truth.surveys,
  );
  compare(
    'evaluations',
    sum(
      (r) =>
        r.evaluations.by_outcome.achieved +
        r.evaluations.by_outcome.partly_achieved +
        r.evaluations.by_outcome.not_achieved,
    ),
    truth.evaluations,
  );
  compare(
    'goals submitted',
    sum((r) =>
      Object.entries(r.goals.by_state).reduce((n, [state, k]) => n + (state === 'draft' ? 0 : k), 0),
    ),
    truth.submitted,
  );
  check("the report's figures equal what the simulated people did", figures);
  check(
    'every simulated action was understood',
    flowErrors.filter((e) => !e.includes('reminders delivered for')),
  );

  const byKind: Record<string, Record<string, number>> = {};
  for (const r of final) {
    const k = byKind[r.kind] ?? {};
    k[r.status] = (k[r.status] ?? 0) + 1;
    byKind[r.kind] = k;
  }
  const days = new Map<string, { reminders: number; actions: number; notifications: number }>();
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const bump = (day: string, key: 'reminders' | 'actions' | 'notifications', n = 1) => {
    const row = days.get(day) ?? { reminders: 0, actions: 0, notifications: 0 };
    row[key] += n;
    days.set(day, row);
  };
  // Every day of the cycle, quiet ones included, so the charts' time axis is even.
  for (let day = starts; day <= addDays(ends, 2); day = addDays(day, 1)) bump(day, 'reminders', 0);
  for (const s of sentLog) bump(dayOf(s.at), 'reminders');
  for (const n of notifications) bump(dayOf(n.at), 'notifications');
  for (const [day, n] of actionsByDay) bump(day, 'actions', n);
  await sql`select 1`.execute(db);
  return {
    checks,
    byKind,
    days: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, row]) => ({ day, ...row })),
    actions,
    reports,
    people: everyone.filter((p) => p.role !== 'admin').length,
    tenants: cycles.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    from: starts,
    to: ends,
  };
}
