/** A six-month cycle in Santiago (Chile's 2027 calendar): the dates several suites build on. */
export const SANTIAGO_2027 = {
  timezone: 'America/Santiago',
  enrollmentStarts: '2027-01-04',
  goalSettingStarts: '2027-01-25',
  executionStarts: '2027-02-15',
  closingStarts: '2027-06-10',
  ends: '2027-06-30',
} as const;
