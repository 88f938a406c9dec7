import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic, Position } from '../model/diagnostic.js';
import type { ConfigFile } from './discover.js';
import { scanText } from './scan.js';

/**
 * Larger files are refused before reading: a 10 000-outplan config is about 2 MB, and
 * the YAML parser needs about a second per megabyte.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** Reads one config file as text, refusing what the YAML parser should never see. */
export async function readConfigText(file: ConfigFile): Promise<ReadResult> {
  const start: Position = { file: file.display, line: 1, col: 1 };
  const info = await stat(file.absolute).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return failure('read-error', start, readMessage(info));
  if (info.size > MAX_FILE_BYTES) {
    return failure(
      'file-too-large',
      start,
      `file is ${megabytes(info.size)}; config files are limited to ${megabytes(MAX_FILE_BYTES)}`,
      'Split the outplans across several files in a directory; each file is checked on its own.',
    );
  }
  const bytes = await readFile(file.absolute).catch((error: NodeJS.ErrnoException) => error);
  if (bytes instanceof Error) return failure('read-error', start, readMessage(bytes));
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
  if (error.code === 'EACCES') return 'permission denied';
  if (error.code === 'EISDIR') return 'is a directory';
  return `cannot read file (${error.code ?? error.message})`;
}
