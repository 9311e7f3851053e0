/**
 * Helpers for the commands the features declare (see `registry.ts`). People type commands in a
 * direct message or after `/mentoria`; accents and case do not matter ("sesion nueva" = "Sesión
 * nueva"), and names, dates and reasons keep their spelling.
 */

/**
 * The address in a word as people type it: plain in Teams and the console, `<mailto:a@b|a@b>`
 * in Slack. Undefined when there is none.
 */
export function emailIn(word: string | undefined): string | undefined {
  return word ? /([^\s<>|:]+@[^\s<>|]+\.[^\s<>|]+)/.exec(word)?.[1]?.toLowerCase() : undefined;
}

/** The text as typed after its first `count` words: a cycle's name, a date, a reason. */
export function wordsAfter(typed: string, count: number): string {
  return typed.trim().split(/\s+/).slice(count).join(' ');
}

/**
 * `<phrase> [more]`: what was typed after the phrase (a cycle's or program's name), when the
 * normalized words begin with one of the phrases; with `required`, only when something follows.
 */
export function argAfter(
  words: string,
  typed: string,
  phrases: readonly string[],
  options: { required?: boolean } = {},
): string | undefined {
  const phrase = phrases.find((p) => words === p || words.startsWith(`${p} `));
  if (phrase === undefined) return undefined;
  const arg = wordsAfter(typed, phrase.split(' ').length);
  return options.required && !arg ? undefined : arg;
}

/** A parser for `<phrase> <name>`: the name as written, required (`admin plenarias 2027-1`). */
export function nameAfter(
  phrases: readonly string[],
): (words: string, typed: string) => { arg: string } | undefined {
  return (words, typed) => {
    const arg = argAfter(words, typed, phrases, { required: true });
    return arg === undefined ? undefined : { arg };
  };
}
