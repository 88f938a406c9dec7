/**
 * The host the CLI gives the use cases: events become lines on stderr (the plan goes to
 * stdout, and to the GitHub job summary in Actions), and confirmations are asked on the TTY.
 */
import { WAIT_NOTICE_MS } from '../api/index.js';
import type { AppEvent, ConfirmRequest, Host } from '../app/index.js';
import { progressReporter } from './apply-progress.js';
import { writeOutcomeSummary } from './apply-summary.js';
import { writePlanConfigWarnings } from './diagnostics-output.js';
import type { CliIo } from './io.js';
import { appendStepSummary, renderPlan } from './plan-output.js';

export function terminalHost(io: CliIo): Host {
  const progress = progressReporter(io);
  const say = (line: string) => io.stderr.write(`${line}\n`);
  return {
    async notify(event: AppEvent): Promise<void> {
      switch (event.type) {
        case 'config-warnings':
          return writePlanConfigWarnings(event.diagnostics, io);
        case 'warning':
          say(`warning: ${event.message}`);
          return;
        case 'plan-ready':
          io.stdout.write(await renderPlan(event.plan, 'text', io));
          if (io.env.GITHUB_ACTIONS === 'true')
            await appendStepSummary(await renderPlan(event.plan, 'markdown', io), io);
          return;
        case 'nothing-to-apply':
          say(NOTHING_TO_APPLY[event.reason]);
          return;
        case 'apply-started':
          say(
            `Applying ${event.calls} call${event.calls === 1 ? '' : 's'} (concurrency ${event.concurrency})…`,
          );
          return;
        case 'call-started':
        case 'call-finished':
          progress(event);
          return;
        case 'interrupted':
          say(
            `\n${event.signal}: finishing the calls in flight, starting no new ones (again to abort now)…`,
          );
          return;
        case 'apply-finished':
          writeOutcomeSummary(event.result, event.source, io);
          return;
        case 'wait':
          // Shorter pauses pass without a word, as the client's own do.
          if (event.ms >= WAIT_NOTICE_MS) say(`Waiting ${seconds(event.ms)} for ${event.reason}…`);
          return;
        case 'cancelled':
          say('Apply cancelled; nothing was changed.');
          return;
        case 'verified':
          say('Verified: the live account now matches.');
          return;
        case 'not-converged':
          say(
            `The live account does not match the plan after applying:\n` +
              `${event.remaining.map((l) => `  - ${l}`).join('\n')}${event.next ? `\n${event.next}` : ''}`,
          );
          return;
        case 'unverified':
          say(
            `Could not re-list the account to verify the result (${event.message}); ` +
              'run `outplanctl plan` to check it.',
          );
          return;
        default: {
          const never: never = event;
          return never;
        }
      }
    },
    confirm: (request: ConfirmRequest) => confirmOnTerminal(request, io),
  };
}

const NOTHING_TO_APPLY: Record<Extract<AppEvent, { type: 'nothing-to-apply' }>['reason'], string> =
  {
    'no-changes': 'Nothing to apply.',
    'saved-plan-empty': 'The saved plan has no changes; nothing to apply.',
    'already-applied':
      'The saved plan has already been applied: the live account already is its end state. Nothing to do.',
  };

async function confirmOnTerminal(request: ConfirmRequest, io: CliIo): Promise<boolean> {
  const { calls } = request;
  const answer = await io.prompt(
    `\nMake these ${calls} call${calls === 1 ? '' : 's'} against ${request.apiUrl}?\n  Only "yes" will be accepted: `,
  );
  return answer.trim() === 'yes';
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
