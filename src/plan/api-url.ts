/**
 * The API base URL as it may be stored or shown: access keys travel as `?accesskey=`, and a
 * URL may carry userinfo, so both the query string and userinfo are dropped (and the
 * fragment, which has no meaning for an API base).
 */
import { UsageError } from '../model/errors.js';

export function sanitizeApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the input: it may be the credential-bearing URL.
    throw new UsageError('INVALID_API_URL', 'The API base URL is not a valid absolute URL.', {
      hint: 'Use a URL like https://api.voipbin.net/v1.0.',
    });
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
