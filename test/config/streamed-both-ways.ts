/**
 * Loads a config both ways, a piece at a time (the default) and as whole documents, and
 * holds them to the same LoadedConfig. Shared by the load-streamed tests.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { expect } from 'vitest';
import type { ParseRoute } from '../../src/config/file-load.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { plainLayout } from '../../src/config/plain-layout.js';

export interface BothWays {
  readonly streamed: LoadedConfig;
  readonly whole: LoadedConfig;
  /** How each file was parsed on the default (streaming) load, by display name. */
  readonly routes: Map<string, ParseRoute>;
}

/** Loads `paths` both ways and requires the results to be the same, key order included. */
export async function loadBothWays(
  paths: string[],
  cwd: string,
  strict = false,
): Promise<BothWays> {
  const routes = new Map<string, ParseRoute>();
  const streamed = await loadConfig(
    paths,
    { cwd, strict },
    {
      onRoute: (file, route) => routes.set(file, route),
    },
  );
  const whole = await loadConfig(paths, { cwd, strict }, { streaming: false });
  expect(streamed).toStrictEqual(whole);
  expect(JSON.stringify(streamed)).toBe(JSON.stringify(whole));
  return { streamed, whole, routes };
}

/** The plain layout's line starts are the ones yaml's own LineCounter records. */
export function expectYamlLineStarts(text: string): void {
  const split = plainLayout(text);
  if (!split.ok) return;
  const lineCounter = new LineCounter();
  parseAllDocuments(text, { lineCounter });
  expect(split.layout.lineStarts).toEqual(lineCounter.lineStarts);
}

/** A scratch directory for generated configs. */
export class Scratch {
  private dir: string | undefined;
  private count = 0;

  async path(): Promise<string> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'outplanctl-streamed-'));
    return this.dir;
  }

  /** Writes `text` to a new file and loads it both ways. */
  async both(text: string, name = 'outplans.yaml'): Promise<BothWays & { route: ParseRoute }> {
    const dir = join(await this.path(), `case-${++this.count}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), text);
    expectYamlLineStarts(text);
    const result = await loadBothWays([name], dir);
    // No route: the file was refused when read (binary content), never parsed.
    const route = result.routes.get(name) ?? { streamed: false, reason: 'not parsed' };
    return { ...result, route };
  }

  /** Writes several files (relative path -> text) into a new directory; returns it. */
  async files(files: Record<string, string>): Promise<string> {
    const dir = join(await this.path(), `case-${++this.count}`);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    return dir;
  }

  async remove(): Promise<void> {
    if (this.dir !== undefined) await rm(this.dir, { recursive: true, force: true });
  }
}
