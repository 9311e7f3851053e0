import { DomainError } from './errors.ts';
import type { Person, Program } from './model.ts';

type PairingPerson = Pick<Person, 'id' | 'level' | 'birthYear'>;

/**
 * The program's hard rules for a mentor and a mentee.
 * Classic: the mentor is at least one hierarchical level above the mentee.
 * Reverse: the mentor is younger than the mentee by at least the program's gap.
 * Throws the first rule broken; callers check capacity and existing pairings with the store.
 */
export function checkPairRules(
  program: Pick<Program, 'kind' | 'settings'>,
  mentor: PairingPerson,
  mentee: PairingPerson,
): void {
  if (mentor.id === mentee.id) throw new DomainError('pairing.same_person');
  if (program.kind === 'classic') {
    if (mentor.level === null || mentee.level === null) throw new DomainError('pairing.level_unknown');
    if (mentor.level <= mentee.level) {
      throw new DomainError('pairing.level', { mentorLevel: mentor.level, menteeLevel: mentee.level });
    }
  } else {
    if (mentor.birthYear === null || mentee.birthYear === null) throw new DomainError('pairing.age_unknown');
    const gap = mentor.birthYear - mentee.birthYear;
    const needed = Math.max(1, program.settings.minAgeGapYears);
    if (gap < needed) throw new DomainError('pairing.age', { gap, needed });
  }
}

/** A mentee has at most one active mentor per cycle; a mentor at most the program's capacity. */
export function checkPairCapacity(
  program: Pick<Program, 'settings'>,
  existing: { menteeHasMentor: boolean; mentorLoad: number },
): void {
  if (existing.menteeHasMentor) throw new DomainError('pairing.mentee_taken');
  if (existing.mentorLoad >= program.settings.mentorCapacity) {
    throw new DomainError('pairing.mentor_capacity', { capacity: program.settings.mentorCapacity });
  }
}
