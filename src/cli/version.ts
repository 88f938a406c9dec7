import { readFileSync } from 'node:fs';

/** Read once from the package manifest so the version has one source of truth. */
export function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
