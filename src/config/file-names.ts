import { escapeControls } from '../model/display.js';

/**
 * File names as diagnostics show them. On Linux a name is bytes, not necessarily UTF-8;
 * bytes that do not decode are written `\xFF` so the name stays recognisable, and control
 * characters are escaped so a name cannot forge a line of output.
 */
const STRICT = new TextDecoder('utf-8', { fatal: true });

export function displayFileName(bytes: Buffer): string {
  let text: string;
  try {
    text = STRICT.decode(bytes);
  } catch {
    text = lenientDecode(bytes);
  }
  return escapeControls(text);
}

/** Longest valid UTF-8 runs decoded, every other byte escaped. */
function lenientDecode(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    const decoded = length > 0 ? tryDecode(bytes.subarray(i, i + length), length) : undefined;
    if (decoded === undefined) {
      out += `\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    } else {
      out += decoded;
      i += length;
    }
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function tryDecode(sequence: Buffer, length: number): string | undefined {
  if (sequence.length < length) return undefined;
  try {
    return STRICT.decode(sequence);
  } catch {
    return undefined;
  }
}
