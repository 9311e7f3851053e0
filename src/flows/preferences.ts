import { DateTime } from 'luxon';
import { LOCALES, type Locale } from '../config.ts';
import { startOfLocalDay } from '../domain/time.ts';
import { translator } from '../i18n/index.ts';
import { textMessage } from '../messages/model.ts';
import { setOwnLanguage, setOwnSnooze } from '../services/people.service.ts';
import { wordsAfter } from './commands.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { parseDate } from './parse-date.ts';
import { command, type Feature } from './registry.ts';

const LANGUAGE_WORDS: Record<string, Locale> = {
  es: 'es',
  espanol: 'es',
  español: 'es',
  spanish: 'es',
  en: 'en',
  ingles: 'en',
  inglés: 'en',
  english: 'en',
};

/** `idioma es|en`: the person's language, answered in the new one. */
export async function setLanguage(ctx: Ctx, arg: string): Promise<Reply> {
  const locale = LANGUAGE_WORDS[arg.trim().toLowerCase()];
  if (!locale) return reply(textMessage(ctx.t('prefs.language_unknown', { options: LOCALES.join(', ') })));
  await setOwnLanguage(ctx.deps, ctx.acting, locale);
  return reply(textMessage(translator(locale, ctx.person.gender)('prefs.language_set')));
}

/** `pausar hasta <fecha>`: no reminders until that day starts in the person's zone. */
export async function snooze(ctx: Ctx, arg: string): Promise<Reply> {
  const date = parseDate(arg, ctx.now, ctx.person.timezone);
  if (!date) return reply(textMessage(ctx.t('dates.unreadable_date')));
  const until = startOfLocalDay(date, ctx.person.timezone);
  if (until.getTime() <= ctx.now.getTime()) return reply(textMessage(ctx.t('prefs.snooze_past')));
  if (DateTime.fromJSDate(until).diff(DateTime.fromJSDate(ctx.now), 'days').days > 92) {
    return reply(textMessage(ctx.t('prefs.snooze_too_long')));
  }
  await setOwnSnooze(ctx.deps, ctx.acting, until);
  return reply(textMessage(ctx.t('prefs.snoozed', { date: ctx.fmt.date(date) })));
}

export async function resume(ctx: Ctx): Promise<Reply> {
  await setOwnSnooze(ctx.deps, ctx.acting, null);
  return reply(textMessage(ctx.t('prefs.resumed')));
}

/** A person's language and their pause from reminders. */
export const preferencesFeature: Feature = {
  name: 'preferences',
  commands: [
    command<{ arg: string }>({
      name: 'language',
      parse: (words) => {
        const m = /^(idioma|language|lang)\s+(.+)$/.exec(words);
        return m ? { arg: m[2] as string } : undefined;
      },
      help: ['everyone'],
      run: (ctx, { arg }) => setLanguage(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'snooze',
      // The date keeps its spelling ("mañana" needs its ñ for the parser).
      parse: (words, typed) => {
        const m = /^(pausar hasta|pausar|snooze until|snooze)\s+(.+)$/.exec(words);
        return m ? { arg: wordsAfter(typed, (m[1] as string).split(' ').length) } : undefined;
      },
      help: ['everyone'],
      run: (ctx, { arg }) => snooze(ctx, arg),
    }),
    command({
      name: 'resume',
      words: ['reanudar', 'resume', 'pausar no', 'snooze off'],
      run: (ctx) => resume(ctx),
    }),
  ],
};
