import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { displayFileName } from './file-names.js';

/** A config file to read: where it is, and how diagnostics name it. */
export interface ConfigFile {
  /**
   * The path as bytes: a file name need not be valid UTF-8, and a string would replace
   * the bytes it cannot decode, naming a file that does not exist.
   */
  readonly absolute: Buffer;
  /** Relative to cwd as the user typed the path (`examples/sales.yaml`), `/` separators. */
  readonly display: string;
}

export interface Discovery {
  readonly files: ConfigFile[];
  readonly diagnostics: Diagnostic[];
}

const YAML_FILE = /\.ya?ml$/i;
const SEPARATOR = Buffer.from(path.sep);

/**
 * Expands the paths the user gave into YAML files: files as given, directories
 * recursively (`*.yaml` / `*.yml`, sorted, skipping hidden entries and node_modules).
 * With no paths, the current directory. A file reached twice is read once.
 *
 * Nothing in a directory is skipped silently: symlinked files and directories are
 * followed (a link back into a directory being read is an error, not a loop), names are
 * read as bytes so any file name works, and a YAML entry that cannot be examined or is not
 * a regular file is an error. `apply --prune` must never delete what an unread file
 * declares, so every such problem fails the load.
 */
export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const walk = new Walk();
  for (const typed of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, typed);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      walk.problem(
        info.code === 'ENOENT' ? 'missing-path' : 'read-error',
        info.code === 'ENOENT'
          ? `${typed}: no such file or directory`
          : `${typed}: cannot read (${describeError(info)})`,
      );
    } else if (info.isDirectory()) {
      const reached = walk.reached;
      const problems = walk.diagnostics.length;
      await walk.root({ bytes: Buffer.from(absolute), display: typed }, info);
      if (walk.reached === reached && walk.diagnostics.length === problems) {
        walk.problem(
          'no-yaml-files',
          `${typed}: directory contains no *.yaml or *.yml files`,
          'Config files must end in .yaml or .yml; hidden directories and node_modules are skipped.',
        );
      }
    } else if (!info.isFile()) {
      // A FIFO or device would block the read forever.
      walk.problem('not-a-file', `${typed}: not a regular file or directory`);
    } else {
      walk.add({ absolute: Buffer.from(absolute), display: normalise(typed) }, info);
    }
  }
  return { files: walk.files, diagnostics: walk.diagnostics };
}

interface Entry {
  readonly bytes: Buffer;
  /** As typed, then `/name` per level. */
  readonly display: string;
}

class Walk {
  readonly files: ConfigFile[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Config files reached, counting a file reached twice twice. */
  reached = 0;
  private readonly seenFiles = new Set<string>();
  /** Directories already read under the current root (reached again through a link). */
  private walkedDirectories = new Set<string>();

  add(file: ConfigFile, info: Stats): void {
    this.reached++;
    const identity = `${info.dev}:${info.ino}`;
    if (this.seenFiles.has(identity)) return;
    this.seenFiles.add(identity);
    this.files.push(file);
  }

  problem(code: string, message: string, hint?: string): void {
    this.diagnostics.push(
      hint === undefined
        ? { severity: 'error', code, message }
        : { severity: 'error', code, message, hint },
    );
  }

  async root(dir: Entry, info: Stats): Promise<void> {
    this.walkedDirectories = new Set();
    await this.directory(dir, info, []);
  }

  /**
   * Depth-first with entries in byte order, so file order (and thus diagnostics) is stable.
   * `stack` holds the identities of the directories being read, to recognise a cycle.
   */
  private async directory(dir: Entry, info: Stats, stack: readonly string[]): Promise<void> {
    const identity = `${info.dev}:${info.ino}`;
    if (stack.includes(identity)) {
      const target = await realpath(dir.bytes, { encoding: 'buffer' }).catch(() => dir.bytes);
      this.problem(
        'symlink-cycle',
        `${normalise(dir.display)}: symbolic link cycle (it leads back to ${displayFileName(target)}, which is being read)`,
        'Remove the link, or point it outside the config directory.',
      );
      return;
    }
    // Reached again through another link (not a cycle): its files are already listed.
    if (this.walkedDirectories.has(identity)) return;
    this.walkedDirectories.add(identity);
    const names = await readdir(dir.bytes, { encoding: 'buffer' }).catch(
      (error: NodeJS.ErrnoException) => error,
    );
    if (names instanceof Error) {
      this.problem(
        'read-error',
        `${normalise(dir.display)}: cannot read directory (${describeError(names)})`,
      );
      return;
    }
    names.sort(Buffer.compare);
    for (const name of names) {
      const text = displayFileName(name);
      if (text.startsWith('.') || text === 'node_modules') continue;
      const entry: Entry = {
        bytes: Buffer.concat([dir.bytes, SEPARATOR, name]),
        display: `${dir.display}/${text}`,
      };
      await this.entry(entry, YAML_FILE.test(name.toString('latin1')), [...stack, identity]);
    }
  }

  private async entry(entry: Entry, yamlName: boolean, stack: readonly string[]): Promise<void> {
    const link = await lstat(entry.bytes).catch((error: NodeJS.ErrnoException) => error);
    if (link instanceof Error) {
      this.unreadable(entry, link);
      return;
    }
    if (!link.isSymbolicLink() && !link.isDirectory() && !yamlName) return;
    const info = link.isSymbolicLink()
      ? await stat(entry.bytes).catch((error: NodeJS.ErrnoException) => error)
      : link;
    if (info instanceof Error) {
      // A dangling link named like a config file is a file that cannot be read; any other
      // dangling link could have been a directory of config files.
      this.unreadable(entry, info, true);
      return;
    }
    if (info.isDirectory()) await this.directory(entry, info, stack);
    else if (!yamlName) return;
    else if (info.isFile())
      this.add({ absolute: entry.bytes, display: normalise(entry.display) }, info);
    else {
      this.problem(
        'not-a-file',
        `${normalise(entry.display)}: not a regular file (${kindOf(info)}); it cannot be read as config`,
        'Replace it with a regular file, or remove it from the config directory.',
      );
    }
  }

  private unreadable(entry: Entry, error: NodeJS.ErrnoException, viaLink = false): void {
    const why =
      viaLink && error.code === 'ENOENT' ? 'a symbolic link to nothing' : describeError(error);
    this.problem(
      'read-error',
      `${normalise(entry.display)}: cannot read (${why})`,
      'Every file in a config directory must be readable: fix or remove it, so that nothing it declares is left out.',
    );
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ELOOP') return 'too many levels of symbolic links';
  return error.code ?? error.message;
}

function normalise(display: string): string {
  return path.normalize(display).split(path.sep).join('/');
}
