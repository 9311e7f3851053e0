import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
}

const root = process.cwd();
const core = files(join(root, 'src')).map((p) => relative(root, p));

describe('layer rules (STYLE.md §1)', () => {
  it('src/ imports no adapter and no platform SDK, except the composition root', () => {
    const offenders = core
      .filter((p) => p !== 'src/main.ts')
      .flatMap((p) =>
        imports(p)
          .filter((i) => /^@slack\/|^@microsoft\/|^botbuilder|(^|\/)adapters\//.test(i))
          .map((i) => `${p} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('only src/store speaks SQL (kysely, pg, PGlite)', () => {
    const offenders = core
      .filter((p) => !p.startsWith('src/store/'))
      .flatMap((p) =>
        imports(p)
          .filter((i) => /^(kysely|pg|@electric-sql\/pglite)$/.test(i))
          .map((i) => `${p} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the domain is pure: no store, no I/O modules', () => {
    const offenders = core
      .filter((p) => p.startsWith('src/domain/'))
      .flatMap((p) =>
        imports(p)
          .filter((i) => /store\/|^node:|^pino/.test(i))
          .map((i) => `${p} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('adapters come in through the core port: no import of src/store or src/services', () => {
    const adapters = files(join(root, 'adapters')).map((p) => relative(root, p));
    expect(adapters.length).toBeGreaterThan(5);
    const offenders = adapters.flatMap((path) =>
      imports(path)
        .filter((i) => /(^|\/)src\/(store|services)\//.test(i))
        .map((i) => `${path} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('migrations import no application code', () => {
    const offenders = files(join(root, 'migrations')).flatMap((p) =>
      imports(p)
        .filter((i) => i.startsWith('.'))
        .map((i) => `${relative(root, p)} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('buttons and forms are built from their declared kinds, so an action id and its schema exist once', () => {
    const offenders = core
      .filter((p) => !p.startsWith('src/messages/'))
      .flatMap((p) => {
        const text = readFileSync(p, 'utf8');
        const found: string[] = [];
        // The raw factory: `import { button } from '../messages/model.ts'`.
        if (/import \{[^}]*\bbutton\b[^}]*\} from '[./]*messages\/model\.ts'/.test(text))
          found.push('imports button');
        // An action id written by hand in a form or button.
        for (const m of text.matchAll(/actionId: '[a-z_.]+'/g)) found.push(m[0]);
        return found.map((f) => `${p}: ${f}`);
      });
    expect(offenders).toEqual([]);
  });

  it('flows change nothing themselves: services own writes and transactions; flows read the store by name', () => {
    const offenders: string[] = [];
    for (const path of core.filter((p) => p.startsWith('src/flows/'))) {
      const text = readFileSync(path, 'utf8');
      // import { x, type Y } from '../store/…': only the reads named below (types are free).
      for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'[./]*\/store\/[^']+'/g)) {
        if (m[1]) continue;
        for (const name of (m[2] ?? '').split(',').map((n) => n.trim()))
          if (name && !name.startsWith('type ') && !FLOW_READS.has(name))
            offenders.push(`${path} imports ${name}`);
      }
      // …deps.db: only as the first argument of an allowed read, `getCycle(ctx.deps.db, …)`.
      const uses = [...text.matchAll(/\bdeps\.db\b/g)].length;
      const reads = [...text.matchAll(/\b(\w+)\(\s*(?:ctx\.|this\.)?deps\.db\s*,/g)].filter((m) =>
        FLOW_READS.has(m[1] as string),
      ).length;
      if (uses !== reads)
        offenders.push(`${path}: ${uses - reads} use(s) of deps.db outside an allowed read`);
      // const { db } = ctx.deps
      if (/\{[^}]*\bdb\b[^}]*\}\s*=\s*(?:ctx\.|this\.)?deps\b/.test(text))
        offenders.push(`${path}: { db } = deps`);
    }
    expect(offenders).toEqual([]);
  });
});

/**
 * The reads flows may call with the database (the store's, and a few checks services offer);
 * every write goes through a service, which owns its transaction and its audit line.
 */
const FLOW_READS = new Set([
  'roleConflicts',
  'tenantAiCoach',
  'requirePairPhase',
  'verifyCertificate',
  'diplomaDesign',
  'activeMenteesOf',
  'activePairingOfMentee',
  'aiCallsOf',
  'applicationOf',
  'attendanceByPerson',
  'awaitingEndorsementBy',
  'countFailedNudges',
  'countGoalsByState',
  'countOpenIssues',
  'currentWithdrawal',
  'cycleAdmins',
  'cycleContents',
  'enrollmentsOf',
  'findCycle',
  'findPersonByEmail',
  'getApplication',
  'getConversation',
  'getCycle',
  'getDownloadRequest',
  'getEvaluationOfPairing',
  'getGoal',
  'getPairing',
  'getPeople',
  'getPerson',
  'getPlenary',
  'getProgram',
  'getSession',
  'getTenant',
  'getWorkReport',
  'hasAnsweredSurvey',
  'historyCycles',
  'lastCheckinWeek',
  'listApplications',
  'listCompetencies',
  'listCycles',
  'listGoalsOfPairing',
  'listMilestones',
  'listPlenaries',
  'listPrograms',
  'listRevisions',
  'listSessionsOfPairings',
  // Not a read: a new row id, made before a button so that clicking twice creates one row.
  'newId',
  'openForApplications',
  'openIssues',
  'pairingCarry',
  'pairingsOf',
  'personRecordCounts',
  'rememberedCycle',
  'reverseReviewQueue',
  'sessionWithPair',
  'standingRows',
  'waitingRecipients',
  'workReportFile',
  'workReportOfPairing',
]);
