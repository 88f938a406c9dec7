/**
 * Listing faults: list pages that break the cursor contract, so clients can be tested
 * against a server whose listing is not a consistent snapshot (issue 10).
 *
 * - `page-cycle`: where the listing would end, it starts again: the end page is replaced by
 *   the first page. Tokens go A→B→…→A, ids repeat, the listing never ends.
 * - `page-fresh-token`: every page carries a token never sent before, later than now (a
 *   cursor moving forward, which a `tm_create` cursor never does); following it serves the
 *   first page again. The listing never ends and no token repeats.
 * - `page-repeat`: a page after the first starts with the previous page's last row (the
 *   cursor taken as `<=` instead of `<`): one id per page boundary appears twice. The
 *   listing still ends.
 *
 * A list read changes nothing, so the normal answer can be computed first to decide
 * whether a fault would change it.
 */
import type { WirePage } from '../model/wire.js';
import type { ListingFault } from './faults.js';
import { formatPageToken, parseTimestamp } from './timestamps.js';

type Page = WirePage<unknown>;

export class ListingProbe {
  private normalPage: Page | null | undefined;
  private repeatPage: Page | null | undefined;

  /**
   * @param list serves one page of the route for a query (throws an ApiFailureError for a
   *   bad one)
   * @param freshTokenUs a cursor later than now and than every earlier fresh one
   */
  constructor(
    private readonly query: URLSearchParams,
    private readonly list: (query: URLSearchParams) => Page,
    private readonly freshTokenUs: () => number,
  ) {}

  /** Whether `kind` would change this request's answer. A rejected request: never. */
  applies(kind: ListingFault): boolean {
    const normal = this.normal();
    if (normal === null) return false;
    switch (kind) {
      case 'page-cycle':
        return isEnd(normal) && this.list(this.with(null)).result.length > 0;
      case 'page-fresh-token':
        return true;
      case 'page-repeat':
        return this.repeated() !== null;
    }
  }

  answer(kind: ListingFault): Page {
    switch (kind) {
      case 'page-cycle':
        return this.list(this.with(null));
      case 'page-fresh-token':
        return { ...this.normal()!, next_page_token: formatPageToken(this.freshTokenUs()) };
      case 'page-repeat':
        return this.repeated()!;
    }
  }

  /** The page as served without faults; null when the request is rejected (bad page_size). */
  private normal(): Page | null {
    if (this.normalPage === undefined) {
      try {
        this.normalPage = this.list(this.query);
      } catch {
        this.normalPage = null;
      }
    }
    return this.normalPage;
  }

  /** The page with the cursor taken as `<=`, when that adds a repeated row and still moves on. */
  private repeated(): Page | null {
    if (this.repeatPage !== undefined) return this.repeatPage;
    const tokenUs = parseTimestamp(this.query.get('page_token') ?? '');
    this.repeatPage = null;
    if (tokenUs === null) return null;
    const page = this.list(this.with(formatPageToken(tokenUs + 1)));
    // Only the boundary row again would hand back the same token: a loop, not a repeat.
    const moves = page.next_page_token !== '' && parseTimestamp(page.next_page_token)! < tokenUs;
    if (page.result.length >= 2 && moves) this.repeatPage = page;
    return this.repeatPage;
  }

  private with(pageToken: string | null): URLSearchParams {
    const query = new URLSearchParams(this.query);
    if (pageToken === null) query.delete('page_token');
    else query.set('page_token', pageToken);
    return query;
  }
}

const isEnd = (page: Page) => page.result.length === 0 && page.next_page_token === '';
