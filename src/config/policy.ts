import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic, Position } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';
import { formatDuration, parseDuration } from '../model/duration.js';
import { MAX_TRY_KEYS, type DurationField } from '../model/outplan.js';
import type { FieldCheck } from './domain-warnings.js';
import { mergeFindings, type OutplanFinding } from './group-diagnostics.js';
import { entryOf, itemOf, positionOfNode, type SourceMap } from './yaml-nodes.js';

/** A bound in milliseconds and where it is declared. */
export interface PolicyBound {
  readonly ms: number;
  readonly at: Position;
}

export interface DurationRule {
  readonly min: PolicyBound | null;
  readonly max: PolicyBound | null;
}

export interface CallerIdRule {
  /** As written: digits, optional leading `+`, `*` for any run of digits. */
  readonly pattern: string;
  readonly at: Position;
}

/** The team's dialing policy (`policy:`), enforced on every loaded outplan. Plain data. */
export interface DialingPolicy {
  /** Where the `policy:` key is. */
  readonly at: Position;
  readonly dialTimeout: DurationRule | null;
  readonly tryInterval: DurationRule | null;
  readonly maxTryCount: { readonly max: number; readonly at: Position } | null;
  readonly callerIds: readonly CallerIdRule[] | null;
  /**
   * `require_owned_caller_ids: true`: every tel caller ID must be an active, normal number
   * of the account. Checked at plan time against the account's numbers (not here: loading
   * makes no API call); null when the rule is off or absent. `at` is the rule's value.
   */
  readonly requireOwnedCallerIds: { readonly at: Position } | null;
}

/** A `policy:` block found in one file (already schema-checked). */
export interface PolicyBlock {
  readonly source: SourceMap;
  readonly value: Record<string, unknown>;
}

/**
 * Reads the one `policy:` block. Two blocks are an error naming both; the first one
 * still applies so its violations are reported too.
 */
export function readPolicy(blocks: readonly PolicyBlock[]): {
  policy: DialingPolicy | null;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const first = blocks[0];
  if (first === undefined) return { policy: null, diagnostics };
  const firstAt = keyPosition(first);
  for (const other of blocks.slice(1)) {
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-policy',
      message: `a second \`policy:\` block; the policy is already declared at ${formatPosition(firstAt)}`,
      hint: 'Keep one policy block for the whole config, in one file.',
      at: keyPosition(other),
      related: [firstAt],
    });
  }
  const policy = parsePolicy(first, firstAt);
  for (const [label, rule] of [
    ['dial_timeout', policy.dialTimeout],
    ['try_interval', policy.tryInterval],
  ] as const) {
    if (rule?.min && rule.max && rule.min.ms > rule.max.ms) {
      diagnostics.push({
        severity: 'error',
        code: 'invalid-policy',
        message: `policy.${label}: min ${formatDuration(rule.min.ms)} is greater than max ${formatDuration(rule.max.ms)}`,
        at: rule.min.at,
        related: [rule.max.at],
      });
    }
  }
  return { policy, diagnostics };
}

function keyPosition(block: PolicyBlock): Position {
  return positionOfNode(
    block.source,
    entryOf(block.source, block.source.doc.contents, 'policy')?.key,
  );
}

function parsePolicy(block: PolicyBlock, at: Position): DialingPolicy {
  const { source, value } = block;
  const node = entryOf(source, source.doc.contents, 'policy')?.value;
  const durationRule = (key: string): DurationRule | null => {
    const raw = value[key];
    if (raw === null || typeof raw !== 'object') return null;
    const ruleNode = entryOf(source, node, key)?.value;
    const bound = (which: 'min' | 'max'): PolicyBound | null => {
      const text = (raw as Record<string, unknown>)[which];
      const parsed = typeof text === 'string' ? parseDuration(text) : null;
      if (!parsed?.ok) return null;
      return { ms: parsed.ms, at: positionOfNode(source, entryOf(source, ruleNode, which)?.value) };
    };
    return { min: bound('min'), max: bound('max') };
  };
  const counts = value.max_try_count as Record<string, unknown> | undefined;
  const countMax = counts?.max;
  const callerIds = Array.isArray(value.caller_ids) ? value.caller_ids : null;
  const callerNode = entryOf(source, node, 'caller_ids')?.value;
  const ownedNode = entryOf(source, node, 'require_owned_caller_ids')?.value;
  return {
    at,
    dialTimeout: durationRule('dial_timeout'),
    tryInterval: durationRule('try_interval'),
    maxTryCount:
      typeof countMax === 'number'
        ? {
            max: countMax,
            at: positionOfNode(
              source,
              entryOf(source, entryOf(source, node, 'max_try_count')?.value, 'max')?.value,
            ),
          }
        : null,
    callerIds:
      callerIds === null
        ? null
        : callerIds.flatMap((pattern, index) =>
            typeof pattern === 'string'
              ? [{ pattern, at: positionOfNode(source, itemOf(source, callerNode, index)) }]
              : [],
          ),
    requireOwnedCallerIds:
      value.require_owned_caller_ids === true ? { at: positionOfNode(source, ownedNode) } : null,
  };
}

/** `*` matches any run of digits; everything else is literal. */
export function callerIdMatches(pattern: string, target: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[0-9]*')}$`);
  return regex.test(target);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every violation is an error at the offending field, naming the rule and where it is. */
export function checkPolicy(
  outplans: readonly DesiredOutplan[],
  policy: DialingPolicy,
  isInvalid: FieldCheck = () => false,
): Diagnostic[] {
  const findings: OutplanFinding[] = [];
  for (const outplan of outplans) {
    const violate = (at: Position | undefined, rule: string, ruleAt: Position, message: string) =>
      findings.push({
        diagnostic: {
          severity: 'error',
          code: 'policy-violation',
          hint: `Rule policy.${rule} is declared at ${formatPosition(ruleAt)}.`,
          at: at ?? outplan.at,
          related: [ruleAt],
        },
        message: `${message} (policy.${rule})`,
        outplanName: outplan.fields.name,
      });
    for (const [field, rule] of [
      ['dial_timeout', policy.dialTimeout],
      ['try_interval', policy.tryInterval],
    ] as [DurationField, DurationRule | null][]) {
      if (rule === null || isInvalid(outplan, field)) continue;
      const ms = outplan.fields[field];
      const shown = ms === 0 ? 'is not set (0) and' : formatDuration(ms);
      if (rule.min && ms < rule.min.ms) {
        violate(
          outplan.fieldAt[field],
          `${field}.min`,
          rule.min.at,
          `${field} ${shown} is below the policy minimum ${formatDuration(rule.min.ms)}`,
        );
      }
      if (rule.max && ms > rule.max.ms) {
        violate(
          outplan.fieldAt[field],
          `${field}.max`,
          rule.max.at,
          `${field} ${shown} is above the policy maximum ${formatDuration(rule.max.ms)}`,
        );
      }
    }
    if (policy.maxTryCount) {
      for (const key of MAX_TRY_KEYS) {
        if (!isInvalid(outplan, key) && outplan.fields[key] > policy.maxTryCount.max) {
          violate(
            outplan.fieldAt[key],
            'max_try_count.max',
            policy.maxTryCount.at,
            `${key} ${outplan.fields[key]} is above the policy maximum of ${policy.maxTryCount.max} attempts per destination`,
          );
        }
      }
    }
    if (policy.callerIds && policy.callerIds.length > 0) {
      const target = outplan.fields.source.target;
      if (!policy.callerIds.some((rule) => callerIdMatches(rule.pattern, target))) {
        violate(
          outplan.fieldAt.source,
          'caller_ids',
          policy.callerIds[0]!.at,
          target === ''
            ? 'has no caller ID (source.target) but the policy restricts caller IDs'
            : `caller ID ${target} is not in the policy's allowed list (${policy.callerIds.map((r) => r.pattern).join(', ')})`,
        );
      }
    }
  }
  return mergeFindings(findings);
}
