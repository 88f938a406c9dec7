import {
  access,
  constants,
  open,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * Checks that a file the user named (--out, --report) can be written, without writing it:
 * an existing path must be a regular file (opening a FIFO for writing would hang until
 * someone reads it; a directory or device is a mistake), and its directory must exist and
 * be writable (the file is replaced through a temporary file there). Returns the real
 * path to write (a symlink is followed, so the link stays a link).
 */
export async function checkOutputPath(
  cwd: string,
  path: string,
  flag: string,
  consequence = '',
): Promise<string> {
  const full = resolve(cwd, path);
  const fail = (code: string, detail: string, hint: string): never => {
    throw new UsageError(code, `Cannot write ${flag} ${path} (${detail})${consequence}.`, { hint });
  };
  const existing = await stat(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    return fail(
      'OUTPUT_UNWRITABLE',
      error.code ?? 'unknown error',
      'Check the path and its permissions.',
    );
  });
  if (existing !== null && !existing.isFile()) {
    fail(
      'OUTPUT_NOT_A_FILE',
      `${kindOf(existing)}, not a regular file`,
      'Name a regular file (it is replaced whole), or a new path in an existing directory.',
    );
  }
  const target = existing === null ? full : await realpath(full);
  try {
    const dir = await stat(dirname(target));
    if (!dir.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(dirname(target), constants.W_OK);
    if (existing !== null) await access(target, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    fail(
      'OUTPUT_UNWRITABLE',
      code,
      code === 'ENOENT'
        ? 'Create the directory first, or choose a path in an existing directory.'
        : 'Check the path and its permissions.',
    );
  }
  return target;
}

/**
 * Writes a file the user named, atomically: a temporary file in the same directory, then a
 * rename, so a reader (or a crash) never sees half a plan or half an audit record.
 */
export async function writeUserFile(
  cwd: string,
  path: string,
  content: string,
  flag: string,
): Promise<void> {
  const target = await checkOutputPath(cwd, path, flag);
  const mode = await stat(target).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  // Loaded here: every command imports this module, few write a file, and node:crypto
  // costs ~6 ms to load.
  const { randomBytes } = await import('node:crypto');
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content, { flag: 'wx', mode });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError('OUTPUT_UNWRITABLE', `Cannot write ${flag} ${path} (${code}).`, {
      hint: 'Check the path, its permissions and the free space.',
      cause: error,
    });
  }
}

function kindOf(
  stats: Pick<
    Awaited<ReturnType<typeof stat>>,
    'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'
  >,
): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** A saved plan of 100 000 changes is a few tens of MiB; anything far larger is not one. */
const MAX_USER_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a file the user named (--plan, show PLANFILE); a missing file is their mistake, not
 * a bug. It is opened without blocking and must be a regular file of bounded size, so a
 * named pipe or a device cannot hang the run or fill memory.
 */
export async function readUserFile(
  cwd: string,
  path: string,
  flag: string,
  hint: string,
): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(resolve(cwd, path), constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new UsageError('INPUT_NOT_A_FILE', `${flag} ${path} is ${kindOf(stats)}, not a file.`, {
        hint,
      });
    }
    if (stats.size > MAX_USER_FILE_BYTES) {
      throw new UsageError(
        'INPUT_TOO_LARGE',
        `${flag} ${path} is ${stats.size} bytes, more than the ${MAX_USER_FILE_BYTES} a saved plan can be.`,
        { hint },
      );
    }
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError('INPUT_UNREADABLE', `Cannot read ${flag} ${path} (${code}).`, {
      hint,
      cause: error,
    });
  } finally {
    await handle?.close();
  }
}
