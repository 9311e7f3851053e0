import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { featureRegistry } from '../../../src/flows/features.ts';
import { flowChoiceKind } from '../../../src/flows/flow.ts';
import {
  AUDIENCES,
  actionKind,
  cycleChoiceKind,
  menuKind,
  planPairKind,
  Registry,
  reopenKind,
} from '../../../src/flows/registry.ts';
import { translator } from '../../../src/i18n/index.ts';

const registry = featureRegistry();

/**
 * Phrases as people type them, and what they mean. The table was produced by the switch-based
 * parser the registry replaced (commands.ts before the registry), so a command keeps its words.
 */
const PHRASES: [string, string | undefined, Record<string, unknown>?][] = [
  ['ayuda', 'help', {}],
  ['help', 'help', {}],
  // An admin looking for the admin commands types the obvious thing.
  ['admin help', 'help', {}],
  ['admin ayuda', 'help', {}],
  ['menu', 'help', {}],
  ['hola', 'hello', {}],
  ['Hola', 'hello', {}],
  ['hi', 'hello', {}],
  ['inicio', 'hello', {}],
  ['pendientes', 'pending', {}],
  ['todo', 'pending', {}],
  ['to do', 'pending', {}],
  ['meta nueva', 'new_goal', {}],
  ['Nueva meta', 'new_goal', {}],
  ['new goal', 'new_goal', {}],
  ['meta formulario', 'new_goal_form', {}],
  ['goal form', 'new_goal_form', {}],
  ['metas', 'goals', {}],
  ['my goals', 'goals', {}],
  ['sesión nueva', 'new_session', {}],
  ['nueva sesion', 'new_session', {}],
  ['sesiones', 'sessions', {}],
  ['avance', 'checkin', {}],
  ['check-in', 'checkin', {}],
  ['evaluar', 'evaluate', {}],
  ['evaluación', 'evaluate', {}],
  ['privacidad', 'my_data', {}],
  ['my data', 'my_data', {}],
  ['informe', 'work_report', {}],
  ['work report', 'work_report', {}],
  ['cancelar', 'cancel', {}],
  ['salir', 'cancel', {}],
  ['reanudar', 'resume', {}],
  ['resume', 'resume', {}],
  ['pausar no', 'resume', {}],
  ['snooze off', 'resume', {}],
  ['pausar hasta 15/04', 'snooze', { arg: '15/04' }],
  ['pausar mañana', 'snooze', { arg: 'mañana' }],
  ['snooze until friday', 'snooze', { arg: 'friday' }],
  ['idioma en', 'language', { arg: 'en' }],
  ['language es', 'language', { arg: 'es' }],
  ['lang en', 'language', { arg: 'en' }],
  ['admin agregar admin ana@x.org', 'grant', { role: 'admin', email: 'ana@x.org' }],
  ['admin add director <mailto:ana@x.org|ana@x.org>', 'grant', { role: 'director', email: 'ana@x.org' }],
  ['admin quitar director ana@x.org', 'revoke', { role: 'director', email: 'ana@x.org' }],
  ['admin remove admin b@y.org', 'revoke', { role: 'admin', email: 'b@y.org' }],
  ['admin agregar admin nadie', undefined],
  ['admin emparejar luis@x.org ana@x.org', 'pair', { mentor: 'luis@x.org', mentee: 'ana@x.org' }],
  ['admin pair luis@x.org with ana@x.org', 'pair', { mentor: 'luis@x.org', mentee: 'ana@x.org' }],
  ['admin emparejar luis@x.org con ana@x.org', 'pair', { mentor: 'luis@x.org', mentee: 'ana@x.org' }],
  ['admin en nombre de ana@x.org meta', 'on_behalf', { email: 'ana@x.org', what: 'goal' }],
  ['admin on behalf of ana@x.org evaluation', 'on_behalf', { email: 'ana@x.org', what: 'evaluation' }],
  ['admin en nombre de ana@x.org sesiones', 'on_behalf', { email: 'ana@x.org', what: 'sessions' }],
  ['admin en nombre de luis@x.org informe', 'on_behalf', { email: 'luis@x.org', what: 'work_report' }],
  ['admin on behalf of a@b.co work report', 'on_behalf', { email: 'a@b.co', what: 'work_report' }],
  ['admin diploma ajustes', 'certificate_settings', { arg: '' }],
  ['admin diploma ajustes Mentoría Clásica', 'certificate_settings', { arg: 'Mentoría Clásica' }],
  ['admin certificate settings Classic', 'certificate_settings', { arg: 'Classic' }],
  ['admin diplomas muestra', 'certificate_sample', { arg: '' }],
  ['admin certificate sample X', 'certificate_sample', { arg: 'X' }],
  ['admin diploma preview', 'certificate_sample', { arg: '' }],
  ['admin coach ia', 'ai_coach', { arg: '' }],
  ['admin coach ia sí', 'ai_coach', { arg: 'si' }],
  ['admin coach de ia no', 'ai_coach', { arg: 'no' }],
  ['admin ai coach on', 'ai_coach', { arg: 'on' }],
  ['admin ai coach off', 'ai_coach', { arg: 'off' }],
  ['admin verificar', 'verify_certificate', { arg: '' }],
  ['admin verificar ABCD-EFGH', 'verify_certificate', { arg: 'abcd-efgh' }],
  ['admin verify certificate 1234', 'verify_certificate', { arg: '1234' }],
  ['admin verificar diploma X1', 'verify_certificate', { arg: 'x1' }],
  ['admin resultados', 'results', { arg: '' }],
  ['admin resultados 2026-1', 'results', { arg: '2026-1' }],
  ['admin results 2027 Mayo', 'results', { arg: '2027 Mayo' }],
  ['admin diplomas', 'diplomas', { arg: '' }],
  ['admin diplomas 2026-1', 'diplomas', { arg: '2026-1' }],
  ['admin certificates', 'diplomas', { arg: '' }],
  ['admin auditoría', 'audit', { arg: '' }],
  ['admin auditoría desde 01/11/2026', 'audit', { arg: 'desde 01/11/2026' }],
  ['admin audit since 2026-11-01', 'audit', { arg: 'since 2026-11-01' }],
  ['admin historial', 'history', { email: '', cycle: '' }],
  ['admin historial ana@x.org', 'history', { email: 'ana@x.org', cycle: '' }],
  ['admin historial ana@x.org 2026-1', 'history', { email: 'ana@x.org', cycle: '2026-1' }],
  ['admin history <mailto:a@b.co|a@b.co> Cycle One', 'history', { email: 'a@b.co', cycle: 'Cycle One' }],
  ['historial', 'history', {}],
  ['my history', 'history', {}],
  [
    'admin retirar ana@x.org renunció a la institución',
    'withdraw',
    { email: 'ana@x.org', reason: 'renunció a la institución' },
  ],
  ['admin withdraw a@b.co moved', 'withdraw', { email: 'a@b.co', reason: 'moved' }],
  ['admin retirar nadie', undefined],
  ['admin exportar ana@x.org', 'export_person', { email: 'ana@x.org' }],
  ['admin export a@b.co', 'export_person', { email: 'a@b.co' }],
  ['admin borrar ana@x.org', 'erase_person', { email: 'ana@x.org' }],
  ['admin erase a@b.co', 'erase_person', { email: 'a@b.co' }],
  ['admin borrar ciclo', 'delete_cycle', { arg: '' }],
  ['admin borrar ciclo 2026-1', 'delete_cycle', { arg: '2026-1' }],
  ['admin programa ajustes', 'program_settings', { arg: '' }],
  ['admin programa ajustes Mentoría Clásica', 'program_settings', { arg: 'Mentoría Clásica' }],
  ['admin ajustes del programa X', 'program_settings', { arg: 'X' }],
  ['admin program settings Y', 'program_settings', { arg: 'Y' }],
  ['admin ciclo fechas', 'cycle_dates', { arg: '' }],
  ['admin ciclo fechas 2026-1', 'cycle_dates', { arg: '2026-1' }],
  ['admin cycle dates Z', 'cycle_dates', { arg: 'Z' }],
  ['admin ciclo borrar 2026-2', 'delete_cycle', { arg: '2026-2' }],
  ['admin delete cycle Q', 'delete_cycle', { arg: 'Q' }],
  ['admin plenaria editar 2', 'edit_plenary', { n: 2, cycle: '' }],
  ['admin plenaria editar 2 2026-inversa', 'edit_plenary', { n: 2, cycle: '2026-inversa' }],
  ['admin cancelar plenaria 3', 'cancel_plenary', { n: 3, cycle: '' }],
  ['admin edit plenary 1 X', 'edit_plenary', { n: 1, cycle: 'X' }],
  ['admin cancel plenary 12', 'cancel_plenary', { n: 12, cycle: '' }],
  ['admin postulaciones', 'applications', {}],
  ['admin postulaciones 2027-1', 'applications', { arg: '2027-1' }],
  ['admin applications X', 'applications', { arg: 'X' }],
  ['admin cerrar postulaciones', 'close_applications', {}],
  ['admin close applications 2027-1', 'close_applications', { arg: '2027-1' }],
  ['admin plenaria nueva', 'new_plenary', {}],
  ['admin nueva plenaria 2026-inversa', 'new_plenary', { arg: '2026-inversa' }],
  ['admin new plenary', 'new_plenary', {}],
  ['admin plenarias', 'plenaries', {}],
  ['admin plenarias 2026-inversa', 'plenaries', { arg: '2026-inversa' }],
  ['admin plenaries Cycle', 'plenaries', { arg: 'Cycle' }],
  ['admin pendientes', 'behind', { arg: '' }],
  ['admin pendientes 2027-1', 'behind', { arg: '2027-1' }],
  ['admin to do X', 'behind', { arg: 'X' }],
  ['admin todo', 'behind', { arg: '' }],
  ['admin personas', 'people', { arg: '' }],
  ['admin personas 2027-1', 'people', { arg: '2027-1' }],
  ['admin people Cycle A', 'people', { arg: 'Cycle A' }],
  ['admin abrir postulaciones hasta 30/11', 'open_applications', { arg: 'hasta 30/11' }],
  ['admin open applications until 2026-12-01', 'open_applications', { arg: 'until 2026-12-01' }],
  ['admin abrir postulaciones', 'open_applications', { arg: '' }],
  ['admin asistencia 3 ana@x.org', 'mark_attendance', { n: 3, email: 'ana@x.org', present: true, cycle: '' }],
  [
    'admin asistencia 3 ana@x.org presente',
    'mark_attendance',
    { n: 3, email: 'ana@x.org', present: true, cycle: '' },
  ],
  [
    'admin asistencia 3 ana@x.org ausente 2026-inversa',
    'mark_attendance',
    { n: 3, email: 'ana@x.org', present: false, cycle: '2026-inversa' },
  ],
  [
    'admin attendance 1 a@b.co absent',
    'mark_attendance',
    { n: 1, email: 'a@b.co', present: false, cycle: '' },
  ],
  [
    'admin asistencia 3 ana@x.org 2026-inversa',
    'mark_attendance',
    { n: 3, email: 'ana@x.org', present: true, cycle: '2026-inversa' },
  ],
  ['admin competencia nueva Liderazgo ético', 'competency_add', { names: 'Liderazgo ético' }],
  ['admin new competency Ethics; Ética', 'competency_add', { names: 'Ethics; Ética' }],
  [
    'admin competencia renombrar liderazgo Liderazgo Público',
    'competency_rename',
    { key: 'liderazgo', names: 'Liderazgo Público' },
  ],
  ['admin rename competency x Y z', 'competency_rename', { key: 'x', names: 'Y z' }],
  ['admin sugerir parejas', 'suggest_pairs', { arg: '' }],
  ['admin sugerir parejas 2026-1', 'suggest_pairs', { arg: '2026-1' }],
  ['admin suggest pairs Cycle', 'suggest_pairs', { arg: 'Cycle' }],
  ['admin reporte', 'report', { arg: '' }],
  ['admin reporte 2026-1', 'report', { arg: '2026-1' }],
  ['reporte', 'report', { arg: '' }],
  ['report X', 'report', { arg: 'X' }],
  ['admin report', 'report', { arg: '' }],
  ['admin programa nuevo', 'new_program', {}],
  ['admin new cycle', 'new_cycle', {}],
  ['admin competencias', 'competencies', {}],
  ['admin programas', 'programs', {}],
  ['admin cycles', 'cycles', {}],
  ['postular', 'apply', {}],
  ['quiero postular', 'apply', {}],
  ['apply', 'apply', {}],
  ['asistencia', 'attendance', {}],
  ['my attendance', 'attendance', {}],
  ['hello there', undefined],
  ['mejorar la atención', undefined],
  ['admin', undefined],
  ['admin coach', undefined],
  ['reporte de trabajo', 'work_report', {}],
  ['admin diplomas ajustes', 'certificate_settings', { arg: '' }],
  ['admin certificates settings P', 'certificate_settings', { arg: 'P' }],
];

describe('the handler registry', () => {
  it('reads every phrase as the parser it replaced did', () => {
    for (const [text, name, args] of PHRASES) {
      const parsed = registry.parse(text);
      expect(parsed?.spec.name, text).toBe(name);
      if (parsed && args) {
        const given = Object.fromEntries(Object.entries(parsed.args).filter(([, v]) => v !== undefined));
        expect(given, text).toEqual(args);
      }
    }
  });

  it('derives the read-only list from the declarations', () => {
    const readOnly = registry.features
      .flatMap((f) => f.commands ?? [])
      .filter((c) => c.readOnly)
      .map((c) => c.name)
      .sort();
    expect(readOnly).toEqual(
      [
        'applications',
        'attendance',
        'behind',
        'certificate_sample',
        'competencies',
        'cycles',
        'goals',
        'help',
        'history',
        'my_data',
        'pending',
        'people',
        'plenaries',
        'programs',
        'report',
        'sessions',
        'suggest_pairs',
        'verify_certificate',
      ].sort(),
    );
    expect(registry.isReadOnly({ kind: 'text', text: 'Pendientes' })).toBe(true);
    expect(registry.isReadOnly({ kind: 'text', text: 'meta nueva' })).toBe(false);
    // A menu button reads when its command does, in today's value and in an older one.
    expect(registry.isReadOnly({ kind: 'action', actionId: 'menu', value: '{"cmd":"pending"}' })).toBe(true);
    expect(registry.isReadOnly({ kind: 'action', actionId: 'menu', value: '{"c":"goals"}' })).toBe(true);
    expect(registry.isReadOnly({ kind: 'action', actionId: 'menu', value: '{"cmd":"new_goal"}' })).toBe(
      false,
    );
    expect(
      registry.isReadOnly({ kind: 'action', actionId: 'goal.approve', value: '{"goal":"x","rev":1}' }),
    ).toBe(false);
  });

  it('builds every menu from the declarations, its first button primary', () => {
    const t = translator('es');
    expect(registry.menu('mentee')).toEqual([
      'new_goal',
      'goals',
      'new_session',
      'sessions',
      'checkin',
      'pending',
      'evaluate',
    ]);
    expect(registry.menu('mentor')).toEqual(['pending', 'goals', 'new_session', 'sessions', 'evaluate']);
    expect(registry.menu('plan_mentor')).toEqual([
      'new_goal',
      'goals',
      'new_session',
      'sessions',
      'checkin',
      'pending',
      'work_report',
    ]);
    expect(registry.menu('colleague')).toEqual(['goals', 'new_session', 'sessions', 'pending']);
    expect(registry.menu('admin')).toEqual(['pending', 'goals']);
    expect(registry.menu('none')).toEqual([]);
    const button = registry.menuButton(t, 'goals', 'primary');
    expect(button).toEqual({
      actionId: 'menu',
      label: 'Mis metas',
      value: '{"cmd":"goals"}',
      style: 'primary',
    });
    // Every menu command runs from its button, and a command no menu shows does not.
    for (const audience of AUDIENCES)
      for (const name of registry.menu(audience)) expect(registry.menuCommand(name)?.spec.name).toBe(name);
    expect(registry.menuCommand('erase_person')).toBeUndefined();
  });

  it('writes each help from the declarations, every line in both languages', () => {
    for (const locale of ['es', 'en'] as const) {
      const t = translator(locale);
      for (const audience of AUDIENCES) {
        const { own, everyone } = registry.helpLines(t, audience);
        const declared = registry.features
          .flatMap((f) => f.commands ?? [])
          .filter((c) => c.help?.includes(audience));
        expect(own).toHaveLength(declared.length);
        for (const line of [...own, ...everyone]) {
          // A missing key comes back as the key itself.
          expect(line, `${locale} ${audience}`).toMatch(/^• /);
          expect(line).not.toContain('help.line');
        }
      }
      // Lines differ by audience where the words do: a mentor's goals are their mentees'.
      const goals = (audience: (typeof AUDIENCES)[number]) =>
        registry.helpLines(t, audience).own.find((l) => l.includes(locale === 'es' ? '«metas»' : '“goals”'));
      expect(goals('mentor')).not.toBe(goals('mentee'));
    }
    const es = registry.helpLines(translator('es'), 'mentee');
    expect(es.own[0]).toBe(
      '• «meta nueva» — redactar una meta paso a paso («meta formulario» para hacerlo en un solo formulario)',
    );
    expect(es.everyone).toContain('• «privacidad» — lo que Mentoría guarda de ti');
  });

  it('refuses a command, phrase, action or form declared twice, and takes distinct ones', () => {
    const run = async () => ({ messages: [] });
    const kind = actionKind('x.one', z.object({ id: z.string() }));
    const other = actionKind('x.two', z.object({ id: z.string() }));
    const command = (name: string, words: string[]) => ({ name, words, run });
    const twice = [
      [
        { name: 'a', commands: [command('one', ['uno'])] },
        { name: 'b', commands: [command('one', ['dos'])] },
      ],
      [
        { name: 'a', commands: [command('one', ['uno'])] },
        { name: 'b', commands: [command('two', ['uno'])] },
      ],
      [
        { name: 'a', actions: [{ kind, run }] },
        { name: 'b', actions: [{ kind, run }] },
      ],
      [
        { name: 'a', forms: [{ kind, run }] },
        { name: 'b', forms: [{ kind, run }] },
      ],
      [{ name: 'a', commands: [command('one', ['Uno'])] }],
    ];
    for (const features of twice) expect(() => new Registry(features as never)).toThrow();
    const distinct = new Registry([
      { name: 'a', commands: [command('one', ['uno'])], actions: [{ kind, run }], forms: [{ kind, run }] },
      { name: 'b', commands: [command('two', ['dos'])], actions: [{ kind: other, run }] },
    ] as never);
    expect(distinct.parse('Dos')?.spec.name).toBe('two');
    expect(distinct.action('x.two')?.kind).toBe(other);
  });
});

describe('button values', () => {
  const clicked = (id: string, value: unknown) => registry.action(id)?.kind.parse(JSON.stringify(value));
  const submitted = (id: string, value: unknown) => registry.form(id)?.kind.parse(JSON.stringify(value));

  it("carry short named keys, and buttons already in people's chats keep working", () => {
    const pairs: [string, unknown, unknown, 'click' | 'form'][] = [
      ['goal.approve', { g: 'g1', r: 2 }, { goal: 'g1', rev: 2 }, 'click'],
      ['goal.request_changes', { g: 'g1', r: 2, l: 1 }, { goal: 'g1', rev: 2, inList: 1 }, 'click'],
      ['goal.request_changes', { g: 'g1', r: 2 }, { goal: 'g1', rev: 2 }, 'form'],
      ['goal.edit', { g: 'g1' }, { goal: 'g1' }, 'click'],
      ['goal.withdraw_confirm', { g: 'g1' }, { goal: 'g1' }, 'click'],
      ['goal.form', { p: 'p1' }, { pairing: 'p1' }, 'form'],
      ['goal.form', { m: 'm1' }, { mentee: 'm1' }, 'form'],
      ['session.accept', { s: 's1', l: 1 }, { session: 's1', inList: 1 }, 'click'],
      ['session.held', { s: 's1' }, { session: 's1' }, 'form'],
      ['checkin.resolve', { u: 'u1' }, { update: 'u1' }, 'click'],
      ['checkin.reply', { u: 'u1' }, { update: 'u1' }, 'form'],
      ['evaluation.release', { e: 'e1' }, { evaluation: 'e1' }, 'click'],
      ['evaluation.acknowledge', { e: 'e1' }, { evaluation: 'e1' }, 'click'],
      ['application.endorse', { a: 'a1' }, { application: 'a1' }, 'click'],
      ['application.form', { c: 'c1' }, { cycle: 'c1' }, 'form'],
      ['application.supervisor_form', { a: 'a1' }, { application: 'a1' }, 'form'],
      ['plenary.attend', { p: 'p1' }, { plenary: 'p1' }, 'click'],
      ['plenary.form', { c: 'c1', p: 'p1' }, { cycle: 'c1', plenary: 'p1' }, 'form'],
      ['pairs.apply', { c: 'c1', h: 'abc' }, { cycle: 'c1', hash: 'abc' }, 'click'],
      ['behind.remind', { y: 'c1', k: 'no_goal' }, { cycle: 'c1', group: 'no_goal' }, 'click'],
      ['download.approve', { n: 'n1' }, { request: 'n1' }, 'click'],
      ['nudge.later', { n: 'n1' }, { nudge: 'n1' }, 'click'],
      ['privacy.erase', { p: 'p1', e: 'a@b.co' }, { person: 'p1', email: 'a@b.co' }, 'click'],
      ['work_report.validate', { w: 'w1', r: 1 }, { report: 'w1', rev: 1 }, 'click'],
      ['work_report.file', { w: 'w1' }, { report: 'w1' }, 'click'],
      ['work_report.form', { p: 'p1', b: 1 }, { pairing: 'p1', paper: 1 }, 'form'],
    ];
    for (const [id, legacy, current, how] of pairs) {
      const parse = how === 'click' ? clicked : submitted;
      expect(parse(id, legacy), `${id} ${JSON.stringify(legacy)}`).toEqual(current);
      expect(parse(id, current), `${id} ${JSON.stringify(current)}`).toEqual(current);
      // A value of neither shape is refused.
      expect(parse(id, { x: 1 }), id).toBeUndefined();
    }
    const dispatcher: [typeof menuKind | typeof cycleChoiceKind | typeof planPairKind, unknown, unknown][] = [
      [menuKind, { c: 'goals' }, { cmd: 'goals' }],
      [cycleChoiceKind, { k: 'report', y: 'c1' }, { cmd: 'report', cycle: 'c1' }],
      [
        cycleChoiceKind,
        { k: 'pending', y: 'c1', t: 'admin x' },
        { cmd: 'pending', cycle: 'c1', typed: 'admin x' },
      ],
      [planPairKind, { k: 'checkin', p: 'p1' }, { cmd: 'checkin', pairing: 'p1' }],
    ];
    for (const [kind, legacy, current] of dispatcher) {
      expect(kind.parse(JSON.stringify(legacy))).toEqual(current);
      expect(kind.parse(JSON.stringify(current))).toEqual(current);
    }
    expect(flowChoiceKind.parse('{"f":"goal_draft","s":"summary","c":"submit"}')).toEqual({
      flow: 'goal_draft',
      step: 'summary',
      choice: 'submit',
    });
    expect(reopenKind.parse('{"t":"meta formulario"}')).toEqual({ text: 'meta formulario' });
  });

  it('refuses what no button of the kind carries', () => {
    for (const [id, value] of [
      ['goal.approve', { goal: 'g1' }],
      ['goal.approve', { goal: 'g1', rev: 0 }],
      ['goal.approve', { g: 'x'.repeat(500), r: 1 }],
      ['session.accept', { session: 's1', inList: 2 }],
      ['behind.remind', { cycle: 'c1', group: 'everyone' }],
    ] as const)
      expect(clicked(id, value), `${id} ${JSON.stringify(value)}`).toBeUndefined();
    expect(registry.action('goal.approve')?.kind.parse('not json')).toBeUndefined();
    expect(
      registry.action('goal.approve')?.kind.parse(`{"goal":"${'x'.repeat(3000)}","rev":1}`),
    ).toBeUndefined();
  });
});
