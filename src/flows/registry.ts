import { z } from 'zod';
import type { Action } from '../domain/authz.ts';
import type { PhasedAction } from '../domain/phase-rules.ts';
import type { T } from '../i18n/index.ts';
import { type ActionKind, actionKind } from '../messages/action-kind.ts';
import type { FileReader } from '../messages/inbound.ts';
import type { Button, ButtonStyle } from '../messages/model.ts';
import type { Ctx, Reply } from './context.ts';
import type { Flow, FlowTurn } from './flow.ts';

export { type ActionKind, actionKind } from '../messages/action-kind.ts';

/**
 * One place per feature: a feature module declares its commands (words in both languages, or a
 * pattern), the buttons and forms it answers (an action id with the zod schema of its value),
 * its conversations and the files it takes, and registers them in `features.ts`. Buttons and
 * forms are built from the same declaration, so an action id and its schema exist once; help
 * lines, menus and the read-only list are derived from the declarations. The dispatcher
 * (`bot.ts`) only looks things up here.
 */

/** Whom a help line or a menu button is for: a person's place in the program (see help.flow). */
export const AUDIENCES = [
  'mentee',
  'mentor',
  'plan_mentor',
  'colleague',
  'admin',
  'director',
  'none',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a handler may ask of the dispatcher. */
export interface Dispatch {
  /** Every feature's declarations (help and menus are made from them). */
  registry: Registry;
  /** Starts a conversation with a flow's first turn (or ends it when the turn says so). */
  start(ctx: Ctx, flow: string, turn: FlowTurn): Promise<Reply>;
  /** Runs a command as if the person had typed it (a menu button, a pair chosen). */
  run(ctx: Ctx, command: ParsedCommand): Promise<Reply>;
}

/** A command as typed: its declaration and its arguments. */
export interface ParsedCommand {
  spec: CommandSpec;
  args: Record<string, unknown>;
}

export interface CommandSpec<A extends object = object> {
  /** Stable name: help and menu keys (`help.line.<name>`, `menu.<name>`), menu buttons' values. */
  name: string;
  /** Whole phrases as `normalize` leaves them (lower case, no accents), in every language. */
  words?: readonly string[];
  /**
   * Phrases with more to them: the arguments, from the normalized words (to match) and the
   * text as typed (names and dates keep their spelling). Tried in registration order, after
   * every command's `words`.
   */
  parse?: (words: string, typed: string) => A | undefined;
  /** Changes nothing: adapters acknowledge it at once and answer after (the inbox). */
  readOnly?: true;
  /**
   * The entry of the domain's tables that governs it (the role-and-phase table of
   * `domain/phase-rules.ts`, or an action of `domain/authz.ts`); the services enforce it.
   */
  rule?: PhasedAction | Action;
  /**
   * Whose help lists it: `help.line.<name>` with the audience as context (`goals_mentor`,
   * falling back to `goals`); `everyone` puts the plain line in the part every help shows.
   */
  help?: readonly (Audience | 'everyone')[];
  /** Whose menu shows it as a button (`menu.<name>`), at which place; the first is primary. */
  menu?: Partial<Record<Audience, number>>;
  /** When a button names the cycle (several are running), the arguments that mean it. */
  cycleArg?: (cycleId: string) => A;
  /** When a button names the pair (a reverse program's mentor has several), the arguments that mean it. */
  pairArg?: (pairingId: string) => A;
  /** A mentee in several running cycles is asked which one first. */
  menteeCycle?: true;
  /** Says so when a conversation is still open (it answers without ending it). */
  notesOpenFlow?: true;
  run(ctx: Ctx, args: A, dispatch: Dispatch): Promise<Reply>;
}

/** Declares a command (typed so that `run` gets what `parse` returns). */
export function command<A extends object = object>(spec: CommandSpec<A>): CommandSpec {
  return spec as unknown as CommandSpec;
}

type Fields = Record<string, string | string[]>;

export interface ActionHandler {
  kind: ActionKind<z.ZodType>;
  run(ctx: Ctx, value: unknown, dispatch: Dispatch): Promise<Reply>;
}

export interface FormHandler {
  kind: ActionKind<z.ZodType>;
  run(ctx: Ctx, value: unknown, fields: Fields, dispatch: Dispatch): Promise<Reply>;
}

/** Answers clicks on buttons of this kind. */
export function onClick<S extends z.ZodType>(
  kind: ActionKind<S>,
  run: (ctx: Ctx, value: z.output<S>, dispatch: Dispatch) => Promise<Reply>,
): ActionHandler {
  return { kind: kind as unknown as ActionKind<z.ZodType>, run: run as ActionHandler['run'] };
}

/** Answers submissions of forms of this kind. */
export function onSubmit<S extends z.ZodType>(
  kind: ActionKind<S>,
  run: (ctx: Ctx, value: z.output<S>, fields: Fields, dispatch: Dispatch) => Promise<Reply>,
): FormHandler {
  return { kind: kind as unknown as ActionKind<z.ZodType>, run: run as FormHandler['run'] };
}

/** A file shared with the bot, for the first feature that takes it. */
export interface FileHandler {
  /** Whether this feature takes a file of this name from this person. */
  takes(ctx: Ctx, name: string): boolean | Promise<boolean>;
  run(ctx: Ctx, file: { name: string; size: number; read: FileReader }, dispatch: Dispatch): Promise<Reply>;
}

export interface Feature {
  name: string;
  commands?: CommandSpec[];
  actions?: ActionHandler[];
  forms?: FormHandler[];
  flows?: Flow[];
  files?: FileHandler[];
}

/** A menu button: the command it runs, by name (older buttons carry it as `c`). */
export const menuKind = actionKind('menu', z.object({ cmd: z.string().max(40) }), { c: 'cmd' });

/**
 * A cycle chosen for a command (several are running): the command, the cycle, and the command
 * as typed when it said more than its name.
 */
export const cycleChoiceKind = actionKind(
  'cycle.choose',
  z.object({ cmd: z.string().max(40), cycle: z.string().max(64), typed: z.string().max(500).optional() }),
  { k: 'cmd', y: 'cycle', t: 'typed' },
);

/** The longest text a "show the form again" button carries. */
export const MAX_REOPEN_CHARS = 1_000;
/** A button that shows a form again (a Slack modal needs a click): it runs what was typed, once more. */
export const reopenKind = actionKind(
  'form.reopen',
  z.object({ text: z.string().min(1).max(MAX_REOPEN_CHARS) }),
  {
    t: 'text',
  },
);

/** A pair chosen for a command about a plan (a reverse program's mentor with several colleagues). */
export const planPairKind = actionKind(
  'plan.pair',
  z.object({ cmd: z.string().max(40), pairing: z.string().max(64) }),
  { k: 'cmd', p: 'pairing' },
);

/** Removes accents, case and extra spaces: commands are matched on what this leaves. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every feature's declarations, looked up by the dispatcher. */
export class Registry {
  private readonly commands: CommandSpec[] = [];
  private readonly byName = new Map<string, CommandSpec>();
  private readonly exact = new Map<string, CommandSpec>();
  private readonly actions = new Map<string, ActionHandler>();
  private readonly forms = new Map<string, FormHandler>();
  private readonly flowsByName = new Map<string, Flow>();
  private readonly fileHandlers: FileHandler[] = [];

  constructor(readonly features: readonly Feature[]) {
    const once = <V>(map: Map<string, V>, key: string, value: V, what: string) => {
      if (map.has(key)) throw new Error(`${what} ${key} is registered twice`);
      map.set(key, value);
    };
    for (const feature of features) {
      for (const spec of feature.commands ?? []) {
        once(this.byName, spec.name, spec, 'command');
        for (const words of spec.words ?? []) {
          if (words !== normalize(words))
            throw new Error(`command ${spec.name}: "${words}" is not normalized`);
          once(this.exact, words, spec, 'command phrase');
        }
        this.commands.push(spec);
      }
      for (const handler of feature.actions ?? []) once(this.actions, handler.kind.id, handler, 'action');
      for (const handler of feature.forms ?? []) once(this.forms, handler.kind.id, handler, 'form');
      for (const flow of feature.flows ?? []) once(this.flowsByName, flow.name, flow, 'flow');
      this.fileHandlers.push(...(feature.files ?? []));
    }
  }

  /** The command a text names, or undefined for free text. */
  parse(text: string): ParsedCommand | undefined {
    const words = normalize(text);
    const exact = this.exact.get(words);
    if (exact) return { spec: exact, args: {} };
    for (const spec of this.commands) {
      const args = spec.parse?.(words, text);
      if (args) return { spec, args: args as Record<string, unknown> };
    }
    return undefined;
  }

  command(name: string): CommandSpec | undefined {
    return this.byName.get(name);
  }

  action(id: string): ActionHandler | undefined {
    return this.actions.get(id);
  }

  form(id: string): FormHandler | undefined {
    return this.forms.get(id);
  }

  flow(name: string): Flow | undefined {
    return this.flowsByName.get(name);
  }

  /** The handler of a shared file: the first feature that takes it. */
  async fileHandler(ctx: Ctx, name: string): Promise<FileHandler | undefined> {
    for (const handler of this.fileHandlers) if (await handler.takes(ctx, name)) return handler;
    return undefined;
  }

  /**
   * The command a button names without arguments (a menu, a cycle chosen for it): any command
   * made of words alone, as if typed; commands that take arguments come back through their text.
   */
  menuCommand(name: string): ParsedCommand | undefined {
    const spec = this.byName.get(name);
    return spec && !spec.parse ? { spec, args: {} } : undefined;
  }

  /**
   * Whether a request only reads. Adapters acknowledge those at once and answer after; a request
   * that changes something is acknowledged only once its change is committed, so a crash never
   * swallows a click.
   */
  isReadOnly(
    request: { kind: 'text'; text: string } | { kind: 'action'; actionId: string; value: string },
  ): boolean {
    if (request.kind === 'text') return this.parse(request.text)?.spec.readOnly === true;
    if (request.actionId !== menuKind.id) return false;
    const value = menuKind.parse(request.value);
    return value ? this.menuCommand(value.cmd)?.spec.readOnly === true : false;
  }

  /** The lines of help for an audience, then the lines everyone's help shows. */
  helpLines(t: T, audience: Audience): { own: string[]; everyone: string[] } {
    const own = this.commands
      .filter((c) => c.help?.includes(audience))
      .map((c) => t(`help.line.${c.name}`, { context: audience }));
    const everyone = this.commands
      .filter((c) => c.help?.includes('everyone'))
      .map((c) => t(`help.line.${c.name}`, { context: '' }));
    return { own, everyone };
  }

  /** An audience's menu: command names in order, the first one primary. */
  menu(audience: Audience): string[] {
    return this.commands
      .filter((c) => c.menu?.[audience] !== undefined)
      .sort((a, b) => (a.menu?.[audience] ?? 0) - (b.menu?.[audience] ?? 0))
      .map((c) => c.name);
  }

  /** A menu button for a command, in the reader's words. */
  menuButton(t: T, name: string, style?: ButtonStyle): Button {
    return menuKind.button(t(`menu.${name}`), { cmd: name }, style);
  }
}
