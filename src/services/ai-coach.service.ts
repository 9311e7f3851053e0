import { DateTime } from 'luxon';
import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import type { IsoDate } from '../domain/time.ts';
import {
  type AiCallOutcome,
  aiCallsSince,
  markAiSuggestionAccepted,
  recordAiCall,
  setTenantAiCoach,
  tenantAiCoach,
} from '../store/ai-coach.store.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Acting, Deps } from './deps.ts';

/**
 * The optional AI coach: one rewritten SMART goal, proposed by a model the institution chose
 * (Azure OpenAI, or an Ollama / vLLM server with an OpenAI-compatible API). It sees the goal's
 * words and the cycle's dates, never a name, an email or a gender; it only suggests (the
 * heuristic coach still judges, and the mentee accepts, edits or ignores). Off unless the server
 * has a model and the tenant's admins turned it on; bounded in time, tokens and calls a day.
 */
export interface AiCoach {
  model: string;
  suggest(input: AiCoachInput): Promise<AiCoachAnswer>;
}

export interface AiCoachInput {
  language: 'es' | 'en';
  goal: { title: string; specific: string; measurable: string; dueDate?: string | undefined };
  /** The days the goal may fall due in: the cycle's execution window. */
  window: { from: IsoDate; to: IsoDate };
}

/** What the model must answer: one goal, its parts, and a date inside the window (or none). */
export const aiSuggestionSchema = z.object({
  title: z.string().min(3).max(120),
  specific: z.string().min(3).max(1000),
  measurable: z.string().min(3).max(1000),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
export type AiSuggestion = z.infer<typeof aiSuggestionSchema>;

export type AiCoachAnswer =
  | { ok: true; suggestion: AiSuggestion }
  | { ok: false; reason: 'timeout' | 'refused' | 'malformed' | 'error' };

const INSTRUCTIONS = {
  es: 'Eres un coach de metas SMART para personas servidoras públicas de América Latina. Reescribe la meta que recibes para que sea específica (un verbo de acción aplicado a un objeto concreto), medible (un indicador con cantidad y unidad, o un entregable observable) y con fecha dentro del periodo indicado. Conserva la intención y las palabras de la persona; no inventes cifras que cambien lo que quiere lograr si no es necesario, y no agregues nombres. Responde en español, solo con el objeto JSON pedido.',
  en: 'You are a SMART goal coach for public servants. Rewrite the goal you receive so that it is specific (an action verb applied to a concrete object), measurable (an indicator with a quantity and unit, or an observable deliverable) and due within the given period. Keep the person’s intent and words; do not add names. Answer in English, with the requested JSON object only.',
} as const;

/**
 * The AI coach over an OpenAI-compatible endpoint, with structured output checked by zod. Each
 * call is bounded by `timeoutMs` (no retries: a slow model means no suggestion, not a slow chat)
 * and `maxTokens`.
 */
export async function openAiCoach(config: {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxTokens: number;
}): Promise<AiCoach> {
  const [{ default: OpenAI }, { zodResponseFormat }] = await Promise.all([
    import('openai'),
    import('openai/helpers/zod'),
  ]);
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Self-hosted servers (Ollama, vLLM) take any key; the SDK requires one.
    apiKey: config.apiKey ?? 'none',
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
  const format = zodResponseFormat(aiSuggestionSchema, 'smart_goal');
  return {
    model: config.model,
    async suggest(input) {
      try {
        const completion = await client.chat.completions.parse({
          model: config.model,
          max_completion_tokens: config.maxTokens,
          messages: [
            { role: 'system', content: INSTRUCTIONS[input.language] },
            { role: 'user', content: JSON.stringify({ goal: input.goal, period: input.window }) },
          ],
          response_format: format,
        });
        const message = completion.choices[0]?.message;
        if (message?.refusal) return { ok: false, reason: 'refused' };
        const parsed = aiSuggestionSchema.safeParse(message?.parsed);
        return parsed.success ? { ok: true, suggestion: parsed.data } : { ok: false, reason: 'malformed' };
      } catch (error) {
        if (error instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, reason: 'timeout' };
        // The server answered an error, or could not be reached.
        if (error instanceof OpenAI.APIError || error instanceof OpenAI.APIConnectionError)
          return { ok: false, reason: 'error' };
        // Anything else came from reading the answer: not JSON, not the schema, cut by the token cap.
        return { ok: false, reason: 'malformed' };
      }
    },
  };
}

export type AiRefusal = 'not_configured' | 'off' | 'limit';

/**
 * A suggestion for a person's goal, if the AI coach is on for their tenant and they have calls
 * left today (in their zone). Every call is recorded, whatever came of it; a refusal before the
 * call records nothing.
 */
export async function suggestGoal(
  deps: Deps & { aiCoach?: AiCoach | undefined },
  input: {
    tenantId: string;
    personId: string;
    timezone: string;
    goalId?: string | undefined;
    maxPerDay: number;
  } & AiCoachInput,
): Promise<{ refused: AiRefusal } | { callId: string; answer: AiCoachAnswer }> {
  const coach = deps.aiCoach;
  if (!coach) return { refused: 'not_configured' };
  if (!(await tenantAiCoach(deps.db, input.tenantId))) return { refused: 'off' };
  const now = deps.clock.now();
  const dayStart = DateTime.fromJSDate(now, { zone: input.timezone }).startOf('day').toJSDate();
  if ((await aiCallsSince(deps.db, input.tenantId, input.personId, dayStart)) >= input.maxPerDay)
    return { refused: 'limit' };
  // Only the goal's words and the window leave the server.
  const answer = await coach.suggest({ language: input.language, goal: input.goal, window: input.window });
  const outcome: AiCallOutcome = answer.ok ? 'suggested' : answer.reason;
  const call = await recordAiCall(deps.db, input.tenantId, {
    personId: input.personId,
    goalId: input.goalId ?? null,
    goalTitle: input.goal.title.slice(0, 200),
    model: coach.model,
    outcome,
    at: now,
  });
  return { callId: call.id, answer };
}

/** The person took the suggestion: recorded on its call. */
export async function acceptSuggestion(deps: Deps, tenantId: string, personId: string, callId: string) {
  return markAiSuggestionAccepted(deps.db, tenantId, personId, callId);
}

/** An admin turns the AI coach on or off for the tenant; audited. */
export async function setAiCoachAs(deps: Deps, acting: Acting, on: boolean): Promise<void> {
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId: acting.actor.tenantId });
  await deps.db.transaction().execute(async (tx) => {
    const before = await tenantAiCoach(tx, acting.actor.tenantId);
    await setTenantAiCoach(tx, acting.actor.tenantId, on);
    await recordAudit(tx, {
      tenantId: acting.actor.tenantId,
      at: deps.clock.now(),
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'tenant.ai_coach',
      subjectType: 'tenant',
      subjectId: acting.actor.tenantId,
      data: { before, after: on },
    });
  });
}

export { tenantAiCoach };
