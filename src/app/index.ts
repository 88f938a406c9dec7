/**
 * The use-case layer: plan and apply as functions of their ports (API, clock, host, config
 * source, audit sink). The CLI wires the real ones; tests wire fakes. See docs/architecture.md.
 */
export type { AuditSink, Clock, ConfigSource, Host, InterruptSource, OutplanApi } from './ports.js';
export type { AppEvent, ApplySourceKind, ConfirmRequest } from './events.js';
export {
  listCampaignsOrWarn,
  openPlanSession,
  savedPlanOf,
  type PlanDeps,
  type PlanRequest,
  type PlanSession,
} from './plan-session.js';
export { safetyRefusal, type SafetyFacts } from './safety.js';
export { applyFromConfig, type FreshApplyDeps, type FreshApplyRequest } from './apply-fresh.js';
export { applySaved, type SavedApplyRequest } from './apply-saved.js';
export {
  runPrepared,
  type ApplyDeps,
  type ApplyOutcome,
  type ApplyOutcomeKind,
  type PreparedApply,
  type RunSettings,
} from './apply-runner.js';
export { CONVERGENCE_RECHECK_DELAYS_MS, closingCheck, type Convergence } from './closing-check.js';
export { AuditTrail, type AuditContext } from './audit-trail.js';
