import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/** Writes a file the user named (--out, --report); a bad path is their mistake, not a bug. */
export async function writeUserFile(
  cwd: string,
  path: string,
  content: string,
  flag: string,
): Promise<void> {
  try {
    await writeFile(resolve(cwd, path), content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError('OUTPUT_UNWRITABLE', `Cannot write ${flag} ${path} (${code}).`, {
      hint:
        code === 'ENOENT'
          ? 'Create the directory first, or choose a path in an existing directory.'
          : 'Check the path and its permissions.',
      cause: error,
    });
  }
}

/** Reads a file the user named (--plan); a missing file is their mistake, not a bug. */
export async function readUserFile(
  cwd: string,
  path: string,
  flag: string,
  hint: string,
): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError('INPUT_UNREADABLE', `Cannot read ${flag} ${path} (${code}).`, {
      hint,
      cause: error,
    });
  }
}
