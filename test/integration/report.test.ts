import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../adapters/platforms.ts';
import { runCli } from '../../src/cli.ts';
import { parseConfig } from '../../src/config.ts';
import { createPerson, upsertIdentity } from '../../src/store/person.store.ts';
import { createPlenary, markAttendance } from '../../src/store/plenary.store.ts';
import {
  createCycle,
  createPairing,
  createProgram,
  enroll,
  listCycles,
} from '../../src/store/program.store.ts';
import { ChatDriver } from '../support/conversation.ts';
import { createReverseCohort, goalFields } from '../support/cycles.ts';

const HOUR = 3_600_000;
const goal = (title: string) => goalFields(title);

describe('the cycle report: every figure against a hand count', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z'); // Monday 10:00 in Mexico City
    const { ana, luis, sofia, marta } = {
      ana: chat.as('ana'),
      luis: chat.as('luis'),
      sofia: chat.as('sofia'),
      marta: chat.as('marta'),
    };
    await ana.says('meta formulario');
    await ana.fills(goal('Meta de Ana'));
    chat.clock.advance(2 * HOUR);
    await luis.clicks('Aprobar'); // approved 2 h after submission
    await sofia.says('meta formulario');
    await sofia.fills(goal('Meta de Sofía')); // still under review
    for (const [mentor, mentee] of [
      [luis, ana],
      [marta, sofia],
    ] as const) {
      await mentor.says('sesión nueva');
      await mentor.says('mañana 10:00');
      await mentor.says('60');
      await mentor.says('-');
      await mentor.says('-');
      await mentor.clicks('Enviar propuesta');
      if (mentee === ana) await ana.clicks('Aceptar');
    }
    chat.clock.advance(26 * HOUR);
    await ana.says('sesiones');
    await ana.clicks('Sí, se realizó');
    await ana.fills({ notes: 'Bien', agreements: '' });
    chat.clock.advance(20 * 24 * HOUR); // execution: check-ins
    await ana.says('avance');
    await ana.says('50');
    chat.clock.advance(130 * 24 * HOUR); // closing: the final evaluation
    await luis.says('evaluar');
    await luis.clicks('Lograda');
    await luis.clicks('5');
    await luis.says('-');
    await luis.says('Constancia');
    await luis.says('Delegar');
    await luis.says('-');
    await luis.clicks('Guardar evaluación');
    await luis.clicks('Conversación final realizada: entregar a Ana Torres');
    await ana.clicks('Acuso recibo');
    await ana.clicks('4');
    await ana.clicks('9');
    await ana.says('-');
    await ana.says('-');
  });
  afterAll(async () => {
    await chat.close();
  });

  it('gives the expected figures as JSON on the command line', async () => {
    const parsed = parseConfig({});
    if (!parsed.ok) throw new Error('config');
    const out: string[] = [];
    const cycle = await chat.db.db.selectFrom('cycles').select('name').executeTakeFirstOrThrow();
    const code = await runCli(['report', '--cycle', cycle.name, '--format', 'json'], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      database: chat.db,
      config: parsed.config,
      platforms: PLATFORMS,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(report.participants).toMatchObject({
      total: 4,
      by_role: { mentor: 2, mentee: 2 },
      by_gender: { f: 3, m: 1, x: 0, n: 0 },
    });
    expect(report.goals).toEqual({ by_state: { achieved: 1, submitted: 1 }, median_hours_to_approval: 2 });
    expect(report.sessions).toEqual({ proposed: 2, held: 1, minimum_per_pair: 0, pairs_below_minimum: 0 });
    expect(report.checkins.reported).toBe(1);
    expect(report.issues).toEqual({ alerts_open: 0, restrictions_open: 0 });
    expect(report.evaluations.by_outcome).toEqual({ achieved: 1, partly_achieved: 0, not_achieved: 0 });
    expect(report.satisfaction).toEqual({ responses: 1, average: 4, nps: 100 });
    // Ana: no plenaries, no minimum of sessions, evaluation released → eligible; Sofía is not yet.
    expect(report.diplomas).toEqual({ eligible: 1, not_eligible: 1, roles: ['mentee'] });
    const csv: string[] = [];
    await runCli(['report', '--cycle', cycle.name, '--format', 'csv'], {
      out: (t) => csv.push(t),
      err: () => {},
      database: chat.db,
      config: parsed.config,
      platforms: PLATFORMS,
    });
    expect(csv.join('')).toContain('participants.by_gender.f,3');
    // The per-participant workbook is written to a file, never printed.
    const dir = mkdtempSync(join(tmpdir(), 'mentoria-report-'));
    const written: string[] = [];
    const path = join(dir, 'resultados.xlsx');
    expect(
      await runCli(['report', '--cycle', cycle.name, '--format', 'xlsx', '--out', path], {
        out: (t) => written.push(t),
        err: (t) => written.push(t),
        database: chat.db,
        config: parsed.config,
        platforms: PLATFORMS,
      }),
    ).toBe(0);
    expect(written.join('')).toMatch(/^Wrote .*resultados\.xlsx \(\d+ bytes\)\.$/);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    const names = [2, 3, 4, 5].map((r) => sheet?.getRow(r).getCell(1).value);
    expect(names).toEqual(['Ana Torres', 'Luis Herrera', 'Marta Díaz', 'Sofía Rivas']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the same figures in chat to the admin and the director, in their language; others are refused', async () => {
    const admin = await chat.as('carmen').says('admin reporte');
    expect(admin.text).toContain('Participantes: 4 (2 personas mentoras, 2 personas mentoradas)');
    expect(admin.text).toContain('mujeres 3 · hombres 1');
    expect(admin.text).toContain('1 realizadas de 2 propuestas');
    expect(admin.text).toContain('promedio 4 de 5 · NPS 100');
    await chat.as('diego').says('language en');
    const director = await chat.as('diego').says('admin report');
    expect(director.text).toContain('Participants: 4 (2 mentors, 2 mentees)');
    expect((await chat.as('ana').says('admin reporte')).text).toBe(
      'No puedes hacer eso: no te corresponde en este programa.',
    );
    expect((await chat.as('carmen').says('admin reporte ciclo-inexistente')).text).toContain(
      'No encontré ese ciclo',
    );
  });

  it('reports on the cycle running today once an upcoming one exists, and on another when named', async () => {
    const [running] = await listCycles(chat.db.db, chat.tenant.id);
    await createCycle(chat.db.db, chat.tenant.id, {
      programId: running?.programId as string,
      name: '2027-2',
      timezone: 'America/Mexico_City',
      enrollmentStarts: '2027-06-01',
      goalSettingStarts: '2027-06-22',
      executionStarts: '2027-07-13',
      closingStarts: '2027-11-15',
      ends: '2027-12-06',
    });
    const report = await chat.as('carmen').says('admin reporte');
    expect(report.text).toContain(`Reporte del ciclo ${running?.name}`);
    expect(report.text).toContain('Participantes: 4');
    const named = await chat.as('carmen').says('admin reporte 2027-2');
    expect(named.text).toContain('Reporte del ciclo 2027-2');
    expect(named.text).toContain('Participantes: 0');
  });

  it('tells a mentor in two running cycles about both pairs, each named by its program and cycle', async () => {
    const { cycle } = await createReverseCohort(chat.db.db, chat.tenant.id);
    const pedro = await createPerson(chat.db.db, chat.tenant.id, {
      name: 'Pedro Soto',
      email: 'pedro@demo.mentoria.invalid',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    const [marta] = await chat.db.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', 'Marta Díaz')
      .execute();
    await enroll(chat.db.db, {
      tenantId: chat.tenant.id,
      cycleId: cycle.id,
      personId: marta?.id as string,
      role: 'mentor',
    });
    await enroll(chat.db.db, {
      tenantId: chat.tenant.id,
      cycleId: cycle.id,
      personId: pedro.id,
      role: 'mentee',
    });
    await createPairing(chat.db.db, chat.tenant.id, {
      cycleId: cycle.id,
      mentorId: marta?.id as string,
      menteeId: pedro.id,
    });
    const hello = await chat.as('marta').says('hola');
    expect(hello.text).toContain('Sofía Rivas («Programa de Mentoría», 2026-demo)');
    expect(hello.text).toContain('Pedro Soto («Mentoría Inversa», 2026-inversa)');
    expect(hello.text).toContain('Participas como mentora en «Programa de Mentoría», «Mentoría Inversa»');
  });

  it('asks an admin which cycle when two run at once, one button per cycle, and acts on the one chosen', async () => {
    const asked = await chat.as('carmen').says('admin reporte');
    expect(asked.text).toContain('Hay varios ciclos en curso: ¿sobre cuál?');
    expect([...asked.buttons].sort()).toEqual([
      '2026-demo (9 de noviembre de 2026 – 10 de mayo de 2027)',
      '2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)',
    ]);
    const chosen = await chat
      .as('carmen')
      .clicks('2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)');
    expect(chosen.text).toContain('Reporte del ciclo 2026-inversa');
    // The choice holds while she keeps working (30 minutes from its last use), then she is asked again.
    chat.clock.advance(20 * 60_000);
    expect((await chat.as('carmen').says('admin reporte')).text).toContain('Reporte del ciclo 2026-inversa');
    chat.clock.advance(20 * 60_000);
    expect((await chat.as('carmen').says('admin reporte')).text).toContain('Reporte del ciclo 2026-inversa');
    chat.clock.advance(31 * 60_000);
    expect((await chat.as('carmen').says('admin reporte')).text).toContain('Hay varios ciclos en curso');
    // A choice is the chooser's alone: the director is asked.
    expect((await chat.as('diego').says('admin report')).text).toContain('Several cycles are running');
    // Named, it runs at once; a participant's click on the chooser is refused like the command.
    expect((await chat.as('carmen').says('admin reporte 2026-demo')).text).toContain(
      'Reporte del ciclo 2026-demo',
    );
    expect(
      (
        await chat
          .as('ana')
          .clicksButtonOf('carmen', '2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)')
      ).text,
    ).toBe('No puedes hacer eso: no te corresponde en este programa.');
  });

  it('counts a mentor’s plenaries in the reverse cycle that expects her there, not in the classic one', async () => {
    const [inversa] = await chat.db.db
      .selectFrom('cycles')
      .select('id')
      .where('name', '=', '2026-inversa')
      .execute();
    const [marta] = await chat.db.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', 'Marta Díaz')
      .execute();
    const past = new Date(chat.clock.now().getTime() - 7 * 24 * 3_600_000);
    for (const [i, present] of [true, true, false].entries()) {
      const plenary = await createPlenary(chat.db.db, {
        tenantId: chat.tenant.id,
        cycleId: inversa?.id as string,
        title: `Plenaria ${i + 1}`,
        startsAt: new Date(past.getTime() + i * 3_600_000),
        durationMinutes: 60,
      });
      if (present)
        await markAttendance(chat.db.db, {
          tenantId: chat.tenant.id,
          plenaryId: plenary.id,
          personId: marta?.id as string,
          present: true,
          markedBy: marta?.id as string,
          via: 'chat',
          at: plenary.startsAt,
        });
    }
    const answer = await chat.as('marta').says('asistencia');
    expect(answer.text).toBe('2026-inversa: Asististe a 2 de 3 plenarias (67 %).');
  });

  it('asks which cycle for plenaries, applications and attendance too, takes a name, and says which', async () => {
    chat.clock.advance(31 * 60_000); // any earlier choice has lapsed
    const carmen = chat.as('carmen');
    const inversa = '2026-inversa (1 de noviembre de 2026 – 10 de mayo de 2027)';
    const demo = '2026-demo (9 de noviembre de 2026 – 10 de mayo de 2027)';
    const asked = await carmen.says('admin plenarias');
    expect(asked.text).toContain('Hay varios ciclos en curso: ¿sobre cuál?');
    expect([...asked.buttons].sort()).toEqual([demo, inversa]);
    expect((await carmen.clicks(inversa)).text).toContain('Plenarias del ciclo 2026-inversa: 3');
    // The choice holds for what comes next, and each answer names the cycle it acted on.
    expect((await carmen.says('admin asistencia 3 marta@demo.mentoria.invalid presente')).text).toBe(
      'Registrado: Marta Díaz quedó presente en la plenaria «Plenaria 3» del ciclo 2026-inversa.',
    );
    expect((await carmen.says('admin postulaciones')).text).toContain('Postulaciones al ciclo 2026-inversa');
    // A name overrides the choice; a wrong name is said to be wrong.
    expect((await carmen.says('admin plenarias 2026-demo')).text).toContain(
      'Plenarias del ciclo 2026-demo: 0',
    );
    expect((await carmen.says('admin postulaciones 2026-demo')).text).toContain(
      'Postulaciones al ciclo 2026-demo',
    );
    expect((await carmen.says('admin plenarias ciclo-x')).text).toBe(
      'No encontré el ciclo «ciclo-x». Revisa cómo se escribe su nombre.',
    );
    expect((await carmen.says('admin asistencia 3 marta@demo.mentoria.invalid ausente 2026-demo')).text).toBe(
      'No hay una plenaria número 3 en este ciclo. Escribe «admin plenarias» para ver la lista.',
    );
    expect((await carmen.says('admin cerrar postulaciones 2026-demo')).text).toBe(
      'Postulaciones cerradas para el ciclo 2026-demo.',
    );
    // Asked anew once the choice lapses, a command typed with more to it runs as typed on the cycle chosen.
    chat.clock.advance(31 * 60_000);
    const mark = await carmen.says('admin asistencia 1 marta@demo.mentoria.invalid ausente');
    expect(mark.text).toContain('Hay varios ciclos en curso');
    expect((await carmen.clicks(inversa)).text).toBe(
      'Registrado: Marta Díaz quedó ausente en la plenaria «Plenaria 1» del ciclo 2026-inversa.',
    );
    const rows = await chat.db.db
      .selectFrom('attendance as a')
      .innerJoin('plenaries as p', 'p.id', 'a.plenary_id')
      .innerJoin('people as m', 'm.id', 'a.person_id')
      .select(['p.title', 'a.present'])
      .where('m.name', '=', 'Marta Díaz')
      .orderBy('p.title')
      .execute();
    expect(rows.map((r) => [r.title, r.present])).toEqual([
      ['Plenaria 1', false],
      ['Plenaria 2', true],
      ['Plenaria 3', true],
    ]);
    // The application window: the name comes before «hasta»; the phase rule speaks for that cycle.
    expect((await carmen.says('admin abrir postulaciones 2026-inversa hasta el 30 de noviembre')).text).toBe(
      'La apertura de postulaciones cerró el 21 de noviembre de 2026.',
    );
  });
});

describe('a mentee paired in two running cycles', () => {
  let chat: ChatDriver;
  beforeAll(async () => {
    chat = await ChatDriver.start('2026-11-23T16:00:00Z'); // goal setting in both cycles
  });
  afterAll(async () => {
    await chat.close();
  });

  it('is asked which cycle a new goal is for, and the choice holds for half an hour of use', async () => {
    const db = chat.db.db;
    // A second classic program running at the same time (in a reverse one the mentor writes the plan).
    const second = await createProgram(db, chat.tenant.id, { name: 'Mentoría Directiva', kind: 'classic' });
    const inversa = await createCycle(db, chat.tenant.id, {
      programId: second.id,
      name: '2026-directiva',
      timezone: 'America/Mexico_City',
      enrollmentStarts: '2026-11-01',
      goalSettingStarts: '2026-11-22',
      executionStarts: '2026-12-13',
      closingStarts: '2027-04-20',
      ends: '2027-05-10',
    });
    const [demo] = await listCycles(db, chat.tenant.id).then((all) =>
      all.filter((c) => c.name === '2026-demo'),
    );
    const pedro = await createPerson(db, chat.tenant.id, {
      name: 'Pedro Soto',
      email: 'pedro@demo.mentoria.invalid',
      locale: 'es',
      timezone: 'America/Mexico_City',
    });
    await upsertIdentity(db, {
      tenantId: chat.tenant.id,
      personId: pedro.id,
      platform: 'console',
      externalId: 'pedro',
      conversationRef: { handle: 'pedro' },
      now: chat.clock.now(),
    });
    const pairings = [];
    for (const [cycle, mentor] of [
      [demo?.id as string, await chat.idOf('luis')],
      [inversa.id, await chat.idOf('marta')],
    ] as const) {
      await enroll(db, { tenantId: chat.tenant.id, cycleId: cycle, personId: pedro.id, role: 'mentee' });
      await enroll(db, { tenantId: chat.tenant.id, cycleId: cycle, personId: mentor, role: 'mentor' }).catch(
        () => undefined,
      );
      pairings.push(
        await createPairing(db, chat.tenant.id, { cycleId: cycle, mentorId: mentor, menteeId: pedro.id }),
      );
    }
    const demoLabel = '2026-demo (9 de noviembre de 2026 – 10 de mayo de 2027)';
    const asked = await chat.as('pedro').says('meta nueva');
    expect(asked.text).toContain('Hay varios ciclos en curso: ¿sobre cuál?');
    expect([...asked.buttons].sort()).toEqual([
      demoLabel,
      '2026-directiva (1 de noviembre de 2026 – 10 de mayo de 2027)',
    ]);
    expect(await conversationPairing(pedro.id)).toBeUndefined(); // nothing started before the answer
    const started = await chat.as('pedro').clicks(demoLabel);
    expect(started.text).toContain('título');
    expect(await conversationPairing(pedro.id)).toBe(pairings[0]?.id);
    // Within the half hour of use, the next command means the same cycle without asking.
    await chat.as('pedro').says('cancelar');
    chat.clock.advance(20 * 60_000);
    expect((await chat.as('pedro').says('meta nueva')).text).not.toContain('Hay varios ciclos');
    expect(await conversationPairing(pedro.id)).toBe(pairings[0]?.id);
    await chat.as('pedro').says('cancelar');
    chat.clock.advance(31 * 60_000);
    expect((await chat.as('pedro').says('meta nueva')).text).toContain('Hay varios ciclos');
    await chat.as('pedro').clicks('2026-directiva (1 de noviembre de 2026 – 10 de mayo de 2027)');
    expect(await conversationPairing(pedro.id)).toBe(pairings[1]?.id);
    // A form opened for the chosen cycle keeps it, even when sent after the choice has lapsed.
    await chat.as('pedro').says('cancelar');
    chat.clock.advance(31 * 60_000);
    expect((await chat.as('pedro').says('meta formulario')).text).toContain('Hay varios ciclos');
    await chat.as('pedro').clicks(demoLabel);
    chat.clock.advance(40 * 60_000);
    expect((await chat.as('pedro').fills(goal('Tablero de indicadores'))).text).toContain(
      'Tablero de indicadores',
    );
    const [saved] = await chat.db.db
      .selectFrom('goals')
      .select('pairing_id')
      .where('title', '=', 'Tablero de indicadores')
      .execute();
    expect(saved?.pairing_id).toBe(pairings[0]?.id);
    // A mentee in one cycle only is never asked.
    expect((await chat.as('ana').says('meta nueva')).text).not.toContain('Hay varios ciclos');
  });

  async function conversationPairing(personId: string): Promise<string | undefined> {
    const row = await chat.db.db
      .selectFrom('conversations')
      .select('data')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return (row?.data as { pairingId?: string } | undefined)?.pairingId;
  }
});
