import type { IsoDate } from './time.ts';

/**
 * The SMART coach: whether a goal (or one part of it) is specific, measurable and time-bound, and
 * what is missing when it is not. Pure: dates are recognised by a function the caller passes in
 * (the free-text date parser lives outside the domain). Achievable and relevant stay the mentee's
 * own words and are not judged. The verdict is advice: it never blocks a goal.
 *
 * Measured on the labelled corpus in `test/fixtures/smart/` (`npm run bench -- --only smart_coach`).
 */

export type CoachLanguage = 'es' | 'en';
export type Criterion = 'specific' | 'measurable' | 'timeBound';
export const CRITERIA: readonly Criterion[] = ['specific', 'measurable', 'timeBound'];

/** A date or period found in a text, as the recognizer read it. */
export interface DateFinding {
  /** `impossible`: written as a date that does not exist (31/02). */
  kind: 'date' | 'period' | 'impossible';
  /** The last day it allows (a deadline, or the end of the period). */
  end?: IsoDate;
  /** The words it was read from, and where they are. */
  text: string;
  index: number;
}

export type DateRecognizer = (text: string) => DateFinding[];

export type SpecificGap = 'no_action' | 'vague_verb' | 'no_object' | 'vague_object' | 'negation';
export type MeasurableGap = 'no_indicator' | 'only_date' | 'bare_number' | 'vague_quantity';
export type TimeGap = 'no_date' | 'vague_time' | 'impossible_date' | 'past' | 'after_cycle';

export interface Verdict<G extends string> {
  ok: boolean;
  gap?: G;
  /** The words that made the gap, as written ("muchas", "100", "31/02", "pronto"). */
  word?: string;
}

export interface GoalVerdict {
  specific: Verdict<SpecificGap> & { action?: string };
  measurable: Verdict<MeasurableGap> & { indicator?: string };
  timeBound: Verdict<TimeGap> & { date?: IsoDate; dateText?: string };
}

/** Lower case, accents off: lexicons are matched on this. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

interface Token {
  word: string;
  index: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  // "95 %" and "95%" are one token: a percentage is a number with its unit.
  for (const m of fold(text).matchAll(/\d+(?:[.,]\d+)*\s?%|[\p{L}\p{N}]+(?:[.,]\d+)*|%/gu))
    out.push({ word: m[0].replace(/\s/g, ''), index: m.index ?? 0 });
  return out;
}

const words = (list: string) => new Set(list.trim().split(/\s+/));

// Spanish actions, by infinitive: their conjugations (future and present first person, gerund,
// "-ción" noun) are generated; irregular forms are listed apart.
const ES_ACTIONS = words(`
  elaborar redactar escribir disenar redisenar implementar implantar desarrollar crear construir publicar entregar
  presentar capacitar formar entrenar impartir ensenar organizar realizar coordinar dirigir liderar planificar
  programar calendarizar reducir disminuir bajar acortar aumentar incrementar elevar duplicar ampliar extender
  digitalizar automatizar estandarizar normalizar sistematizar documentar actualizar revisar auditar evaluar medir
  analizar diagnosticar levantar mapear inventariar clasificar archivar depurar migrar integrar instalar configurar
  habilitar lanzar atender responder resolver tramitar emitir firmar pagar registrar capturar cargar certificar
  obtener aprobar completar concluir terminar finalizar cursar conducir facilitar moderar convocar aplicar
  encuestar entrevistar consultar difundir comunicar informar reportar notificar socializar validar verificar
  supervisar controlar monitorear establecer definir formular proponer negociar contratar licitar adjudicar
  adquirir preparar traducir simplificar reorganizar reestructurar homologar identificar priorizar seleccionar
  reclutar incorporar inducir acompanar mentorear asesorar orientar tutorizar ejecutar lograr alcanzar conseguir
  enviar distribuir recopilar recolectar renovar sustituir reemplazar eliminar cerrar contestar despachar
  procesar digitar transcribir corregir ordenar catalogar etiquetar calcular proyectar presupuestar asignar
  operar usar utilizar adoptar practicar instruir exponer dictar entrevistar visitar inspeccionar fiscalizar
  agendar sistematizar modernizar rediseñar crear levantar redactar disponer conformar constituir instalar
  habilitar estructurar consolidar depurar conciliar`);

/** Irregular or hard-to-generate forms of actions, folded. */
const ES_ACTION_FORMS = words(`
  hare hago haciendo reduzco reducire reduccion produzco produccion conduzco conduccion traduzco traduccion
  establezco obtendre obtengo propondre propongo dispondre dispongo dirijo corrijo construyo construyendo
  distribuyo distribuyendo incluyo atiendo resuelvo revision supervision difusion inclusion construccion
  distribucion diseno rediseno registro pago cierre envio analisis mapeo inventario levantamiento seguimiento
  desarrollo lanzamiento mantenimiento entrega publicacion ejecucion evaluacion auditoria capacitacion
  formacion elaboracion redaccion digitalizacion actualizacion implementacion implantacion automatizacion
  creacion migracion integracion instalacion traslado
  da seguimiento dare dar`);

/** Vague verbs: alone they say a wish, not an action ("mejorar", "fortalecer", "apoyar"). */
const ES_VAGUE = words(`
  mejorar fortalecer apoyar optimizar potenciar impulsar promover fomentar contribuir favorecer procurar intentar
  tratar buscar trabajar participar colaborar cumplir garantizar asegurar aprender conocer entender saber ser
  estar hacer tener mantener avanzar crecer progresar`);

const EN_ACTIONS = words(`
  write draft design redesign implement develop create build publish deliver present train teach coach organise
  organize hold run conduct coordinate lead plan schedule reduce cut decrease lower shorten increase raise double
  expand extend digitise digitize automate standardise standardize systematise systematize document update review
  audit evaluate assess measure analyse analyze diagnose map inventory classify file archive migrate integrate
  install configure enable launch answer respond resolve process issue sign pay register record upload certify
  obtain pass complete conclude finish attend facilitate moderate convene apply survey interview consult
  disseminate communicate inform report notify validate verify supervise monitor establish define formulate propose
  negotiate hire procure award purchase acquire prepare translate simplify reorganise reorganize identify prioritise
  prioritize select recruit onboard mentor advise guide execute achieve reach send distribute collect renew replace
  eliminate close process correct sort catalogue catalog tag calculate budget assign operate use adopt practise
  practice instruct visit inspect set summarise summarize deploy introduce roll compile produce`);

const EN_ACTION_FORMS = words(`
  certified get written held ran led cut set built taught implementation development creation design launch
  publication training digitisation digitization migration review audit update`);

const EN_VAGUE = words(`
  improve enhance strengthen support optimise optimize boost promote foster help try work contribute participate
  learn know understand be do make ensure comply keep grow progress advance better`);

/** Nouns that name a quality, not a thing to act on ("el desempeño", "leadership skills"). */
const ABSTRACT = words(`
  productividad eficiencia eficacia calidad desempeno rendimiento liderazgo habilidades habilidad competencias
  competencia capacidades capacidad cosas cosa todo trabajo mejora buen buena bueno mejor mejores excelencia
  productivity efficiency effectiveness quality performance leadership skills skill competencies competency
  capabilities capability things thing stuff everything work good better best excellence`);

/** Adverbs that turn an action into a wish: "atender mejor", "trabajar más". */
const VAGUE_ADVERBS = words('mejor mas bien menos better more well');

const NEGATIONS = words('no nunca evitar evite evitare dejar jamas not never avoid stop dont don');

const STOP = words(`
  el la los las un una unos unas de del al a en con por para que y o e u mi mis su sus tu tus lo le les se me
  nos este esta estos estas ese esa cada todo toda todos todas sobre entre hasta desde ante tras segun sin
  the a an of to in on for with by at from and or my our your their its this that these those each every all
  into onto as than per will i we be`);

/** What a result can be seen in: a document, a tool, a certificate. */
const DELIVERABLES = words(`
  informe informes reporte reportes manual manuales guia guias protocolo protocolos tablero tableros procedimiento
  procedimientos diagnostico diagnosticos matriz minuta minutas acta actas constancia constancias certificado
  certificados certificacion diploma catalogo inventario reglamento reglamentos instructivo instructivos formulario
  formularios encuesta encuestas repositorio plataforma sistema plantilla plantillas propuesta propuestas estudio
  documento documentos politica plan mapa csv evidencia evidencias
  report reports manual manuals guide guides protocol protocols dashboard dashboards procedure procedures
  handbook checklist template templates toolkit database inventory certificate certificates certification diploma
  catalogue catalog regulation regulations form forms survey surveys repository platform system proposal proposals
  study document documents policy minutes csv evidence certified`);

/** Nouns whose number is the measure itself: "nota 6,0", "a score of 80". */
const MEASURE_NOUNS = words(`
  nota calificacion puntaje promedio indice tasa nivel meta score grade rate average index level target`);

const VAGUE_QUANTITIES = words(`
  muchas muchos mucho varias varios algunas algunos bastante bastantes todas todos mas mejor menos suficiente
  many much several some plenty lot lots more better less enough all`);

const NUMBER_WORDS = words(`
  dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta cuarenta cincuenta cien ciento
  mil two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand`);

const VAGUE_TIMES =
  /\b(pronto|lo antes posible|a la brevedad|cuanto antes|algun dia|en el futuro|proximamente|soon|asap|as soon as possible|some day|in the future|eventually)\b/;

/** The folded forms of each action verb: infinitive, first person (present, future), gerund, "-ción" noun. */
function spanishForms(infinitive: string): string[] {
  const stem = infinitive.slice(0, -2);
  const ending = infinitive.slice(-2);
  const forms = [
    infinitive,
    `${stem}o`,
    `${stem}${ending === 'ar' ? 'amos' : ending === 'er' ? 'emos' : 'imos'}`,
  ];
  forms.push(`${infinitive}e`, `${infinitive}emos`); // future: elaborare, elaboraremos (accents folded)
  forms.push(`${stem}${ending === 'ar' ? 'ando' : 'iendo'}`);
  if (ending === 'ar') forms.push(`${stem}acion`, `${stem}aciones`);
  return forms;
}

const ES_FORMS = new Set([...ES_ACTIONS].flatMap(spanishForms).concat([...ES_ACTION_FORMS]));
const ES_VAGUE_FORMS = new Set([...ES_VAGUE].flatMap(spanishForms));

function englishForms(base: string): string[] {
  const y = base.endsWith('y') && !/[aeiou]y$/.test(base);
  const e = base.endsWith('e');
  return [
    base,
    y ? `${base.slice(0, -1)}ies` : /(s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`,
    e ? `${base.slice(0, -1)}ing` : `${base}ing`,
    y ? `${base.slice(0, -1)}ied` : e ? `${base}d` : `${base}ed`,
  ];
}

const EN_FORMS = new Set([...EN_ACTIONS].flatMap(englishForms).concat([...EN_ACTION_FORMS]));
const EN_VAGUE_FORMS = new Set([...EN_VAGUE].flatMap(englishForms));

const EN_DETERMINERS = words('the a an this that its their our my your');
const NOMINAL = /(cion|ciones|sion|tion)$/;
/** The first word of a text, or the second after an article: "La implementación de…". */
const isLeading = (list: readonly Token[], i: number) =>
  i === 0 || (i === 1 && /^(la|el|las|los|the|a|an)$/.test(list[0]?.word ?? ''));
const ES_ARTICLES = words('el la los las al del un una unos unas su sus mi mis este esta');

/** A word without the pronouns Spanish attaches to verbs: "reduciendolo" → "reduciendo", "capacitarme" → "capacitar". */
function withoutClitics(word: string): string {
  const m = /^(.+?(?:ar|er|ir|ando|iendo))(?:me|te|se|nos|lo|la|los|las|le|les|selo|sela)$/.exec(word);
  return m ? (m[1] as string) : word;
}

type VerbKind = 'action' | 'vague' | 'negation' | undefined;

function verbKind(word: string, language: CoachLanguage | 'any'): VerbKind {
  if (NEGATIONS.has(word)) return 'negation';
  const bare = withoutClitics(word);
  const es = language !== 'en';
  const en = language !== 'es';
  if ((es && (ES_FORMS.has(word) || ES_FORMS.has(bare))) || (en && EN_FORMS.has(word))) return 'action';
  if ((es && (ES_VAGUE_FORMS.has(word) || ES_VAGUE_FORMS.has(bare))) || (en && EN_VAGUE_FORMS.has(word)))
    return 'vague';
  return undefined;
}

/** Words that say something (not articles, prepositions, pronouns). */
const content = (t: Token) => !STOP.has(t.word) && !/^\d/.test(t.word);

/**
 * Specific: an action verb (not a vague one like "mejorar" alone) applied to an object that is
 * a thing, not a quality. A vague verb with a concrete action after it ("mejorar … reduciendo")
 * counts by that action; a negation ("no faltar", "evitar") says what not to do.
 */
export function judgeSpecific(
  text: string,
  language: CoachLanguage | 'any' = 'any',
): GoalVerdict['specific'] {
  const list = tokens(text);
  const kinds = list.map((t, i) => {
    const previous = list[i - 1]?.word ?? '';
    const noun =
      // In English a word after an article is a noun: "the use of", "a review of".
      (EN_DETERMINERS.has(previous) && EN_FORMS.has(t.word) && !ES_FORMS.has(t.word)) ||
      // In Spanish, a present-tense form after an article is its noun: "al logro", "el trabajo".
      (ES_ARTICLES.has(previous) && t.word.endsWith('o') && !ES_ACTION_FORMS.has(t.word)) ||
      // An action named as a noun ("Implementación del expediente") leads the phrase; elsewhere
      // ("la mejor comunicación posible") it is a topic.
      (NOMINAL.test(t.word) && !(isLeading(list, i) && /^(de|del|of)$/.test(list[i + 1]?.word ?? '')));
    return noun ? undefined : verbKind(t.word, language);
  });
  let sawVague = false;
  let sawNegation = false;
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Token;
    const kind = kinds[i];
    if (kind === 'negation') {
      sawNegation = true;
      continue;
    }
    if (kind === 'vague') {
      sawVague = true;
      continue;
    }
    if (kind !== 'action') continue;
    // "get better", "atender mejor": the action is a wish again.
    const next = list[i + 1]?.word;
    if (next && VAGUE_ADVERBS.has(next)) {
      sawVague = true;
      continue;
    }
    if (sawNegation && !sawVague) return { ok: false, gap: 'negation' };
    const object = list.slice(i + 1).filter(content);
    const things = object.filter((o) => !ABSTRACT.has(o.word) && verbKind(o.word, language) !== 'vague');
    // A verb alone ("Capacitar"): perhaps another action follows with its object.
    if (object.length === 0) continue;
    if (things.length === 0) return { ok: false, gap: 'vague_object' };
    return { ok: true, action: trimTail(text.slice(t.index)) };
  }
  if (sawNegation) return { ok: false, gap: 'negation' };
  if (sawVague) return { ok: false, gap: 'vague_verb' };
  return { ok: false, gap: kinds.includes('action') ? 'no_object' : 'no_action' };
}

/** A phrase without the connecting words it ended on ("… a solicitudes antes del" → "… a solicitudes"). */
function trimTail(phrase: string): string {
  const words = phrase.replace(/\s+/g, ' ').trim().split(' ');
  while (
    words.length > 1 &&
    (STOP.has(fold(words.at(-1) as string)) ||
      /^(antes|durante|before|during|within)$/i.test(words.at(-1) as string))
  )
    words.pop();
  return words.join(' ').replace(/[\s,;:]+$/, '');
}

/** Numbers written as dates or years are not indicators: 31/02, 2026, "de 2019 a 2021". */
function withoutDates(text: string, dates: readonly DateFinding[]): string {
  let out = text;
  for (const d of dates)
    out = `${out.slice(0, d.index)}${' '.repeat(d.text.length)}${out.slice(d.index + d.text.length)}`;
  return out
    .replace(/\b\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b/g, (m) => ' '.repeat(m.length))
    .replace(/\b(?:19|20)\d{2}\b(?!\s+(?!(?:y|a|al|and|to|hasta)\b)[a-z])/g, (m) => ' '.repeat(m.length));
}

const isNumber = (word: string) => /^\d+(?:[.,]\d+)*%?$/.test(word) || NUMBER_WORDS.has(word);

/**
 * Measurable: an indicator — a quantity with its unit or object ("12 reuniones", "5 días",
 * "el 95 % de las solicitudes", "de 10 a 5"), a number on a measure ("nota 6,0"), or a
 * deliverable that can be seen ("un manual publicado"). A date or a bare number is not one.
 */
export function judgeMeasurable(
  text: string,
  dates: readonly DateFinding[] = [],
  language: CoachLanguage | 'any' = 'any',
): GoalVerdict['measurable'] {
  const clean = withoutDates(text, dates);
  const list = tokens(clean);
  const folded = fold(clean);
  const found = (indicator: string): GoalVerdict['measurable'] => ({ ok: true, indicator: indicator.trim() });
  /** The indicator's words: from `start` through its unit and what it counts, up to a date or a new clause. */
  const phrase = (start: number, from: number): string => {
    let end = from;
    for (const t of list.filter((w) => w.index >= from).slice(0, 7)) {
      if (
        end > from &&
        /^(antes|para|hasta|durante|en|by|before|until|during|in|within|y|and|con|with)$/.test(t.word)
      )
        break;
      end = t.index + t.word.length;
    }
    return trimTail(clean.slice(start, end));
  };
  // "de 10 a 5 días", "from 70% to 85%".
  const range = /\b(?:de|from)\s+(\d+(?:[.,]\d+)?\s*%?)\s+(?:a|to)\s+(\d+(?:[.,]\d+)?\s*%?)/.exec(folded);
  if (range) return found(phrase(range.index, range.index + range[0].length));
  let bare: string | undefined;
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Token;
    if (!isNumber(t.word)) continue;
    const after = list.slice(i + 1, i + 5).filter(content);
    const before = list.slice(Math.max(0, i - 4), i);
    const unit = after[0];
    // The quantity's unit or object right after it: "12 reuniones", "95 % de las solicitudes".
    const near = unit && list.indexOf(unit) - i <= (t.word.endsWith('%') ? 4 : 3);
    if (unit && near && !ABSTRACT.has(unit.word) && verbKind(unit.word, language) !== 'vague')
      return found(phrase(t.index, unit.index));
    // A number on a measure: "nota mínima 6,0", "a score of at least 80", "asistencia de 80 %".
    if (before.some((b) => MEASURE_NOUNS.has(b.word)) && /^\d/.test(t.word))
      return found(clean.slice((before[0] as Token).index, t.index + t.word.length));
    bare ??= clean.slice(t.index, t.index + t.word.length);
  }
  // A deliverable, unless only a vague verb governs it ("mejorar el informe").
  const deliverable = list.find((t) => DELIVERABLES.has(t.word));
  if (deliverable) {
    const verbs = list.map((t) => verbKind(t.word, language)).filter((k) => k !== undefined);
    // "Evitar errores en los informes" names a document, not a result.
    if (!verbs.includes('negation') && (verbs.length === 0 || verbs.includes('action')))
      return found(deliverable.word);
  }
  if (bare) return { ok: false, gap: 'bare_number', word: bare };
  const vague = list.find((t) => VAGUE_QUANTITIES.has(t.word));
  if (vague)
    return {
      ok: false,
      gap: 'vague_quantity',
      word: clean.slice(vague.index, vague.index + vague.word.length),
    };
  if (dates.length || /\d/.test(text)) return { ok: false, gap: 'only_date' };
  return { ok: false, gap: 'no_indicator' };
}

/**
 * Time-bound: a real date or a bounded period, on or after `today` and not after the cycle's
 * end. With several, the latest is the deadline ("de febrero a junio"). Written dates that do not
 * exist (31/02) and vague times ("pronto") are named as such.
 */
export function judgeTimeBound(
  text: string,
  dates: readonly DateFinding[],
  bounds: { today: IsoDate; cycleEnd?: IsoDate | undefined },
): GoalVerdict['timeBound'] {
  const real = dates.filter((d) => d.kind !== 'impossible' && d.end);
  if (real.length === 0) {
    const impossible = dates.find((d) => d.kind === 'impossible');
    if (impossible) return { ok: false, gap: 'impossible_date', word: impossible.text };
    const vague = VAGUE_TIMES.exec(fold(text.normalize('NFC')));
    return vague
      ? {
          ok: false,
          gap: 'vague_time',
          word: text.normalize('NFC').slice(vague.index, vague.index + vague[0].length),
        }
      : { ok: false, gap: 'no_date' };
  }
  const deadline = real.reduce((a, b) => ((b.end as string) > (a.end as string) ? b : a));
  const date = deadline.end as IsoDate;
  const at = { date, dateText: deadline.text };
  if (date < bounds.today) return { ok: false, gap: 'past', ...at };
  if (bounds.cycleEnd && date > bounds.cycleEnd) return { ok: false, gap: 'after_cycle', ...at };
  return { ok: true, ...at };
}

/** All three criteria of a goal written in one sentence, and the parts recognised in it. */
export function judgeGoal(
  text: string,
  context: {
    recognizeDates: DateRecognizer;
    today: IsoDate;
    cycleEnd?: IsoDate | undefined;
    language?: CoachLanguage | 'any';
  },
): GoalVerdict {
  const dates = context.recognizeDates(text);
  const language = context.language ?? 'any';
  return {
    specific: judgeSpecific(withoutDates(text, dates), language),
    measurable: judgeMeasurable(text, dates, language),
    timeBound: judgeTimeBound(text, dates, context),
  };
}

/**
 * How many times the same gap came back in a row for one part, to vary the hint: the first
 * time names what is missing, the second proposes a pattern in the person's own words, the third
 * gives a whole example from the competency chosen (or a general one).
 */
export function hintLevel(attempt: number): 1 | 2 | 3 {
  return attempt <= 1 ? 1 : attempt === 2 ? 2 : 3;
}
