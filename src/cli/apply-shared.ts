import type { Plan, SafetyFlags } from '../plan/index.js';
import type { ApplyRunContext } from './apply-run.js';
import { refuse } from './apply-run.js';
import type { CliIo } from './io.js';
import { appendStepSummary, renderPlan } from './plan-output.js';
import { refusalError, safetyRefusals, type RawSafetyOptions } from './safety-flags.js';

export interface ApplyFlags extends RawSafetyOptions {
  plan?: string;
  prune?: boolean;
  yes?: boolean;
  concurrency: string;
  report?: string;
  strict?: boolean;
  apiUrl?: string;
  rate?: string;
  timeout?: string;
}

/** The plan on stdout (and in the GitHub job summary) before anything is called. */
export async function showPlan(plan: Plan, io: CliIo): Promise<void> {
  io.stdout.write(await renderPlan(plan, 'text', io));
  if (io.env.GITHUB_ACTIONS === 'true') {
    await appendStepSummary(await renderPlan(plan, 'markdown', io), io);
  }
}

export async function refuseIfUnsafe(
  plan: Plan,
  settings: SafetyFlags,
  facts: { liveCount: number; campaignsKnown: boolean },
  run: ApplyRunContext,
): Promise<void> {
  const refusals = safetyRefusals(plan, settings, facts);
  if (refusals.length > 0)
    await refuse(run, plan.changes, refusalError(refusals, 'no call was made.'));
}
