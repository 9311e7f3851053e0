import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../../src/domain/errors.ts';
import { en } from '../../../src/i18n/en.ts';
import { es } from '../../../src/i18n/es.ts';
import { translator } from '../../../src/i18n/index.ts';

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
});
