/**
 * `outplanctl list`: the live outplans with the settings that matter and the campaigns that
 * use each — the way to find an id to pin without reading a plan. Text is a table for a
 * terminal; JSON is versioned (docs/list-json.md).
 *
 * Every API-supplied string is shown escaped in text (see `displayName`): names arrive
 * unvalidated and must not be able to draw fake rows or drive the terminal.
 */
import type { Campaign } from '../model/campaign.js';
import { displayName, displayToken, escapeJsonText } from '../model/display.js';
import { formatDuration } from '../model/duration.js';
import { MAX_TRY_KEYS, type LiveOutplan } from '../model/outplan.js';
import { campaignsOf, indexCampaigns } from '../plan/campaign-impact.js';
import { compareStrings } from '../model/order.js';
import type { CampaignRef } from '../plan/types.js';
import { styleFor } from './ansi.js';

export const LIVE_LIST_FORMAT_VERSION = 1;

export interface LiveListInput {
  readonly outplans: readonly LiveOutplan[];
  /** null when the campaigns could not be listed: the list then says "unknown", never "none". */
  readonly campaigns: readonly Campaign[] | null;
}

interface Row {
  readonly outplan: LiveOutplan;
  readonly campaigns: readonly CampaignRef[] | null;
}

/** Sorted by name, then id, as `export` writes them; each with its campaigns. */
function rowsOf(input: LiveListInput): Row[] {
  const index = input.campaigns === null ? null : indexCampaigns(input.campaigns);
  return [...input.outplans]
    .sort((a, b) => compareStrings(a.fields.name, b.fields.name) || compareStrings(a.id, b.id))
    .map((outplan) => ({
      outplan,
      campaigns: index === null ? null : campaignsOf(index, outplan.id),
    }));
}

const HEADERS = [
  'ID',
  'NAME',
  'CALLER ID',
  'DIAL TIMEOUT',
  'TRY INTERVAL',
  'ATTEMPTS 0/1/2/3/4',
  'CAMPAIGNS',
] as const;

const STATUS_WORD: Readonly<Record<CampaignRef['status'], string>> = {
  run: 'running',
  stopping: 'stopping',
  stop: 'stopped',
};

/** `tel +15559876543`; `(none)` when the outplan has no source. */
function callerId(outplan: LiveOutplan): string {
  const { type, target } = outplan.fields.source;
  const text = [type, target]
    .filter((part) => part !== '')
    .map(displayToken)
    .join(' ');
  return text === '' ? '(none)' : text;
}

function campaignCell(campaigns: readonly CampaignRef[] | null): string {
  if (campaigns === null) return 'unknown';
  if (campaigns.length === 0) return '-';
  return campaigns.map((c) => `${displayName(c.name)} (${STATUS_WORD[c.status]})`).join(', ');
}

function cells(row: Row): string[] {
  const { outplan } = row;
  const fields = outplan.fields;
  return [
    displayToken(outplan.id),
    displayName(fields.name),
    callerId(outplan),
    formatDuration(fields.dial_timeout),
    formatDuration(fields.try_interval),
    MAX_TRY_KEYS.map((key) => String(fields[key])).join('/'),
    campaignCell(row.campaigns),
  ];
}

/** Code points, not UTF-16 units: an escaped name is one line, but may hold non-ASCII letters. */
function width(text: string): number {
  return [...text].length;
}

export function renderLiveListText(input: LiveListInput, options: { colour: boolean }): string {
  const style = styleFor(options.colour);
  const rows = rowsOf(input);
  if (rows.length === 0) return 'No live outplans.\n';
  const table = rows.map(cells);
  const widths = HEADERS.map((header, i) =>
    Math.max(width(header), ...table.map((line) => width(line[i]!))),
  );
  const format = (line: readonly string[]) =>
    line
      .map((cell, i) =>
        i === line.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)),
      )
      .join('  ')
      .trimEnd();
  const used = rows.filter((row) => row.campaigns !== null && row.campaigns.length > 0).length;
  const usage =
    input.campaigns === null
      ? 'campaigns unknown (they could not be listed)'
      : `${used} used by campaigns`;
  return [
    style.bold(format(HEADERS)),
    ...table.map(format),
    '',
    `${rows.length} ${rows.length === 1 ? 'outplan' : 'outplans'}, ${usage}.`,
    '',
  ].join('\n');
}

export function renderLiveListJson(input: LiveListInput): string {
  const document = {
    format_version: LIVE_LIST_FORMAT_VERSION,
    campaigns_listed: input.campaigns !== null,
    outplans: rowsOf(input).map(({ outplan, campaigns }) => {
      const fields = outplan.fields;
      const attempts: Record<string, number> = {};
      for (const key of MAX_TRY_KEYS) attempts[key] = fields[key];
      return {
        id: outplan.id,
        name: fields.name,
        detail: fields.detail,
        source: { ...fields.source },
        dial_timeout: formatDuration(fields.dial_timeout),
        dial_timeout_ms: fields.dial_timeout,
        try_interval: formatDuration(fields.try_interval),
        try_interval_ms: fields.try_interval,
        ...attempts,
        campaigns:
          campaigns === null
            ? null
            : campaigns.map((c) => ({ id: c.id, name: c.name, status: c.status })),
        tm_create: outplan.tmCreate,
        tm_update: outplan.tmUpdate,
      };
    }),
  };
  // Same escaping as the plan JSON: the parsed value is exact, the raw text is terminal-safe.
  return `${escapeJsonText(JSON.stringify(document, null, 2))}\n`;
}
