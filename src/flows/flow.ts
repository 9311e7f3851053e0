import { z } from 'zod';
import type { Button } from '../messages/model.ts';
import type { Ctx, Reply } from './context.ts';
import { actionKind } from './registry.ts';

/** Where a conversation stands: its step and what it has collected. */
export interface FlowState {
  step: string;
  data: Record<string, unknown>;
}

/** One turn's outcome: the reply, and the next state (or `null` when the conversation is over). */
export interface FlowTurn {
  reply: Reply;
  next: FlowState | null;
}

/**
 * A multi-turn conversation. Its state lives in Postgres between turns, so any process can take
 * the next message. Free text and the buttons it offers are both accepted.
 */
export interface Flow {
  name: string;
  /** i18n key naming the conversation ("drafting a goal"), for "expired" and "cancelled". */
  titleKey: string;
  onText(ctx: Ctx, state: FlowState, text: string): Promise<FlowTurn>;
  onChoice(ctx: Ctx, state: FlowState, choice: string): Promise<FlowTurn>;
}

/** Conversations expire after two days without an answer. */
export const FLOW_TTL_MS = 48 * 3600 * 1000;

/** A button answering a conversation's step: which conversation, which step, which choice. */
export const FLOW_ACTION = 'flow.choice';
export const flowChoiceKind = actionKind(
  FLOW_ACTION,
  z.object({ flow: z.string().max(40), step: z.string().max(40), choice: z.string().max(80) }),
  { f: 'flow', s: 'step', c: 'choice' },
);

/** A button that answers the current step of a conversation; a click on an older step is refused. */
export function flowButton(
  flow: string,
  step: string,
  choice: string,
  label: string,
  style?: 'primary' | 'danger',
): Button {
  return flowChoiceKind.button(label, { flow, step, choice }, style);
}

export function stay(state: FlowState, reply: Reply): FlowTurn {
  return { reply, next: state };
}

export function goTo(step: string, data: Record<string, unknown>, reply: Reply): FlowTurn {
  return { reply, next: { step, data } };
}

export function done(reply: Reply): FlowTurn {
  return { reply, next: null };
}

/** "-", "no", "ninguno", "none", "skip" and friends: the person leaves an optional answer empty. */
export function isSkip(text: string): boolean {
  return /^(-|no|ninguno|ninguna|nada|none|no one|nothing|skip|omitir|saltar|n\/a)$/i.test(text.trim());
}
