import { messageOf } from '../model/errors.js';
import type { Clock, Host } from './ports.js';

/**
 * Reads may lag a write for a few seconds (VoIPBIN's cache), so an account that does not
 * match at once is listed again after a pause before anything is said to differ.
 */
export const CONVERGENCE_RECHECK_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000];

/** true: the account matches; false: it differs; null: it could not be listed. */
export type Convergence = boolean | null;

/**
 * The closing check of an apply: re-lists until nothing `remaining` reports, or the
 * re-checks run out. Each pause is announced (a wait event) and made through the clock.
 */
export async function closingCheck(
  remaining: () => Promise<readonly string[]>,
  deps: { clock: Clock; host: Host },
  options: { recheckDelaysMs: readonly number[]; next: string },
): Promise<Convergence> {
  const { clock, host } = deps;
  try {
    let left = await remaining();
    for (const delay of options.recheckDelaysMs) {
      if (left.length === 0) break;
      await host.notify({
        type: 'wait',
        reason: `the listing to show this run's changes (${left.length} difference${left.length === 1 ? '' : 's'} left; VoIPBIN's reads may lag its writes)`,
        ms: delay,
      });
      await clock.sleep(delay);
      left = await remaining();
    }
    if (left.length === 0) {
      await host.notify({ type: 'verified' });
      return true;
    }
    await host.notify({ type: 'not-converged', remaining: left, next: options.next });
    return false;
  } catch (error) {
    await host.notify({ type: 'unverified', message: messageOf(error) });
    return null;
  }
}
