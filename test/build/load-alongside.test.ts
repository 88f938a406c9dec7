import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigAlongside, WORKER_MIN_BYTES } from '../../src/config/load-alongside.js';
import { loadConfig } from '../../src/config/load.js';

function config(count: number, prefix: string): string {
  const lines = ['outplans:'];
  for (let i = 0; i < count; i++)
    lines.push(
      `  - name: ${prefix}-${String(i).padStart(5, '0')}`,
      `    detail: outplan ${i} of a config big enough to measure`,
      `    source: { type: tel, target: "+1555${String(i).padStart(7, '0')}" }`,
      `    dial_timeout: ${20 + (i % 40)}s`,
      `    try_interval: ${1 + (i % 12)}h`,
      `    max_try_count_0: ${1 + (i % 5)}`,
    );
  return `${lines.join('\n')}\n`;
}

describe('loadConfigAlongside', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-alongside-'));
    await writeFile(join(dir, 'small.yaml'), config(3, 'small'));
    const big = config(1500, 'big');
    expect(Buffer.byteLength(big)).toBeGreaterThan(WORKER_MIN_BYTES);
    await writeFile(join(dir, 'big.yaml'), big);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['small.yaml'], false],
    [['big.yaml', 'small.yaml'], false],
    [['.', 'missing.yaml'], true],
  ])('gives exactly what loadConfig gives for %j (strict: %s)', async (paths, strict) => {
    const options = { cwd: dir, strict };
    const [alongside, direct] = await Promise.all([
      loadConfigAlongside(paths, options),
      loadConfig(paths, options),
    ]);
    expect(alongside).toEqual(direct);
  });
});
