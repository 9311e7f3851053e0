import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../../src/domain/errors.ts';
import { en } from '../../../src/i18n/en.ts';
import { es } from '../../../src/i18n/es.ts';
import { genderContext, translator } from '../../../src/i18n/index.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const catalogs = { es: flatten(es as unknown as Tree), en: flatten(en as unknown as Tree) };

describe('catalogs', () => {
  it('have the same keys in Spanish and English', () => {
    const onlyEs = [...catalogs.es.keys()].filter((k) => !catalogs.en.has(k));
    const onlyEn = [...catalogs.en.keys()].filter((k) => !catalogs.es.has(k));
    expect({ onlyEs, onlyEn }).toEqual({ onlyEs: [], onlyEn: [] });
  });

  it('use the same placeholders in both languages and in gendered variants', () => {
    const mismatches: string[] = [];
    for (const [key, text] of catalogs.es) {
      const other = catalogs.en.get(key) ?? '';
      if (placeholders(text).join() !== placeholders(other).join()) mismatches.push(key);
      const base = key.replace(/_(f|m)$/, '');
      if (base !== key && placeholders(text).join() !== placeholders(catalogs.es.get(base) ?? '').join())
        mismatches.push(key);
    }
    expect(mismatches).toEqual([]);
  });

  it('translate every domain error code', () => {
    // transition.not_allowed is worded per entity (errors.transition.goal, .session…).
    const missing = DOMAIN_ERROR_CODES.filter(
      (code) => code !== 'transition.not_allowed' && !catalogs.es.has(`errors.${code}`),
    );
    expect(missing).toEqual([]);
  });

  it('have every literal key the code uses', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const used = new Set<string>();
    for (const file of files(join(process.cwd(), 'src', 'flows'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\?\s*'([a-z_]+\.[a-z_.]+)'\s*:\s*'([a-z_]+\.[a-z_.]+)'/g)) {
        used.add(m[1] as string);
        used.add(m[2] as string);
      }
    }
    // A key may name a subtree whose leaves the code picks (`${key}.summary`).
    const keys = [...catalogs.es.keys()];
    // …or a plural one (`key_one`, `key_other`), chosen by i18next from `count`.
    const plural = (k: string) => catalogs.es.has(`${k}_one`) && catalogs.es.has(`${k}_other`);
    const missing = [...used].filter(
      (k) => !catalogs.es.has(k) && !plural(k) && !keys.some((leaf) => leaf.startsWith(`${k}.`)),
    );
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('follow the reader’s gender in Spanish and stay neutral when unknown', () => {
    expect(translator('es', 'f')('welcome.hello', { name: 'Ana' })).toBe(
      '¡Hola, Ana! Bienvenida a Mentoría.',
    );
    expect(translator('es', 'm')('welcome.hello', { name: 'Luis' })).toBe(
      '¡Hola, Luis! Bienvenido a Mentoría.',
    );
    expect(translator('es', null)('welcome.hello', { name: 'Alex' })).toBe(
      '¡Hola, Alex! Te damos la bienvenida a Mentoría.',
    );
    expect(translator('es', 'x')('welcome.hello', { name: 'Alex' })).toBe(
      '¡Hola, Alex! Te damos la bienvenida a Mentoría.',
    );
    expect(translator('en', 'f')('welcome.hello', { name: 'Ana' })).toBe('Hi Ana! Welcome to Mentoría.');
  });

  it('agree with the count through i18next plurals, whatever the reader’s gender', () => {
    const vars = { who: 'personas mentoradas', eligible: 1, total: 1 };
    for (const gender of ['f', 'm', null] as const) {
      const es = translator('es', gender);
      expect(es('results.summary', { ...vars, count: 1 })).toMatch(/^1 participante\. /);
      expect(es('results.summary', { ...vars, count: 4 })).toMatch(/^4 participantes\. /);
      expect(es('results.summary', { ...vars, count: 0 })).toMatch(/^0 participantes\. /);
    }
    const en = translator('en');
    expect(en('results.summary', { ...vars, who: 'mentees', count: 1 })).toMatch(/^1 participant\. /);
    expect(en('results.summary', { ...vars, who: 'mentees', count: 2 })).toMatch(/^2 participants\. /);
  });

  it('render every key with counts 0, 1 and 2 and each gender without "(s)", "/a" or a leftover placeholder', () => {
    // Base keys: plural and gender suffixes are chosen by i18next from `count` and `context`.
    const base = (key: string) => key.replace(/_(one|other)$/, '').replace(/_(f|m)$/, '');
    const hand = /\((s|es|a|as)\)|\b\p{L}+[oe]\/as?\b|\b\p{L}{2,}\/a\b/u;
    const problems: string[] = [];
    for (const lang of ['es', 'en'] as const) {
      const keys = [...new Set([...catalogs[lang].keys()].map(base))];
      for (const gender of ['f', 'm', null] as const) {
        const t = translator(lang, gender);
        for (const key of keys) {
          const text = catalogs[lang].get(key) ?? catalogs[lang].get(`${key}_other`) ?? '';
          for (const count of [0, 1, 2]) {
            const vars: Record<string, unknown> = { count };
            for (const name of placeholders(text)) if (name !== 'count') vars[name as string] = count;
            for (const m of text.matchAll(/\{\{(\w+)\}\}/g)) vars[m[1] as string] ??= count;
            const out = t(key, vars);
            if (hand.test(out)) problems.push(`${lang} ${gender} ${key} (${count}): ${out}`);
            if (/\{\{|\$t\(/.test(out)) problems.push(`${lang} ${key}: leftover in ${out}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('agree in number with each count of a sentence, and never nest what a person typed', () => {
    const es = translator('es', 'f');
    expect(es('nudge.admin_digest.restrictions', { restrictions: 1, alerts: 2 })).toBe(
      '• 1 restricción y 2 alertas sin resolver: revísalas con la pareja en «pendientes».',
    );
    expect(es('pending.title', { count: 1 })).toBe('Tienes 1 pendiente:');
    expect(es('pending.title', { count: 3 })).toBe('Tienes 3 pendientes:');
    expect(es('pairs.left_title', { mentees: 1, mentors: 0 })).toBe(
      'Sin pareja: 1 persona mentorada y 0 personas mentoras',
    );
    expect(translator('en')('pairs.left_title', { mentees: 1, mentors: 2 })).toBe(
      'Left without a pair: 1 mentee and 2 mentors',
    );
    // A name that looks like a nesting is printed as typed.
    expect(es('welcome.hello', { name: '$t(words.mentor)' })).toBe(
      '¡Hola, $t(words.mentor)! Bienvenida a Mentoría.',
    );
  });

  it('name a third person in their own gender, and neutrally when unknown, whatever the reader’s', () => {
    const luis = translator('es', 'm');
    expect(luis('admin.role.admin', genderContext('f'))).toBe('administradora');
    expect(luis('admin.role.admin', genderContext(null))).toBe('persona administradora');
    expect(
      translator('es', 'f')('nudge.introduction.to_mentee', {
        name: 'Luis',
        cycle: 'C',
        ...genderContext('m'),
      }),
    ).toContain('será tu mentor en');
    expect(translator('es', 'f')('survey.ask.satisfaction')).toBe(
      '¿Qué tan satisfecha estás con el programa? (1 a 5)',
    );
    expect(translator('es', null)('survey.ask.satisfaction')).toBe(
      '¿Cuál es tu grado de satisfacción con el programa? (1 a 5)',
    );
  });
});
