import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm start`'s entry with a script on standard input, as a person piping a session would. */
function runConsole(
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mentoria-console-'));
  dirs.push(dataDir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(script);
  });
}

// Dates inside the demo cycle, whatever day the test runs (the demo cycle starts around today).
const zone = 'America/Mexico_City';
const day = (days: number) => DateTime.now().setZone(zone).plus({ days }).toFormat('dd/LL/yyyy');

function cycleScript(lang: 'es' | 'en'): string {
  const es = lang === 'es';
  const lines = [
    ...(es ? [] : ['language en', '/as luis', 'language en', '/as carmen', 'language en', '/as ana']),
    es ? 'meta nueva' : 'new goal',
    'Mejorar la comunicación con mi equipo',
    'Organizar reuniones semanales de seguimiento con mi equipo',
    'Realizar 12 reuniones con minuta publicada',
    'Cuento con el apoyo de mi jefa y una sala disponible',
    'La coordinación del área depende de que todos conozcan las prioridades',
    day(100),
    es ? 'Liderazgo' : 'Leadership',
    es ? 'Listo' : 'Done',
    `Primeras cuatro reuniones; ${day(50)}`,
    es ? 'Listo' : 'Done',
    es ? 'Enviar a revisión' : 'Submit for review',
    '/as luis',
    es ? 'Pedir cambios' : 'Request changes',
    'Indica cuántas personas asistirán',
    '/as ana',
    es ? 'Editar' : 'Edit',
    es ? 'Editar' : 'Edit',
    es ? 'Medible' : 'Measurable',
    'Realizar 12 reuniones con al menos 8 personas',
    es ? 'Enviar a revisión' : 'Submit for review',
    // Ana tries to approve her own goal with Luis's button: refused.
    `/pulsar luis ${es ? 'Aprobar' : 'Approve'}`,
    '/as sofia',
    es ? 'meta formulario' : 'goal form',
    'Dominar hojas de cálculo',
    'Aprender a usar tablas dinámicas en los informes',
    'Publicar 3 informes con tablas dinámicas',
    'Tengo acceso a un curso en línea',
    'Los informes mensuales dependen de ello',
    day(90),
    '',
    '',
    // Luis tries to approve Sofía's goal (Marta is her mentor, and reads Spanish): refused.
    '/as luis',
    '/pulsar marta Aprobar',
    es ? 'Aprobar' : 'Approve',
    es ? 'sesión nueva' : 'new session',
    es ? 'mañana 10:00' : 'tomorrow 10:00',
    '60',
    'Sala 3',
    '-',
    es ? 'Enviar propuesta' : 'Send proposal',
    '/as ana',
    es ? 'Aceptar' : 'Accept',
    // Into execution (the demo's goal setting lasts three weeks): check-ins open.
    '/reloj +22d',
    es ? 'sesiones' : 'sessions',
    es ? 'Sí, se realizó' : 'Yes, it happened',
    'Repasamos el plan',
    'Ana enviará la minuta',
    es ? 'avance' : 'check-in',
    '40',
    es ? 'Restricción' : 'Restriction',
    'La sala no estuvo disponible',
    day(70),
    '/as luis',
    es ? 'Responder' : 'Reply',
    'Busquemos otra sala',
    // Into closing: the final evaluation opens.
    '/reloj +130d',
    es ? 'evaluar' : 'evaluate',
    es ? 'Lograda' : 'Achieved',
    '5',
    'Excelente trabajo',
    'Escucha activa y constancia',
    'Delegar tareas',
    '-',
    es ? 'Guardar evaluación' : 'Save evaluation',
    es
      ? 'Conversación final realizada: entregar a Ana Torres'
      : 'Final conversation held: release to Ana Torres',
    '/as ana',
    es ? 'Acuso recibo' : 'Acknowledge',
    '5',
    '10',
    'Muy útil',
    '-',
    '/as carmen',
    es ? 'pendientes' : 'todo',
  ];
  return `${lines.join('\n')}\n`;
}

describe('console chat, scripted through standard input', () => {
  it.each(['es', 'en'] as const)(
    'plays a whole cycle in %s and exits cleanly at end of input',
    async (lang) => {
      const { code, out, err } = await runConsole(cycleScript(lang), { DEFAULT_LOCALE: 'es' });
      expect(err).toBe('');
      expect(code).toBe(0);
      const es = lang === 'es';
      const expected = es
        ? [
            'Creé un programa de demostración',
            '→ luis: Ana Torres envió una meta para tu revisión',
            '→ ana: Luis Herrera pidió cambios en tu meta',
            '→ luis: Ana Torres envió una nueva versión (revisión 2)',
            'ana> /pulsar luis Aprobar\nNo puedes hacer eso: no te corresponde en este programa.',
            'luis> /pulsar marta Aprobar\nNo puedes hacer eso: no te corresponde en este programa.',
            '→ ana: ¡Buenas noticias! Luis Herrera aprobó tu meta',
            '→ luis: Sesión confirmada con Ana Torres',
            '📎 sesion-mentoria.ics',
            '→ luis: Ana Torres registró como realizada la sesión',
            '→ luis: ⛔ Ana Torres reporta una restricción',
            '→ ana: Esta es la evaluación final que Luis Herrera compartió contigo',
            '→ luis: Ana Torres acusó recibo de su evaluación final.',
            '¡Gracias por tus respuestas y por participar en el programa!',
            'Sin resolver: 0 alertas y 1 restricción.',
          ]
        : [
            '→ luis: Ana Torres submitted a goal for your review',
            '→ ana: Luis Herrera asked for changes to your goal',
            '→ luis: Ana Torres submitted a new version (revision 2)',
            'ana> /pulsar luis Approve\nYou cannot do that: it is not your role in this program.',
            'luis> /pulsar marta Aprobar\nYou cannot do that: it is not your role in this program.',
            '→ ana: Good news! Luis Herrera approved your goal',
            '→ luis: Session confirmed with Ana Torres',
            '→ luis: ⛔ Ana Torres reports a restriction',
            '→ ana: This is the final evaluation Luis Herrera shared with you',
            'Thank you for your answers and for taking part in the program!',
            'Unresolved: 0 alerts and 1 restriction.',
          ];
      for (const line of expected) expect(out).toContain(line);
      expect(out).not.toMatch(/Algo falló|Something failed|\n {2}! /);
    },
  );

  it('reads a typed label of an earlier question as text, not as a stale click', async () => {
    const script = [
      'meta nueva',
      'Mejorar la comunicación con mi equipo',
      'Organizar reuniones semanales de seguimiento con mi equipo',
      'Realizar 12 reuniones con minuta publicada',
      'Cuento con el apoyo de mi jefa',
      'La coordinación depende de ello',
      day(100),
      'Liderazgo',
      // The competencies question had a "Listo" button; the milestones question offers "Sin hitos".
      'Listo',
      'Listo',
    ].join('\n');
    const { code, out } = await runConsole(`${script}\n`, { DEFAULT_LOCALE: 'es' });
    expect(code).toBe(0);
    expect(out).not.toContain('Ese botón pertenece a un paso que ya pasó');
    expect(out).toContain('Así quedó tu meta');
  });

  it('sends what the clock makes due when input is piped, as a terminal does', async () => {
    const script = [
      '/as luis',
      'sesión nueva',
      'mañana 10:00',
      '60',
      'Sala 3',
      '-',
      'Enviar propuesta',
      '/as ana',
      'Aceptar',
      // Past a weekend and the quiet hours, whatever day and hour the test runs on.
      '/reloj +4d',
    ].join('\n');
    const { code, out, err } = await runConsole(`${script}\n`, { DEFAULT_LOCALE: 'es' });
    expect(err).toBe('');
    expect(code).toBe(0);
    const afterClock = out.slice(out.indexOf('ana> /reloj +4d'));
    // The session happened while the clock moved: both are asked how it went, on their own.
    expect(afterClock).toContain('¿Se realizó la sesión con Luis Herrera del');
    expect(afterClock).toContain('→ luis: ');
    expect(afterClock).toContain('→ luis: ¿Se realizó la sesión con Ana Torres del');
  });
});

describe('console chat on a database the command line filled first', () => {
  it('starts as a real person of the roster, and says so when there is nobody', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mentoria-console-cli-'));
    dirs.push(dataDir);
    const cli = (...args: string[]) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['bin/mentoria.js', ...args], {
          env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
    expect(await cli('program', 'create', '--name', 'Mentoría 2027', '--kind', 'classic')).toBe(0);
    const empty = await runConsole('ayuda\n', { DATA_DIR: dataDir, DEFAULT_LOCALE: 'es' });
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('No hay nadie en este programa todavía');
    expect(empty.out).not.toContain('Escribes como');

    expect(
      await cli(
        'cycle',
        'create',
        '--program',
        'Mentoría 2027',
        '--name',
        '2027-1',
        '--starts',
        DateTime.now().toISODate() as string,
        '--ends',
        DateTime.now().plus({ months: 6 }).toISODate() as string,
      ),
    ).toBe(0);
    const roster = join(dataDir, 'nomina.csv');
    writeFileSync(
      roster,
      'email;nombre;rol;género\nrosa.perez@ejemplo.gob.mx;Rosa Pérez;mentorada;M\njose.nunez@ejemplo.gob.mx;José Núñez;mentor;H\n',
      'latin1',
    );
    expect(await cli('roster', 'import', roster, '--cycle', '2027-1')).toBe(0);
    const { code, out, err } = await runConsole('/quien\n/as jose.nunez\nayuda\n', {
      DATA_DIR: dataDir,
      DEFAULT_LOCALE: 'es',
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).not.toContain('Escribes como ana');
    expect(out).toMatch(/Escribes como (rosa\.perez|jose\.nunez) \((Rosa Pérez|José Núñez)\)/);
    expect(out).toContain('jose.nunez');
    expect(out).toContain('— jose.nunez —');
  }, 120_000); // five processes, each starting Node and the embedded database
});
