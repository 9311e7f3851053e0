import { adminRolesFeature } from './admin.flow.ts';
import { applicationFeature } from './application.flow.ts';
import { auditFeature } from './audit.flow.ts';
import { behindFeature } from './behind.flow.ts';
import { certificateFeature } from './certificate.flow.ts';
import { checkinFeature } from './checkin.flow.ts';
import { closingFeature } from './closing.flow.ts';
import { directoryFeature } from './directory.flow.ts';
import { goalDraftingFeature } from './goal-drafting.flow.ts';
import { goalReviewFeature } from './goal-review.ts';
import { helpFeature } from './help.flow.ts';
import { historyFeature } from './history.flow.ts';
import { myDataFeature } from './my-data.flow.ts';
import { reminderFeature } from './nudge-actions.ts';
import { onBehalfFeature } from './on-behalf.flow.ts';
import { pairingFeature } from './pairing.flow.ts';
import { plenaryFeature } from './plenary.flow.ts';
import { preferencesFeature } from './preferences.ts';
import { programAdminFeature } from './program-admin.flow.ts';
import { type Feature, Registry } from './registry.ts';
import { resultsFeature } from './results.flow.ts';
import { sessionFeature } from './session.flow.ts';
import { uploadFeature } from './upload.flow.ts';
import { withdrawalFeature } from './withdrawal.flow.ts';
import { workReportFeature } from './work-report.flow.ts';

/**
 * Every feature, once. The order is the order of help lines, of commands' patterns (a more
 * specific phrase before a broader one: diploma settings before diplomas) and of file handlers
 * (roster uploads take any file, so they come last).
 */
export const FEATURES: readonly Feature[] = [
  helpFeature,
  goalDraftingFeature,
  goalReviewFeature,
  sessionFeature,
  checkinFeature,
  closingFeature,
  workReportFeature,
  behindFeature,
  certificateFeature,
  resultsFeature,
  adminRolesFeature,
  programAdminFeature,
  applicationFeature,
  plenaryFeature,
  directoryFeature,
  withdrawalFeature,
  historyFeature,
  auditFeature,
  myDataFeature,
  pairingFeature,
  onBehalfFeature,
  preferencesFeature,
  reminderFeature,
  uploadFeature,
];

/** The registry of every feature. */
export function featureRegistry(): Registry {
  return new Registry(FEATURES);
}
