import { LineCounter, isMap, parseAllDocuments, visit, type YAMLError } from 'yaml';
import type { Diagnostic, Position } from '../model/diagnostic.js';
import { positionOfNode, positionOfOffset, type SourceMap } from './yaml-nodes.js';

/** Alias expansions allowed per document; more is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  /** Null when there is no usable document. */
  readonly source: SourceMap | null;
  /** The document as plain data; only set when it is a mapping. */
  readonly value: Record<string, unknown> | null;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses one file's text into a mapping with positions. Never throws: every YAML
 * problem becomes a diagnostic, and the first document is still returned when usable
 * so schema errors can be reported alongside syntax errors.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  const start: Position = { file, line: 1, col: 1 };
  if (first === undefined || first.contents === null) {
    return {
      source: null,
      value: null,
      diagnostics: [
        {
          severity: 'error',
          code: 'empty-file',
          message: 'file is empty: expected a mapping with an `outplans:` list',
          hint: 'Remove the file, or add `outplans:` (see examples/).',
          at: start,
        },
      ],
    };
  }
  const source: SourceMap = { file, text, doc: first, lineCounter };
  const diagnostics = yamlProblems(source, first.errors, first.warnings);
  if (Array.isArray(docs) && docs.length > 1) {
    diagnostics.push({
      severity: 'error',
      code: 'multiple-documents',
      message: `file holds ${docs.length} YAML documents; only one is allowed per file`,
      hint: 'Remove the `---` separator, or move each document to its own file.',
      at: positionOfOffset(source, docs[1]!.range[0]),
    });
  }
  if (!isMap(first.contents)) {
    diagnostics.push({
      severity: 'error',
      code: 'not-a-mapping',
      message: `top level is ${describeNode(first.contents)}: expected a mapping with an \`outplans:\` list`,
      hint: 'Start the file with `outplans:` and put the list under it.',
      at: positionOfNode(source, first.contents),
    });
    return { source, value: null, diagnostics };
  }
  return { source, value: toPlainData(source, diagnostics), diagnostics };
}

function toPlainData(source: SourceMap, diagnostics: Diagnostic[]): Record<string, unknown> | null {
  try {
    return source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    diagnostics.push({
      severity: 'error',
      code: 'alias-bomb',
      message: `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); refusing to expand them`,
      hint: 'Use `defaults:` instead of YAML anchors and aliases to share values.',
      at: firstAliasPosition(source),
    });
    return null;
  }
}

function firstAliasPosition(source: SourceMap): Position {
  let offset = 0;
  visit(source.doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return positionOfOffset(source, offset);
}

function yamlProblems(
  source: SourceMap,
  errors: readonly YAMLError[],
  warnings: readonly YAMLError[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let deepReported = false;
  for (const error of errors) {
    if (error.code === 'RESOURCE_EXHAUSTION') {
      // The parser reports one per level it could not descend; one is enough.
      if (deepReported) continue;
      deepReported = true;
    }
    out.push(fromYamlError(source, error, 'error'));
  }
  for (const warning of warnings) out.push(fromYamlError(source, warning, 'warning'));
  return out;
}

function fromYamlError(
  source: SourceMap,
  error: YAMLError,
  severity: 'error' | 'warning',
): Diagnostic {
  const at = positionOfOffset(source, error.pos[0]);
  const text = firstLine(error.message);
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return {
        severity,
        code: 'duplicate-key',
        message: `duplicate key${keyText(source, error)}: a key may appear only once in a mapping`,
        hint: 'Remove one of them; YAML would otherwise silently keep only the last.',
        at,
      };
    case 'TAB_AS_INDENT':
      return {
        severity,
        code: 'yaml-syntax',
        message: 'tab used for indentation',
        hint: 'YAML indentation must use spaces, not tabs.',
        at,
      };
    case 'RESOURCE_EXHAUSTION':
      return { severity, code: 'too-deep', message: 'nesting is too deep to parse', at };
    default:
      return {
        severity,
        code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
        message: text,
        at,
      };
  }
}

/** The text of the key the parser complained about (the Document keeps no source text). */
function keyText(source: SourceMap, error: YAMLError): string {
  let found: string | undefined;
  visit(source.doc, {
    Pair(_key, pair) {
      const key = pair.key as { range?: [number, number, number]; value?: unknown } | null;
      if (key?.range?.[0] !== error.pos[0]) return undefined;
      found = String(key.value);
      return visit.BREAK;
    },
  });
  return found === undefined ? '' : ` "${found}"`;
}

/** yaml's messages end with " at line L, column C:" and a code excerpt; we print our own. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function describeNode(node: unknown): string {
  if (node !== null && typeof node === 'object' && 'items' in node) return 'a list';
  return 'a single value';
}
