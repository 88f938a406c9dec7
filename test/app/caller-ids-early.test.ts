import { afterEach, describe, expect, it } from 'vitest';
import { openPlanSession, type ConfigSource, type OutplanApi } from '../../src/app/index.js';
import { mayDeclareTelCallerIds } from '../../src/config/tel-hint.js';
import { configOf, outplan } from '../helpers/e2e-session.js';
import { recordingHost, startAppHarness, type AppHarness } from '../helpers/app-harness.js';

// With the config source's text hint, the numbers listing starts with the outplan listing,
// before the config is parsed; what the parsed config says still decides what is used.
describe('caller IDs listed before the config is parsed', () => {
  let h: AppHarness;
  afterEach(async () => {
    await h.close();
  });
  const request = () => ({
    paths: ['outplans.yaml'],
    prune: false,
    strict: false,
    apiUrl: h.emulator.baseUrl,
  });
  /** The harness's loader, which parses only once `gate` opens, plus the real text hint. */
  const gatedConfig = (gate: Promise<void>): ConfigSource => ({
    load: async (paths, options) => {
      await gate;
      return h.config.load(paths, options);
    },
    mayDeclareTelCallerIds: (paths) => mayDeclareTelCallerIds(paths, h.dir),
  });
  const apiWith = (listNumbers: OutplanApi['listNumbers']): OutplanApi => {
    const client = h.client;
    return {
      listCampaigns: () => client.listCampaigns(),
      createOutplan: (...args) => client.createOutplan(...args),
      updateBasic: (...args) => client.updateBasic(...args),
      updateDialInfo: (...args) => client.updateDialInfo(...args),
      deleteOutplan: (...args) => client.deleteOutplan(...args),
      listOutplans: () => client.listOutplans(),
      listNumbers,
    };
  };

  it('starts the numbers listing before the config is parsed when its text shows a tel source', async () => {
    h = await startAppHarness({ numbers: ['+15559876543'] });
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The config parses only once the numbers are being listed: without the early start
    // the session would wait for ever (the test's timeout).
    const api = apiWith(() => {
      openGate();
      return h.client.listNumbers();
    });
    const session = await openPlanSession(request(), {
      api,
      config: gatedConfig(gate),
      host: recordingHost(),
    });
    expect(session.numbers.kind).toBe('listed');
    expect(session.plan.warnings.filter((w) => w.code.startsWith('caller-id-'))).toEqual([]);
  });

  it('drops an early listing the parsed config does not need, even a failed one', async () => {
    h = await startAppHarness({ numbers: [] });
    // The text says `type: tel` (in a comment), but the only source is sip.
    h.write(
      'outplans.yaml',
      configOf([outplan('Sip', { source: { type: 'sip', target: 'sip:sales@example.com' } })]) +
        '# was: type: tel\n',
    );
    let listed = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The config parses only once the early listing has been asked for (and failed).
    const api = apiWith(async () => {
      listed += 1;
      openGate();
      throw new Error('numbers are forbidden to this key');
    });
    const session = await openPlanSession(request(), {
      api,
      config: gatedConfig(gate),
      host: recordingHost(),
    });
    expect(listed).toBe(1);
    expect(session.numbers.kind).toBe('not-needed');
    expect(session.plan.warnings).toEqual([]);
  });

  it('lists once, after parsing, when the text does not show the tel source', async () => {
    h = await startAppHarness({ numbers: ['+15559876543'] });
    // A defaults block written with a double-quoted escape: the hint cannot see it.
    h.write(
      'outplans.yaml',
      'defaults:\n  source: { type: "t\\x65l", target: "+15559876543" }\n' +
        'outplans:\n  - { name: Alpha, dial_timeout: 30s, try_interval: 2h, max_try_count_0: 3 }\n',
    );
    let listed = 0;
    const api = apiWith(() => {
      listed += 1;
      return h.client.listNumbers();
    });
    const session = await openPlanSession(request(), {
      api,
      config: gatedConfig(Promise.resolve()),
      host: recordingHost(),
    });
    expect(listed).toBe(1);
    expect(session.numbers.kind).toBe('listed');
  });
});
