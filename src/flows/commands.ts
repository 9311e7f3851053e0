/**
 * Command words in both languages. People type them in a direct message or after `/mentoria`;
 * accents and case do not matter ("sesion nueva" = "Sesión nueva").
 */
export type Command =
  | { name: 'help' }
  | { name: 'hello' }
  | { name: 'pending' }
  | { name: 'new_goal' }
  | { name: 'new_goal_form' }
  | { name: 'goals' }
  | { name: 'new_session' }
  | { name: 'sessions' }
  | { name: 'checkin' }
  | { name: 'evaluate' }
  | { name: 'work_report' }
  | { name: 'my_data' }
  | { name: 'ai_coach'; arg: string }
  | { name: 'cancel' }
  | { name: 'language'; arg: string }
  | { name: 'snooze'; arg: string }
  | { name: 'resume' }
  | { name: 'report'; arg: string }
  | { name: 'grant' | 'revoke'; role: 'admin' | 'director'; email: string }
  | { name: 'suggest_pairs'; arg: string }
  | { name: 'pair'; mentor: string; mentee: string }
  | { name: 'results'; arg: string }
  | { name: 'diplomas'; arg: string }
  | { name: 'export_person' | 'erase_person'; email: string }
  | { name: 'apply' }
  | { name: 'applications' | 'close_applications' | 'new_plenary' | 'plenaries'; arg?: string }
  | { name: 'open_applications'; arg: string }
  | { name: 'attendance' }
  | { name: 'mark_attendance'; n: number; email: string; present: boolean; cycle: string }
  | { name: 'edit_plenary' | 'cancel_plenary'; n: number; cycle: string }
  | { name: 'program_settings' | 'cycle_dates' | 'delete_cycle'; arg: string }
  | { name: 'certificate_settings' | 'certificate_sample' | 'verify_certificate'; arg: string }
  | { name: 'withdraw'; email: string; reason: string }
  | { name: 'audit'; arg: string }
  /** No email: one's own pairs; an empty one: `admin historial` without the address. */
  | { name: 'history'; email?: string; cycle?: string }
  | { name: 'new_program' }
  | { name: 'new_cycle' }
  | { name: 'competencies' }
  | { name: 'programs' | 'cycles' }
  | { name: 'people'; arg: string }
  | { name: 'behind'; arg?: string }
  | { name: 'competency_add'; names: string }
  | { name: 'competency_rename'; key: string; names: string }
  | { name: 'on_behalf'; email: string; what: 'goal' | 'evaluation' | 'sessions' | 'work_report' };

export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const EXACT: Record<string, Command['name']> = {
  ayuda: 'help',
  help: 'help',
  menu: 'help',
  hola: 'hello',
  hi: 'hello',
  hello: 'hello',
  inicio: 'hello',
  start: 'hello',
  pendientes: 'pending',
  pendiente: 'pending',
  todo: 'pending',
  pending: 'pending',
  'to do': 'pending',
  'meta nueva': 'new_goal',
  'nueva meta': 'new_goal',
  'new goal': 'new_goal',
  'meta nueva formulario': 'new_goal_form',
  'meta formulario': 'new_goal_form',
  'new goal form': 'new_goal_form',
  'goal form': 'new_goal_form',
  metas: 'goals',
  'mis metas': 'goals',
  goals: 'goals',
  'my goals': 'goals',
  'sesion nueva': 'new_session',
  'nueva sesion': 'new_session',
  'new session': 'new_session',
  sesiones: 'sessions',
  'mis sesiones': 'sessions',
  sessions: 'sessions',
  'my sessions': 'sessions',
  avance: 'checkin',
  'avance semanal': 'checkin',
  'check-in': 'checkin',
  checkin: 'checkin',
  'check in': 'checkin',
  evaluar: 'evaluate',
  evaluacion: 'evaluate',
  evaluate: 'evaluate',
  evaluation: 'evaluate',
  privacidad: 'my_data',
  'mis datos': 'my_data',
  privacy: 'my_data',
  'my data': 'my_data',
  informe: 'work_report',
  'informe de trabajo': 'work_report',
  'mi informe': 'work_report',
  'reporte de trabajo': 'work_report',
  'work report': 'work_report',
  'my work report': 'work_report',
  cancelar: 'cancel',
  cancel: 'cancel',
  salir: 'cancel',
  reanudar: 'resume',
  resume: 'resume',
  'admin programa nuevo': 'new_program',
  'admin nuevo programa': 'new_program',
  'admin new program': 'new_program',
  'admin ciclo nuevo': 'new_cycle',
  'admin nuevo ciclo': 'new_cycle',
  'admin new cycle': 'new_cycle',
  'admin competencias': 'competencies',
  'admin programas': 'programs',
  'admin programs': 'programs',
  'admin ciclos': 'cycles',
  'admin cycles': 'cycles',
  'admin pendientes': 'behind',
  'admin todo': 'behind',
  'admin pending': 'behind',
  'admin to do': 'behind',
  'admin personas': 'people',
  'admin people': 'people',
  postular: 'apply',
  postulacion: 'apply',
  'quiero postular': 'apply',
  apply: 'apply',
  application: 'apply',
  'admin postulaciones': 'applications',
  'admin applications': 'applications',
  'admin cerrar postulaciones': 'close_applications',
  'admin close applications': 'close_applications',
  'admin plenaria nueva': 'new_plenary',
  'admin nueva plenaria': 'new_plenary',
  'admin new plenary': 'new_plenary',
  'admin plenarias': 'plenaries',
  'admin plenaries': 'plenaries',
  asistencia: 'attendance',
  'mi asistencia': 'attendance',
  attendance: 'attendance',
  'my attendance': 'attendance',
  'admin competencies': 'competencies',
  'pausar no': 'resume',
  'snooze off': 'resume',
  historial: 'history',
  'mi historial': 'history',
  history: 'history',
  'my history': 'history',
};

/** Commands that only read: answering them later loses nothing if the process dies meanwhile. */
const READ_ONLY = new Set<Command['name']>([
  'help',
  'pending',
  'goals',
  'sessions',
  'report',
  'competencies',
  'programs',
  'cycles',
  'people',
  'behind',
  'plenaries',
  'attendance',
  'applications',
  'suggest_pairs',
  'history',
  'certificate_sample',
  'verify_certificate',
  'my_data',
]);

/** What the menu buttons (`{ c: … }` values) run. */
export const MENU_COMMANDS: Record<string, Command | undefined> = {
  new_goal: { name: 'new_goal' },
  new_goal_form: { name: 'new_goal_form' },
  goals: { name: 'goals' },
  new_session: { name: 'new_session' },
  sessions: { name: 'sessions' },
  checkin: { name: 'checkin' },
  pending: { name: 'pending' },
  evaluate: { name: 'evaluate' },
  work_report: { name: 'work_report' },
  help: { name: 'help' },
};

/**
 * Whether a request only reads. Adapters acknowledge those at once and answer after; a request
 * that changes something is acknowledged only once its change is committed, so a crash never
 * swallows a click.
 */
export function isReadOnlyRequest(
  request: { kind: 'text'; text: string } | { kind: 'action'; actionId: string; value: string },
): boolean {
  if (request.kind === 'text') {
    const command = parseCommand(request.text);
    return command !== undefined && READ_ONLY.has(command.name);
  }
  if (request.actionId !== 'menu' || request.value.length > 200) return false;
  try {
    const command = MENU_COMMANDS[String((JSON.parse(request.value) as { c?: unknown }).c)];
    return command !== undefined && READ_ONLY.has(command.name);
  } catch {
    return false;
  }
}

/**
 * The address in a word as people type it: plain in Teams and the console, `<mailto:a@b|a@b>`
 * in Slack. Undefined when there is none.
 */
export function emailIn(word: string | undefined): string | undefined {
  return word ? /([^\s<>|:]+@[^\s<>|]+\.[^\s<>|]+)/.exec(word)?.[1]?.toLowerCase() : undefined;
}

/** The command a text names, or undefined for free text. */
export function parseCommand(text: string): Command | undefined {
  const words = normalize(text);
  const exact = EXACT[words];
  if (exact) return { name: exact } as Command;
  const language = /^(idioma|language|lang)\s+(.+)$/.exec(words);
  if (language) return { name: 'language', arg: language[2] as string };
  const grant = /^admin (agregar|anadir|add|quitar|remove) (admin|director|directora)\s+(\S+)$/.exec(words);
  // Slack writes an address as <mailto:ana@x.org|ana@x.org>; Teams as plain text.
  const email = grant && emailIn(grant[3]);
  if (grant && email) {
    const name = grant[1] === 'quitar' || grant[1] === 'remove' ? 'revoke' : 'grant';
    return { name, role: grant[2] === 'admin' ? 'admin' : 'director', email };
  }
  const pair = /^admin (emparejar|pair) (\S+) (?:con |with |y |and )?(\S+)$/.exec(words);
  const pairEmails = pair && [emailIn(pair[2]), emailIn(pair[3])];
  if (pairEmails?.[0] && pairEmails[1]) return { name: 'pair', mentor: pairEmails[0], mentee: pairEmails[1] };
  const paper =
    /^admin (?:en nombre de|on behalf of) (\S+) (meta|goal|evaluacion|evaluation|sesiones|sessions|informe|work report)$/.exec(
      words,
    );
  const paperEmail = paper && emailIn(paper[1]);
  if (paper && paperEmail) {
    const what =
      paper[2] === 'meta' || paper[2] === 'goal'
        ? 'goal'
        : paper[2]?.startsWith('eval')
          ? 'evaluation'
          : paper[2] === 'informe' || paper[2] === 'work report'
            ? 'work_report'
            : 'sessions';
    return { name: 'on_behalf', email: paperEmail, what };
  }
  // `admin diploma ajustes [programa]`, `admin diploma muestra [programa]`: the program as written.
  const certificate =
    /^admin (?:diploma|diplomas|certificate|certificates) (ajustes|settings|muestra|ejemplo|sample|preview)(?: .+)?$/.exec(
      words,
    );
  if (certificate) {
    const arg = text.trim().split(/\s+/).slice(3).join(' ');
    return {
      name: /ajustes|settings/.test(certificate[1] ?? '') ? 'certificate_settings' : 'certificate_sample',
      arg,
    };
  }
  const aiCoach = /^admin (?:coach(?: de)? ia|ai coach)(?: (si|no|on|off|activar|desactivar|yes))?$/.exec(
    words,
  );
  if (aiCoach) return { name: 'ai_coach', arg: aiCoach[1] ?? '' };
  const verify = /^admin (?:verificar|verify)(?: (?:diploma|certificado|certificate))?(?: (.+))?$/.exec(
    words,
  );
  if (verify) return { name: 'verify_certificate', arg: verify[1] ?? '' };
  const results = /^admin (resultados|results|diplomas|certificates)(\s+.+)?$/.exec(words);
  if (results) {
    const arg = text.trim().split(/\s+/).slice(2).join(' ');
    return { name: results[1] === 'diplomas' || results[1] === 'certificates' ? 'diplomas' : 'results', arg };
  }
  // `admin auditoría desde 01/11/2026`: the date as written (the parser needs its spelling).
  const audit = /^admin (?:auditoria|audit)(?: .+)?$/.exec(words);
  if (audit) return { name: 'audit', arg: text.trim().split(/\s+/).slice(2).join(' ') };
  // `admin retirar ana@x.org renunció a la institución`: the reason keeps its spelling.
  // `admin historial ana@x.org [2026-1]`: a pair's history; the cycle's name as written.
  const history = /^admin (?:historial|history)(?: (\S+))?(?: .+)?$/.exec(words);
  if (history)
    return {
      name: 'history',
      email: emailIn(history[1]) ?? '',
      cycle: text.trim().split(/\s+/).slice(3).join(' '),
    };
  const withdraw = /^admin (?:retirar|withdraw) (\S+)(?: .+)?$/.exec(words);
  const withdrawEmail = withdraw && emailIn(withdraw[1]);
  if (withdrawEmail) {
    return { name: 'withdraw', email: withdrawEmail, reason: text.trim().split(/\s+/).slice(3).join(' ') };
  }
  const privacy = /^admin (exportar|export|borrar|erase) (\S+)$/.exec(words);
  const privacyEmail = privacy && emailIn(privacy[2]);
  if (privacy && privacyEmail) {
    return {
      name: privacy[1] === 'exportar' || privacy[1] === 'export' ? 'export_person' : 'erase_person',
      email: privacyEmail,
    };
  }
  // `admin programa ajustes [programa]`, `admin ciclo fechas [ciclo]`, `admin ciclo borrar <ciclo>`:
  // the name as written, after the command's words.
  const setting =
    /^admin (programa ajustes|ajustes del programa|program settings|ciclo fechas|fechas del ciclo|cycle dates|ciclo borrar|borrar ciclo|delete cycle)(?: .+)?$/.exec(
      words,
    );
  if (setting?.[1]) {
    const arg = text
      .trim()
      .split(/\s+/)
      .slice(1 + setting[1].split(' ').length)
      .join(' ');
    const name = /ajustes|settings/.test(setting[1])
      ? 'program_settings'
      : /fechas|dates/.test(setting[1])
        ? 'cycle_dates'
        : 'delete_cycle';
    return { name, arg };
  }
  // `admin plenaria editar 2 [ciclo]`, `admin cancel plenary 2`: the number in `admin plenarias`.
  const plenary =
    /^admin (?:plenaria (editar|cancelar)|(editar|cancelar) plenaria|(edit|cancel) plenary) (\d{1,3})(?: .+)?$/.exec(
      words,
    );
  if (plenary) {
    const verb = plenary[1] ?? plenary[2] ?? plenary[3];
    return {
      name: verb === 'editar' || verb === 'edit' ? 'edit_plenary' : 'cancel_plenary',
      n: Number(plenary[4]),
      cycle: text.trim().split(/\s+/).slice(4).join(' '),
    };
  }
  // The cycle's name as written, after the command's words: `admin plenarias 2026-inversa`.
  const named =
    /^admin (postulaciones|applications|cerrar postulaciones|close applications|plenaria nueva|nueva plenaria|new plenary|plenarias|plenaries) (.+)$/.exec(
      words,
    );
  const namedCommand = named && EXACT[`admin ${named[1]}`];
  if (named && namedCommand) {
    const arg = text
      .trim()
      .split(/\s+/)
      .slice(1 + (named[1]?.split(' ').length ?? 0))
      .join(' ');
    return { name: namedCommand, arg } as Command;
  }
  // `admin pendientes 2027-1`: the cycle's name as written.
  const behind = /^admin (pendientes|todo|pending|to do) (.+)$/.exec(words);
  if (behind) {
    const arg = text
      .trim()
      .split(/\s+/)
      .slice(1 + (behind[1]?.split(' ').length ?? 0))
      .join(' ');
    return { name: 'behind', arg };
  }
  // `admin personas 2027-1`: the cycle's name as written.
  const people = /^admin (personas|people) (.+)$/.exec(words);
  if (people) return { name: 'people', arg: text.trim().split(/\s+/).slice(2).join(' ') };
  const open = /^admin (abrir postulaciones|open applications)(\s+.+)?$/.exec(words);
  if (open) return { name: 'open_applications', arg: text.trim().split(/\s+/).slice(3).join(' ') };
  const mark =
    /^admin (?:asistencia|attendance) (\d{1,3}) (\S+)(?: (presente|present|ausente|absent))?(?: (.+))?$/.exec(
      words,
    );
  const markEmail = mark && emailIn(mark[2]);
  if (mark && markEmail) {
    const present = mark[3] !== 'ausente' && mark[3] !== 'absent';
    // A cycle named last keeps its spelling: `admin asistencia 3 ana@x.org presente 2026-inversa`.
    const cycle = mark[4]
      ? text
          .trim()
          .split(/\s+/)
          .slice(mark[3] ? 5 : 4)
          .join(' ')
      : '';
    return { name: 'mark_attendance', n: Number(mark[1]), email: markEmail, present, cycle };
  }
  // Competency names keep their spelling (accents, capitals): taken from the original text.
  const original = text.trim().replace(/\s+/g, ' ');
  const addCompetency = /^admin (competencia nueva|nueva competencia|new competency) (.+)$/.exec(words);
  if (addCompetency) {
    return { name: 'competency_add', names: original.split(' ').slice(3).join(' ') };
  }
  const rename = /^admin (competencia renombrar|renombrar competencia|rename competency) (\S+) (.+)$/.exec(
    words,
  );
  if (rename) {
    return {
      name: 'competency_rename',
      key: rename[2] as string,
      names: original.split(' ').slice(4).join(' '),
    };
  }
  const suggest = /^(admin sugerir parejas|admin suggest pairs)(\s+.+)?$/.exec(words);
  if (suggest) {
    const original = text.trim().split(/\s+/).slice(3).join(' ');
    return { name: 'suggest_pairs', arg: original };
  }
  const report = /^(admin reporte|admin report|reporte|report)(\s+.+)?$/.exec(words);
  if (report) {
    // Keep the cycle's name as written (names are matched without regard to case).
    const original = text.trim().split(/\s+/).slice(report[1]?.split(' ').length).join(' ');
    return { name: 'report', arg: original };
  }
  const snooze = /^(pausar hasta|pausar|snooze until|snooze)\s+(.+)$/.exec(words);
  if (snooze) {
    // Keep the original spelling of the date ("mañana" needs its ñ for the parser).
    const original = text.trim().split(/\s+/).slice(snooze[1]?.split(' ').length).join(' ');
    return { name: 'snooze', arg: original };
  }
  return undefined;
}
