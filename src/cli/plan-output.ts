import { appendFile } from 'node:fs/promises';
import type { Plan } from '../plan/index.js';
import { UsageError, messageOf } from '../model/errors.js';
import type { CliIo } from './io.js';
import { useColour } from './io.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export function parsePlanFormat(text: string): PlanFormat {
  if (text === 'text' || text === 'json' || text === 'markdown') return text;
  throw new UsageError('INVALID_FLAG', `--format must be text, json or markdown, got "${text}".`);
}

export async function renderPlan(plan: Plan, format: PlanFormat, io: CliIo): Promise<string> {
  const render = await import('../render/index.js');
  switch (format) {
    case 'text':
      return render.renderPlanText(plan, { colour: useColour(io.stdout, io.env) });
    case 'json':
      return render.renderPlanJson(plan);
    case 'markdown':
      return render.renderPlanMarkdown(plan, {});
    default: {
      const never: never = format;
      return never;
    }
  }
}

/**
 * In GitHub Actions the plan also lands in the job summary, so a reviewer sees it on the
 * run page without opening the log.
 */
export async function appendStepSummary(markdown: string, io: CliIo): Promise<void> {
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (io.env.GITHUB_ACTIONS !== 'true' || !summary) return;
  try {
    await appendFile(summary, `${markdown.trimEnd()}\n\n`);
  } catch (error) {
    io.stderr.write(`warning: could not append to $GITHUB_STEP_SUMMARY (${messageOf(error)}).\n`);
  }
}
