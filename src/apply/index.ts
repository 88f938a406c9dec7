export { runPool } from './pool.js';
export {
  executePlan,
  type ApplyClient,
  type ApplyEvent,
  type ApplyResult,
  type ExecuteOptions,
} from './execute-plan.js';
export {
  plannedCalls,
  skippedRecord,
  type CallOutcome,
  type CallRecord,
  type PlannedCall,
} from './call-record.js';
export {
  AUDIT_FORMAT_VERSION,
  buildAuditReport,
  type AuditInput,
  type AuditOutcome,
  type CiContext,
} from './audit-report.js';
export { findDivergences, type Divergence } from './verify.js';
export { duplicatesOf, remainingAfterApply } from './converge.js';
