import { z } from 'zod';
import { parseValue } from './inbound.ts';
import { type Button, type ButtonStyle, button, type Form } from './model.ts';

/**
 * A kind of button or form: its action id and the schema of the small JSON value it carries.
 * `legacyKeys` maps the one-letter keys an older version wrote (`{ g, r }`) to today's names
 * (`{ goal, rev }`), so buttons already sitting in people's chats keep working.
 */
export class ActionKind<S extends z.ZodType> {
  constructor(
    readonly id: string,
    private readonly schema: S,
    private readonly legacyKeys: Readonly<Record<string, string>> = {},
  ) {}

  /** A button that comes back as this action with this value. */
  button(label: string, value: z.input<S>, style?: ButtonStyle): Button {
    return button(this.id, label, value, style);
  }

  /** A value, as a button or form of this kind carries it. */
  value(value: z.input<S>): string {
    return JSON.stringify(value);
  }

  /** A form whose submission comes back as this action with this value. */
  form(form: Omit<Form, 'actionId' | 'value'>, value: z.input<S>): Form {
    return { ...form, actionId: this.id, value: JSON.stringify(value) };
  }

  /** The value of a click or submission, current or legacy; undefined when it is neither. */
  parse(raw: string): z.output<S> | undefined {
    const value = parseValue(z.unknown(), raw);
    if (value === undefined) return undefined;
    const parsed = this.schema.safeParse(this.current(value));
    return parsed.success ? (parsed.data as z.output<S>) : undefined;
  }

  /** A legacy value with today's key names; anything else as it is. */
  private current(value: unknown): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    if (!entries.some(([key]) => key in this.legacyKeys)) return value;
    return Object.fromEntries(entries.map(([key, v]) => [this.legacyKeys[key] ?? key, v]));
  }
}

export function actionKind<S extends z.ZodType>(
  id: string,
  schema: S,
  legacyKeys?: Readonly<Record<string, string>>,
): ActionKind<S> {
  return new ActionKind(id, schema, legacyKeys);
}
