import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VoipbinClient } from '../../src/api/index.js';
import type {
  AppEvent,
  AuditSink,
  Clock,
  ConfigSource,
  ConfirmRequest,
  Host,
} from '../../src/app/index.js';
import { loadConfig } from '../../src/config/load.js';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';

/**
 * A clock whose sleeps take no time: each advances `now` by the pause, so an emulator on the
 * same clock sees its read lag run out exactly as it would after a real wait.
 */
export interface FakeClock extends Clock {
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = new Date('2026-01-01T00:00:00Z')): FakeClock {
  let now = start.getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A host that records every event and answers confirmations from a script. */
export interface RecordingHost extends Host {
  readonly events: AppEvent[];
  readonly questions: ConfirmRequest[];
  of<T extends AppEvent['type']>(type: T): Extract<AppEvent, { type: T }>[];
  types(): string[];
}

export function recordingHost(answers: boolean[] = []): RecordingHost {
  const events: AppEvent[] = [];
  const questions: ConfirmRequest[] = [];
  return {
    events,
    questions,
    notify: (event) => {
      events.push(event);
    },
    async confirm(request) {
      questions.push(request);
      const answer = answers.shift();
      if (answer === undefined) throw new Error('unexpected confirmation request');
      return answer;
    },
    of: <T extends AppEvent['type']>(type: T) =>
      events.filter((e): e is Extract<AppEvent, { type: T }> => e.type === type),
    types: () => events.map((e) => e.type),
  };
}

export interface AppHarness {
  readonly emulator: RunningEmulator;
  readonly key: string;
  readonly clock: FakeClock;
  readonly client: VoipbinClient;
  readonly config: ConfigSource;
  readonly dir: string;
  /** Audit records the runs wrote, newest last. */
  readonly reports: Record<string, unknown>[];
  readonly audit: AuditSink;
  write(name: string, content: string): void;
  writes(): { method: string; path: string }[];
  live(): ReturnType<RunningEmulator['store']['listOutplans']>;
  close(): Promise<void>;
}

/**
 * The emulator in this process over loopback, the real client on a fake clock (no pacing,
 * no real sleeps), and the real config loader reading a scratch directory. No child process.
 */
export async function startAppHarness(options: EmulatorOptions = {}): Promise<AppHarness> {
  const clock = fakeClock();
  const key = 'vb_app_secret_key_0815';
  const emulator = await startEmulator({ accessKeys: [key], now: clock.now, ...options });
  const client = new VoipbinClient({
    baseUrl: emulator.baseUrl,
    credential: { kind: 'accesskey', value: key },
    rate: Number.POSITIVE_INFINITY,
    sleep: (ms) => clock.sleep(ms),
  });
  const dir = mkdtempSync(join(tmpdir(), 'outplanctl-app-'));
  const reports: Record<string, unknown>[] = [];
  return {
    emulator,
    key,
    clock,
    client,
    dir,
    reports,
    config: { load: (paths, o) => loadConfig([...paths], { cwd: dir, strict: o.strict }) },
    audit: {
      write: async (report) => {
        reports.push(report);
      },
    },
    write: (name, content) => writeFileSync(join(dir, name), content),
    writes: () =>
      emulator.requests
        .filter((r) => r.method !== 'GET')
        .map((r) => ({ method: r.method, path: r.path })),
    live: () => emulator.store.listOutplans(key).filter((o) => o.tm_delete === null),
    async close() {
      await client.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
