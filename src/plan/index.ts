export { buildPlan, type BuildPlanInput } from './build-plan.js';
export { checkCallerIds, type CallerIdMiss, type CallerIdWarning } from './caller-ids.js';
export {
  checkSafety,
  DEFAULT_MAX_DELETE_SHARE,
  type Refusal,
  type RefusalCode,
  type SafetyOptions,
} from './safety.js';
export {
  compareFingerprint,
  createSavedPlan,
  parseSavedPlan,
  serializeSavedPlan,
  SAVED_PLAN_FORMAT_VERSION,
  SAVED_PLAN_KIND,
  type CreateSavedPlanInput,
  type SavedPlan,
} from './saved-plan.js';
export { SavedPlanError, type SavedPlanErrorReason } from './saved-plan-error.js';
export {
  effectiveSafety,
  savedPlanSafety,
  type SafetyFlags,
  type SafetySettings,
  type SavedPlanSafety,
} from './saved-plan-safety.js';
export {
  isSavedPlanApplied,
  verifySavedPlanAgainstLive,
  type SavedPlanMismatch,
  type SavedPlanMismatchKind,
} from './verify-saved-plan.js';
export {
  compareLiveFingerprint,
  describeStaleReasons,
  fingerprintLive,
  type FingerprintEntry,
  type LiveFingerprint,
  type StaleReason,
} from './fingerprint.js';
export {
  callRoute,
  formatCallRoute,
  type HttpMethod as CallMethod,
  type Route as CallRoute,
} from '../model/routes.js';
export { sanitizeApiUrl } from './api-url.js';
export { canonicalJson, digestOf, sha256Hex } from './canonical-json.js';
export { compileNamePattern } from './name-pattern.js';
export {
  summarizePlan,
  type CallKind,
  type CampaignRef,
  type Change,
  type ChangeAction,
  type CreateChange,
  type DeleteChange,
  type Plan,
  type PlanNote,
  type PlanProblem,
  type PlanResult,
  type PlanSummary,
  type PlanWarning,
  type UnmanagedOutplan,
  type UpdateCall,
  type UpdateChange,
} from './types.js';
