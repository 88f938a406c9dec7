import { hasErrors } from '../model/diagnostic.js';
import { OUTPLAN_FIELDS, type FieldName } from '../model/outplan.js';
import { buildFileOutplans } from './build-outplans.js';
import type { FileLoad } from './file-load-result.js';
import { loadStreamed } from './load-streamed.js';
import { parseYaml } from './parse-yaml.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { validateAgainstSchema } from './schema.js';

/** How a file was parsed: a piece at a time, or as one document (and why). */
export type ParseRoute =
  { readonly streamed: true } | { readonly streamed: false; readonly reason: string };

export interface FileLoadOptions {
  /** False parses every file as one document (tests compare both ways). Default true. */
  readonly streaming?: boolean;
  /** Told how each file was parsed. */
  readonly onRoute?: (file: string, route: ParseRoute) => void;
}

const ALL_FIELDS: ReadonlySet<FieldName> = new Set(OUTPLAN_FIELDS);

/**
 * Parses, validates and normalises one file's text. A file in the plain layout is loaded a
 * piece at a time (load-streamed.ts: flat memory for large files); any other file, and any
 * file a piece of which is not perfectly plain, is parsed as one document. Both give the
 * same result.
 */
export function loadFileText(text: string, file: string, options: FileLoadOptions = {}): FileLoad {
  if (options.streaming !== false) {
    const streamed = loadStreamed(text, file);
    options.onRoute?.(
      file,
      streamed.ok ? { streamed: true } : { streamed: false, reason: streamed.reason },
    );
    if (streamed.ok) return streamed.load;
  } else {
    options.onRoute?.(file, { streamed: false, reason: 'streaming off' });
  }
  return loadWholeDocument(text, file);
}

/** The file as one YAML document: every YAML problem is reported from here. */
export function loadWholeDocument(text: string, file: string): FileLoad {
  const parsed = parseYaml(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.source === null || parsed.value === null) {
    return {
      diagnostics,
      outplans: [],
      invalidFields: new Map(),
      pruneExclusions: [],
      policy: null,
    };
  }
  const schemaErrors = validateAgainstSchema(parsed.value);
  diagnostics.push(...schemaDiagnostics(parsed.source, schemaErrors));
  const rejected = new Set(schemaErrors.map((error) => error.instancePath));
  const built = buildFileOutplans(parsed.source, parsed.value, rejected);
  diagnostics.push(...built.diagnostics);
  // A file the YAML parser had to repair is not worth warnings or policy findings yet.
  if (hasErrors(parsed.diagnostics)) {
    for (const outplan of built.outplans) built.invalidFields.set(outplan, ALL_FIELDS);
  }
  const policy = parsed.value.policy;
  return {
    diagnostics,
    outplans: built.outplans,
    invalidFields: built.invalidFields,
    pruneExclusions: built.pruneExclusions,
    policy:
      policy !== null && typeof policy === 'object' && !Array.isArray(policy)
        ? { source: parsed.source, value: policy as Record<string, unknown> }
        : null,
  };
}
