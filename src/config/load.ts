import type { DesiredOutplan, DesiredState, PruneExclusion } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FieldName } from '../model/outplan.js';
import { duplicateDiagnostics } from './cross-checks.js';
import { discoverFiles } from './discover.js';
import { domainWarnings } from './domain-warnings.js';
import { loadFileText, type FileLoadOptions } from './file-load.js';
import { lookalikeNameDiagnostics } from './lookalike-names.js';
import { checkPolicy, readPolicy, type DialingPolicy, type PolicyBlock } from './policy.js';
import { readConfigText } from './read-file.js';

export interface LoadedConfig {
  /** Outplans and prune exclusions; as complete as possible even with errors. */
  state: DesiredState;
  policy: DialingPolicy | null;
  /** Errors and warnings, sorted by file (in reading order), line, column. */
  diagnostics: Diagnostic[];
  /** The YAML files read, in order, as diagnostics name them (`validate` counts them). */
  files: string[];
}

export interface LoadOptions {
  readonly cwd: string;
  /** Warnings become errors. */
  readonly strict?: boolean;
}

/**
 * Reads, parses, validates and normalises a config, collecting every problem instead of
 * stopping at the first. Never throws for anything wrong with the input.
 */
export async function loadConfig(
  paths: string[],
  options: LoadOptions,
  how: FileLoadOptions = {},
): Promise<LoadedConfig> {
  const discovery = await discoverFiles(paths, options.cwd);
  const diagnostics: Diagnostic[] = [...discovery.diagnostics];
  const outplans: DesiredOutplan[] = [];
  const pruneExclusions: PruneExclusion[] = [];
  const policyBlocks: PolicyBlock[] = [];
  const invalidFields = new Map<DesiredOutplan, ReadonlySet<FieldName>>();
  // Read concurrently, process in order: the order decides which duplicate is "first".
  const texts = readAhead(discovery.files, readConfigText);
  const files: string[] = [];
  for (const [index, file] of discovery.files.entries()) {
    const read = await texts(index);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    files.push(file.display);
    const loaded = loadFileText(read.text, file.display, how);
    diagnostics.push(...loaded.diagnostics);
    outplans.push(...loaded.outplans);
    for (const [outplan, fields] of loaded.invalidFields) invalidFields.set(outplan, fields);
    pruneExclusions.push(...loaded.pruneExclusions);
    if (loaded.policy !== null) policyBlocks.push(loaded.policy);
  }
  const { policy, diagnostics: policyProblems } = readPolicy(policyBlocks);
  // Values already reported as invalid are not checked again against warnings or policy.
  const isInvalid = (outplan: DesiredOutplan, field: FieldName) =>
    invalidFields.get(outplan)?.has(field) === true;
  diagnostics.push(...policyProblems, ...duplicateDiagnostics(outplans));
  diagnostics.push(...lookalikeNameDiagnostics(outplans));
  diagnostics.push(...domainWarnings(outplans, isInvalid));
  if (policy) diagnostics.push(...checkPolicy(outplans, policy, isInvalid));

  const state: DesiredState = { outplans, pruneExclusions };
  return {
    state,
    policy,
    diagnostics: sortDiagnostics(options.strict ? strictly(diagnostics) : diagnostics, files),
    files,
  };
}

/** Files open at once while reading ahead: well under any descriptor limit. */
const READ_AHEAD = 16;

/**
 * Starts reading up to READ_AHEAD items ahead of the one asked for, so reading overlaps
 * parsing without opening every file of a large config at once.
 */
function readAhead<T, R>(
  items: readonly T[],
  read: (item: T) => Promise<R>,
): (index: number) => Promise<R> {
  const started: Promise<R>[] = [];
  return (index) => {
    for (let i = started.length; i < Math.min(items.length, index + READ_AHEAD); i++)
      started.push(read(items[i]!));
    return started[index]!;
  };
}

function strictly(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} (--strict)` } : d,
  );
}

/** Problems without a file first, then by file in reading order, line, column. */
export function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
): Diagnostic[] {
  const rank = new Map(files.map((file, index) => [file, index]));
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => {
      const x = a.diagnostic.at;
      const y = b.diagnostic.at;
      if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0) || a.index - b.index;
      return (
        (rank.get(x.file) ?? -1) - (rank.get(y.file) ?? -1) ||
        x.line - y.line ||
        x.col - y.col ||
        a.index - b.index
      );
    })
    .map((entry) => entry.diagnostic);
}
