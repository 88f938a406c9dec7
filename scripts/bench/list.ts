/**
 * Listing benchmark: 10 000 outplans in an emulator running in a child process (so its CPU
 * does not count against the client), listed by the client with pacing lifted. Listing N
 * outplans must take exactly ceil(N/100) + 1 requests.
 */
import { VoipbinClient } from '../../src/api/client.js';
import { BENCH_KEY as KEY } from './bench-data.js';
import { startEmulatorProcess } from './emulator-process.js';
import { peakRssMiB, round1, rssMiB, type BenchScenario } from './scenario.js';

const N = 10_000;

export const listScenario: BenchScenario = {
  name: 'list',
  description: `list ${N} outplans from the emulator (child process), pacing lifted`,
  async run() {
    const emulator = await startEmulatorProcess({ accessKey: KEY, seedOutplans: N });
    const client = new VoipbinClient({
      baseUrl: emulator.baseUrl,
      credential: { kind: 'accesskey', value: KEY },
      rate: Infinity,
    });
    // The client loads undici on its first request; load it here so the listing time is the
    // listing's own (the CLI pays this once per run, measured separately).
    const loadStarted = performance.now();
    await import('undici');
    const undiciLoadMs = Math.round(performance.now() - loadStarted);
    const rssBefore = rssMiB();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const live = await client.listOutplans();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const peak = peakRssMiB();
    const heapAfter = round1(process.memoryUsage().heapUsed / 1024 / 1024);
    await client.close();
    const served = await emulator.stop();

    const expectedRequests = Math.ceil(N / 100) + 1;
    const failures: string[] = [];
    if (live.length !== N) failures.push(`listed ${live.length} outplans, expected ${N}`);
    if (client.requestCount !== expectedRequests)
      failures.push(`client sent ${client.requestCount} requests, expected ${expectedRequests}`);
    if (served['GET /outplans 200'] !== expectedRequests)
      failures.push(
        `emulator served ${JSON.stringify(served)}, expected ${expectedRequests} GET /outplans 200`,
      );
    return {
      metrics: [
        ['outplans listed', live.length],
        ['wall time (ms)', Math.round(wallMs)],
        ['requests (client)', client.requestCount],
        ['requests (emulator)', JSON.stringify(served)],
        ['expected requests', expectedRequests],
        ['undici import, before timing (ms)', undiciLoadMs],
        ['outplans/s', Math.round((live.length / wallMs) * 1000)],
        ['client CPU (ms, user+system)', Math.round((cpu.user + cpu.system) / 1000)],
        ['RSS before listing (MiB)', rssBefore],
        ['peak RSS (MiB)', peak],
        ['peak RSS growth (MiB)', round1(peak - rssBefore)],
        ['heap used after, result held (MiB)', heapAfter],
      ],
      failures,
    };
  },
};
