/** A plenary session of a cycle (reverse programs): everyone attends, attendance counts for the diploma. */
export interface Plenary {
  tenantId: string;
  id: string;
  cycleId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
}

/** Participants mark themselves present from 15 minutes before the start to 30 minutes after the end. */
export const ATTENDANCE_OPENS_BEFORE_MS = 15 * 60_000;
export const ATTENDANCE_CLOSES_AFTER_MS = 30 * 60_000;

export function attendanceWindow(plenary: Pick<Plenary, 'startsAt' | 'durationMinutes'>): {
  opens: Date;
  closes: Date;
} {
  const start = plenary.startsAt.getTime();
  return {
    opens: new Date(start - ATTENDANCE_OPENS_BEFORE_MS),
    closes: new Date(start + plenary.durationMinutes * 60_000 + ATTENDANCE_CLOSES_AFTER_MS),
  };
}

export function attendanceOpen(plenary: Pick<Plenary, 'startsAt' | 'durationMinutes'>, now: Date): boolean {
  const { opens, closes } = attendanceWindow(plenary);
  return now >= opens && now <= closes;
}

/** Share of plenaries attended, 0..1; null when the cycle has none yet. */
export function attendanceRate(present: number, plenaries: number): number | null {
  return plenaries === 0 ? null : present / plenaries;
}
