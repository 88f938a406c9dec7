/**
 * Rows of one kind (outplans, campaigns or numbers), kept per customer in creation order so that a
 * newest-first page behind a creation-time cursor is a binary search plus a slice: listing
 * 10 000 rows page by page stays linear.
 */
export interface Entry<R> {
  readonly row: R;
  /** tm_create in microseconds: the sort key (then id). */
  readonly createdUs: number;
}

interface Owned {
  readonly id: string;
  readonly customer_id: string;
}

/** Ascending by (createdUs, id); pages read it backwards for newest-first. */
function compare(a: Entry<Owned>, b: Entry<Owned>): number {
  if (a.createdUs !== b.createdUs) return a.createdUs - b.createdUs;
  return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
}

export class Table<R extends Owned> {
  private readonly byId = new Map<string, Entry<R>>();
  private readonly byCustomer = new Map<string, Array<Entry<R>>>();

  get size(): number {
    return this.byId.size;
  }

  insert(row: R, createdUs: number): void {
    if (this.byId.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    const entry: Entry<R> = { row, createdUs };
    this.byId.set(row.id, entry);
    let list = this.byCustomer.get(row.customer_id);
    if (!list) this.byCustomer.set(row.customer_id, (list = []));
    const last = list[list.length - 1];
    if (!last || compare(last, entry) < 0) list.push(entry);
    else
      list.splice(
        this.lowerBound(list, (e) => compare(e, entry) >= 0),
        0,
        entry,
      );
  }

  get(id: string): R | undefined {
    return this.byId.get(id)?.row;
  }

  /**
   * Up to `size` rows of a customer with tm_create < beforeUs, newest first; with `keep`,
   * only rows it accepts (a list that hides deleted rows still fills its page).
   */
  page(
    customerId: string,
    beforeUs: number,
    size: number,
    keep?: (row: R) => boolean,
  ): Array<Entry<R>> {
    const list = this.byCustomer.get(customerId) ?? [];
    const end = this.lowerBound(list, (e) => e.createdUs >= beforeUs);
    const out: Array<Entry<R>> = [];
    for (let i = end - 1; i >= 0 && out.length < size; i--)
      if (!keep || keep(list[i]!.row)) out.push(list[i]!);
    return out;
  }

  /** Every row (of one customer, or all), newest first. */
  all(customerId?: string): R[] {
    const lists =
      customerId === undefined
        ? [...this.byCustomer.values()]
        : [this.byCustomer.get(customerId) ?? []];
    return lists
      .flat()
      .sort((a, b) => compare(b, a))
      .map((e) => e.row);
  }

  /** Every row in creation order (oldest first), for the state file. */
  oldestFirst(): R[] {
    return [...this.byId.values()].sort(compare).map((e) => e.row);
  }

  clear(): void {
    this.byId.clear();
    this.byCustomer.clear();
  }

  /** First index whose entry satisfies `atOrAfter` (which must be monotone over the list). */
  private lowerBound(list: Array<Entry<R>>, atOrAfter: (e: Entry<R>) => boolean): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (atOrAfter(list[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
