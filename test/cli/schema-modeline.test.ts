import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  INSTALLED_MODELINE_FROM_OUTPLANS,
  SHIPPED_SCHEMA_PATH,
  schemaModeline,
} from '../../src/cli/schema-modeline.js';

const SCHEMA = 'schemas/outplans.schema.json';
const never = () => false;

// Where `export` points the modeline, for each way outplanctl can be installed.
describe.runIf(process.platform !== 'win32')('schemaModeline', () => {
  it('installed in the config repository: relative through node_modules, portable', () => {
    const shipped = `/repo/node_modules/outplanctl/${SCHEMA}`;
    expect(schemaModeline('/repo/outplans', shipped, never)).toEqual({
      ref: INSTALLED_MODELINE_FROM_OUTPLANS,
      warning: null,
    });
    expect(schemaModeline('/repo', shipped, never).ref).toBe(`./node_modules/outplanctl/${SCHEMA}`);
    expect(schemaModeline('/repo/infra/voip/outplans', shipped, never)).toEqual({
      ref: `../../../node_modules/outplanctl/${SCHEMA}`,
      warning: null,
    });
  });

  it('a nested dependency belongs to the outermost project', () => {
    const shipped = `/repo/node_modules/tools/node_modules/outplanctl/${SCHEMA}`;
    expect(schemaModeline('/repo/outplans', shipped, never)).toEqual({
      ref: `../node_modules/tools/node_modules/outplanctl/${SCHEMA}`,
      warning: null,
    });
  });

  it('pnpm: the node_modules/outplanctl link, not the versioned store path', () => {
    const shipped = `/repo/node_modules/.pnpm/outplanctl@0.1.0/node_modules/outplanctl/${SCHEMA}`;
    const linked = `/repo/node_modules/outplanctl/${SCHEMA}`;
    expect(schemaModeline('/repo/outplans', shipped, (p) => p === linked).ref).toBe(
      INSTALLED_MODELINE_FROM_OUTPLANS,
    );
    expect(schemaModeline('/repo/outplans', shipped, never).ref).toBe(
      `../node_modules/.pnpm/outplanctl@0.1.0/node_modules/outplanctl/${SCHEMA}`,
    );
  });

  it('a global install or npx: resolves here, and warns with the modeline to commit', () => {
    for (const shipped of [
      `/usr/lib/node_modules/outplanctl/${SCHEMA}`,
      `/home/u/.npm/_npx/0a1b/node_modules/outplanctl/${SCHEMA}`,
    ]) {
      const modeline = schemaModeline('/home/u/config/outplans', shipped, never);
      expect(modeline.ref).toMatch(/^(\.\.\/)+(usr\/lib|\.npm)\/.*outplanctl\/schemas\//);
      expect(modeline.warning).toContain('resolves only on this machine');
      expect(modeline.warning).toContain(
        `# yaml-language-server: $schema=${INSTALLED_MODELINE_FROM_OUTPLANS}`,
      );
    }
  });

  it('run from a clone: portable inside the clone, a warning outside it', () => {
    const shipped = `/src/outplanctl/${SCHEMA}`;
    expect(schemaModeline('/src/outplanctl/examples', shipped, never)).toEqual({
      ref: `../${SCHEMA}`,
      warning: null,
    });
    expect(schemaModeline('/srv/config/outplans', shipped, never).warning).toContain(
      'this outplanctl runs from /src/outplanctl',
    );
  });

  it('the shipped schema is a real file next to the built code', () => {
    expect(existsSync(SHIPPED_SCHEMA_PATH)).toBe(true);
  });
});
