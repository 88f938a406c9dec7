import type { Command } from 'commander';
import { addApiOptions } from './api-flags.js';
import { addSafetyOptions } from './safety-flags.js';

/** The options `plan` and `apply` share: what to plan, how strictly, and against which API. */
export function addPlanningOptions(command: Command): Command {
  command
    .option('--prune', 'delete live outplans that no file declares (never without this flag)')
    .option('--strict', 'treat config warnings as errors');
  return addApiOptions(addSafetyOptions(command));
}
