import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiCoach } from '../../../src/services/ai-coach.service.ts';
import { ChatDriver } from '../../support/conversation.ts';
import { llmStandIn } from '../../support/llm-stand-in.ts';

const SUGGESTION = {
  title: 'Respuesta a solicitudes en 5 días',
  specific: 'Reducir el tiempo de respuesta a solicitudes ciudadanas de la oficina de partes',
  measurable: 'Responder el 95 % de las solicitudes en 5 días hábiles o menos',
  dueDate: '2027-03-31',
};

const words = {
  es: {
    language: 'idioma es',
    newGoal: 'meta nueva',
    button: 'Sugerencia de IA',
    accept: 'Usar esta versión',
    ignore: 'Dejar la mía',
    statusOff: 'El coach de IA está desactivado',
    on: 'admin coach ia sí',
    off: 'admin coach ia no',
    turnedOn: 'queda activo para tu institución',
    intro: 'Una sugerencia del coach de IA (gpt-test)',
    accepted: 'Listo, usé la sugerencia',
    timeout: 'El coach de IA no respondió a tiempo; tu meta sigue igual.',
    malformed: 'El coach de IA respondió algo que no pude usar; tu meta sigue igual.',
    refused: 'El coach de IA no hizo una sugerencia para esta meta; tu meta sigue igual.',
    error: 'No pude consultar al coach de IA ahora; tu meta sigue igual.',
    limit: 'Ya pediste 5 sugerencias de IA hoy, el máximo',
    myData: 'privacidad',
    myDataLines: ['sugerencia usada', 'sin respuesta a tiempo', 'gpt-test'],
    verdict: 'Coach SMART: específica ✓ · medible ✓ · con fecha ✓',
  },
  en: {
    language: 'language en',
    newGoal: 'new goal',
    button: 'AI suggestion',
    accept: 'Use this version',
    ignore: 'Keep mine',
    statusOff: 'The AI coach is off',
    on: 'admin ai coach on',
    off: 'admin ai coach off',
    turnedOn: 'is on for your institution',
    intro: 'A suggestion from the AI coach (gpt-test)',
    accepted: 'Done, I used the suggestion',
    timeout: 'The AI coach did not answer in time; your goal stays as it was.',
    malformed: 'The AI coach answered something I could not use; your goal stays as it was.',
    refused: 'The AI coach made no suggestion for this goal; your goal stays as it was.',
    error: 'I could not reach the AI coach now; your goal stays as it was.',
    limit: 'You already asked for 5 AI suggestions today, the maximum',
    myData: 'privacy',
    myDataLines: ['suggestion used', 'no answer in time', 'gpt-test'],
    verdict: 'SMART coach: specific ✓ · measurable ✓ · time-bound ✓',
  },
} as const;

describe.each(['es', 'en'] as const)('the optional AI coach, in %s', (lang) => {
  const w = words[lang];
  let chat: ChatDriver;
  let llm: Awaited<ReturnType<typeof llmStandIn>>;

  /** Ana's goal drafted up to its summary, in one form. */
  const toSummary = async () => {
    await chat.as('ana').says('cancelar');
    await chat.as('ana').says(w.newGoal);
    await chat.as('ana').says('Atención ciudadana');
    await chat.as('ana').says('Atender las solicitudes ciudadanas de la oficina de partes');
    await chat.as('ana').says('Responder 200 solicitudes al mes');
    await chat.as('ana').says('Tengo el apoyo de mi jefa');
    await chat.as('ana').says('Es prioridad del área');
    await chat.as('ana').says('31/03/2027');
    await chat.as('ana').clicks(lang === 'es' ? 'Listo' : 'Done');
    return chat.as('ana').clicks(lang === 'es' ? 'Sin hitos' : 'No milestones');
  };

  beforeAll(async () => {
    llm = await llmStandIn();
    const aiCoach = await openAiCoach({
      baseUrl: llm.baseUrl,
      model: 'gpt-test',
      apiKey: 'sk-test-key',
      timeoutMs: 600,
      maxTokens: 300,
    });
    chat = await ChatDriver.start('2026-11-23T16:00:00Z', { aiCoach, aiMaxCallsPerDay: 5 });
    for (const h of ['ana', 'luis', 'carmen', 'sofia']) await chat.as(h).says(w.language);
  });
  afterAll(async () => {
    await chat?.close();
    await llm?.close();
  });

  it('is off until an admin turns it on for the institution; a participant cannot', async () => {
    expect((await toSummary()).buttons).not.toContain(w.button);
    expect((await chat.as('carmen').says(w.on.replace(/ (sí|on)$/, ''))).text).toContain(w.statusOff);
    expect((await chat.as('sofia').says(w.on)).text).not.toContain(w.turnedOn);
    expect(await chat.db.db.selectFrom('tenants').select('ai_coach').execute()).toEqual([
      { ai_coach: false },
    ]);
    expect((await chat.as('carmen').says(w.on)).text).toContain(w.turnedOn);
    const audit = await chat.db.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'tenant.ai_coach')
      .execute();
    expect(audit.map((a) => a.data)).toEqual([{ before: false, after: true }]);
    expect(llm.requests).toEqual([]);
  });

  it('proposes one rewritten goal from only the goal’s words and the cycle’s dates; the mentee may use it', async () => {
    llm.mode = { kind: 'suggest', suggestion: SUGGESTION };
    expect((await toSummary()).buttons).toContain(w.button);
    const shown = await chat.as('ana').clicks(w.button);
    expect(shown.text).toContain(w.intro);
    expect(shown.text).toContain(SUGGESTION.measurable);
    // The heuristic coach judges the suggestion too.
    expect(shown.text).toContain(w.verdict);
    // What left the server: the model, the goal's words, the window — no name, email or gender.
    const sent = JSON.stringify(llm.requests.at(-1)?.body);
    expect(sent).toContain('Atender las solicitudes ciudadanas de la oficina de partes');
    expect(sent).toContain('2027-04-19');
    for (const personal of ['Ana', 'Torres', 'ana@demo', 'mujer', 'female', 'Luis'])
      expect(sent).not.toContain(personal);
    expect(llm.requests.at(-1)?.authorization).toBe('Bearer sk-test-key');
    expect(llm.requests.at(-1)?.body.max_completion_tokens).toBe(300);
    const used = await chat.as('ana').clicks(w.accept);
    expect(used.text).toContain(w.accepted);
    expect(used.text).toContain(SUGGESTION.specific);
    const calls = await chat.db.db
      .selectFrom('ai_coach_calls')
      .select(['outcome', 'model', 'goal_title'])
      .execute();
    expect(calls).toEqual([{ outcome: 'accepted', model: 'gpt-test', goal_title: 'Atención ciudadana' }]);
  });

  it('goes on without a suggestion when the model is slow, answers nonsense, refuses or fails', async () => {
    const cases = [
      [{ kind: 'slow', ms: 1500 }, w.timeout],
      [{ kind: 'text', content: 'Claro, aquí va una meta: ...' }, w.malformed],
      [{ kind: 'text', content: JSON.stringify({ title: 'x' }) }, w.malformed],
      [{ kind: 'refuse', refusal: 'I cannot help with that.' }, w.refused],
    ] as const;
    for (const [mode, said] of cases) {
      llm.mode = mode;
      await toSummary();
      const answer = await chat.as('ana').clicks(w.button);
      expect(answer.text).toContain(said);
      // The goal is still there to send, unchanged.
      expect(answer.text).toContain('Responder 200 solicitudes al mes');
    }
    const outcomes = await chat.db.db
      .selectFrom('ai_coach_calls')
      .select('outcome')
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(
      ['accepted', 'timeout', 'malformed', 'malformed', 'refused'].sort(),
    );
  });

  it('holds the calls a day, then says so without calling', async () => {
    llm.mode = { kind: 'status', status: 503 };
    const before = llm.requests.length;
    await toSummary();
    // Five calls today already (the limit is 5 a day): refused before reaching the model.
    expect((await chat.as('ana').clicks(w.button)).text).toContain(w.limit);
    expect(llm.requests.length).toBe(before);
    // The next day, the model is down: said so, nothing lost.
    chat.clock.advance(24 * 3_600_000);
    await toSummary();
    expect((await chat.as('ana').clicks(w.button)).text).toContain(w.error);
  });

  it('shows each person their own AI calls under “privacidad” and in their data export', async () => {
    const mine = (await chat.as('ana').says(w.myData)).text;
    for (const line of w.myDataLines) expect(mine).toContain(line);
    expect((await chat.as('sofia').says(w.myData)).text).not.toContain('gpt-test');
    const exported = await chat.as('carmen').says('admin exportar ana@demo.mentoria.invalid');
    const file = exported.reply.messages.flatMap((m) => m.blocks).find((b) => b.type === 'file');
    const data = JSON.parse(file && 'content' in file ? String(file.content) : '{}');
    expect(data.ai_coach_calls).toHaveLength(6);
    // The pair's history: the mentee's own calls, seen by her mentor too, not by the coordination.
    const asked = lang === 'es' ? 'Consulta al coach de IA' : 'AI coach asked';
    const history = lang === 'es' ? 'historial' : 'my history';
    for (const [handle, command, shown] of [
      ['ana', history, true],
      ['luis', history, true],
      ['carmen', `admin ${lang === 'es' ? 'historial' : 'history'} ana@demo.mentoria.invalid`, false],
    ] as const) {
      const answer = await chat.as(handle).says(command);
      const file = answer.reply.messages.flatMap((m) => m.blocks).find((b) => b.type === 'file');
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        Buffer.from(file && 'content' in file ? String(file.content) : '', 'base64') as never,
      );
      let cells = '';
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => (cells += `${(row.values as unknown[]).join(' ')}\n`)),
      );
      expect({ handle, shown: cells.includes(asked) }).toEqual({ handle, shown });
    }
    // Turned off again: no button, no calls.
    await chat.as('carmen').says(w.off);
    expect((await toSummary()).buttons).not.toContain(w.button);
  });
});
