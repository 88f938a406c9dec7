import type { ClientEvent } from '../api/client-event.js';
import type { OutputStream } from './io.js';

/** `--debug` HTTP trace on stderr. Client events carry redacted URLs only. */
export function debugTrace(stderr: OutputStream): (event: ClientEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'request':
        stderr.write(`debug: → ${event.method} ${event.url} (attempt ${event.attempt})\n`);
        break;
      case 'response':
        stderr.write(
          `debug: ← ${event.status} ${event.method} ${event.url} ${Math.round(event.durationMs)} ms` +
            `${event.requestId ? ` request_id=${event.requestId}` : ''}\n`,
        );
        break;
      default:
        stderr.write(`debug: ${JSON.stringify(event)}\n`);
    }
  };
}
