import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';

/** A config file to read: where it is, and how diagnostics name it. */
export interface ConfigFile {
  readonly absolute: string;
  /** Relative to cwd as the user typed the path (`examples/sales.yaml`), `/` separators. */
  readonly display: string;
}

export interface Discovery {
  readonly files: ConfigFile[];
  readonly diagnostics: Diagnostic[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands the paths the user gave into YAML files: files as given, directories
 * recursively (`*.yaml` / `*.yml`, sorted, skipping hidden entries and node_modules).
 * With no paths, the current directory. A file reached twice is read once.
 */
export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const files: ConfigFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (file: ConfigFile) => {
    if (seen.has(file.absolute)) return;
    seen.add(file.absolute);
    files.push(file);
  };
  for (const typed of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, typed);
    const info = await stat(absolute).catch(() => null);
    if (info === null) {
      diagnostics.push(pathProblem('missing-path', `${typed}: no such file or directory`));
    } else if (info.isDirectory()) {
      const found = await yamlFilesUnder(absolute).catch((error: NodeJS.ErrnoException) => {
        diagnostics.push(
          pathProblem(
            'read-error',
            `${typed}: cannot read directory (${error.code ?? error.message})`,
          ),
        );
        return null;
      });
      if (found === null) continue;
      if (found.length === 0) {
        diagnostics.push(
          pathProblem(
            'no-yaml-files',
            `${typed}: directory contains no *.yaml or *.yml files`,
            'Config files must end in .yaml or .yml; hidden directories and node_modules are skipped.',
          ),
        );
      }
      for (const file of found)
        add({ absolute: file, display: displayPath(typed, absolute, file) });
    } else if (!info.isFile()) {
      // A FIFO or device would block the read forever.
      diagnostics.push(pathProblem('not-a-file', `${typed}: not a regular file or directory`));
    } else {
      add({ absolute, display: displayPath(typed, absolute, absolute) });
    }
  }
  return { files, diagnostics };
}

function pathProblem(code: string, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { severity: 'error', code, message }
    : { severity: 'error', code, message, hint };
}

/** Depth-first with sorted entries, so file order (and thus diagnostics) is stable. */
async function yamlFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    // Symlinked directories are not followed: they can form cycles.
    if (entry.isDirectory()) out.push(...(await yamlFilesUnder(full)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_FILE.test(entry.name)) {
      const info = await stat(full).catch(() => null);
      if (info?.isFile()) out.push(full);
    }
  }
  return out;
}

function displayPath(typed: string, typedAbsolute: string, file: string): string {
  const suffix = path.relative(typedAbsolute, file);
  const joined = suffix === '' ? typed : path.join(typed, suffix);
  return path.normalize(joined).split(path.sep).join('/');
}
