import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Diagnostic, Position } from '../model/diagnostic.js';
import type { ConfigFile } from './discover.js';
import { scanText } from './scan.js';

/**
 * Larger files are refused before reading: a 10 000-outplan config is about 2 MB, and
 * the YAML parser needs about a second per megabyte.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads one config file as text, refusing what the YAML parser should never see. The file
 * is opened without blocking (a named pipe swapped in after discovery cannot hang the run),
 * checked on the open descriptor to be a regular file within the size limit, and read no
 * further than that limit even if it grows meanwhile.
 */
export async function readConfigText(file: ConfigFile): Promise<ReadResult> {
  const start: Position = { file: file.display, line: 1, col: 1 };
  const handle = await open(file.absolute, constants.O_RDONLY | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => error,
  );
  if (handle instanceof Error) return failure('read-error', start, readMessage(handle));
  try {
    return await readOpen(file, handle, start);
  } catch (error) {
    // Never rejects: files are read ahead of the one being parsed.
    return failure('read-error', start, readMessage(error as NodeJS.ErrnoException));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readOpen(
  file: ConfigFile,
  handle: FileHandle,
  start: Position,
): Promise<ReadResult> {
  const info = await handle.stat();
  if (!info.isFile()) {
    return failure('not-a-file', start, 'not a regular file; it cannot be read as config');
  }
  if (info.size > MAX_FILE_BYTES) return tooLarge(start, megabytes(info.size));
  // One byte more than stat said, to notice a file that grew; grown further if it did.
  let buffer = Buffer.alloc(info.size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_FILE_BYTES) return tooLarge(start, `over ${megabytes(MAX_FILE_BYTES)}`);
      const grown = Buffer.alloc(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(grown);
      buffer = grown;
    }
    const { bytesRead } = await handle
      .read(buffer, length, buffer.length - length, null)
      .catch((error: NodeJS.ErrnoException) => ({ bytesRead: error }));
    if (bytesRead instanceof Error) return failure('read-error', start, readMessage(bytesRead));
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  const bytes = buffer.subarray(0, length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    return notText(file, lossy, Math.max(0, lossy.indexOf('\uFFFD')), 'is not valid UTF-8');
  }
  const problem = scanText(text);
  if (problem?.kind === 'not-text') {
    const hex = problem.charCode.toString(16).toUpperCase().padStart(2, '0');
    return notText(file, text, problem.offset, `contains control character 0x${hex}`);
  }
  if (problem?.kind === 'too-deep') {
    return failure(
      'too-deep',
      { file: file.display, ...lineCol(text, problem.offset) },
      'nesting is too deep (more than 64 levels); refusing to parse this file',
      'An outplans file nests at most 4 levels; check for runaway brackets or dashes.',
    );
  }
  return { ok: true, text };
}

function tooLarge(start: Position, size: string): ReadResult {
  return failure(
    'file-too-large',
    start,
    `file is ${size}; config files are limited to ${megabytes(MAX_FILE_BYTES)}`,
    'Split the outplans across several files in a directory; each file is checked on its own.',
  );
}

function notText(file: ConfigFile, text: string, offset: number, what: string): ReadResult {
  return failure(
    'not-text',
    { file: file.display, ...lineCol(text, offset) },
    `file ${what}: it looks binary, not a YAML text file`,
    'Config files must be UTF-8 YAML text.',
  );
}

function failure(code: string, at: Position, message: string, hint?: string): ReadResult {
  const diagnostic: Diagnostic =
    hint === undefined
      ? { severity: 'error', code, message, at }
      : { severity: 'error', code, message, hint, at };
  return { ok: false, diagnostic };
}

/** 1-based line and column (in UTF-16 code units, like the YAML parser's). */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

function readMessage(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ENOENT') return 'file disappeared while being read';
  if (error.code === 'EISDIR') return 'is a directory';
  return `cannot read file (${error.code ?? error.message})`;
}
