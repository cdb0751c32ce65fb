/**
 * A binary min-heap of items keyed by a number (a stamp), for "the oldest of a set that changes".
 * Removal is lazy: the owner keeps stale items in the heap and tells `popWhile` / `compactIfOver`
 * which are stale, so invalidating an item costs nothing.
 */
export class StampHeap<T> {
  #stamps: number[] = [];
  #items: T[] = [];

  get size(): number {
    return this.#stamps.length;
  }

  push(stamp: number, item: T): void {
    this.#stamps.push(stamp);
    this.#items.push(item);
    this.#up(this.#stamps.length - 1);
  }

  /** Pops items while `stale` says so; then pops and returns the first that is not (or undefined). */
  popWhile(stale: (stamp: number, item: T) => boolean): T | undefined {
    while (this.#stamps.length > 0) {
      const stamp = this.#stamps[0]!;
      const item = this.#items[0]!;
      this.#popTop();
      if (!stale(stamp, item)) return item;
    }
    return undefined;
  }

  /** Drops every item `keep` rejects once the heap holds more than `limit` (amortised O(1) per push). */
  compactIfOver(limit: number, keep: (stamp: number, item: T) => boolean): void {
    if (this.#stamps.length <= limit) return;
    const stamps: number[] = [];
    const items: T[] = [];
    for (let i = 0; i < this.#stamps.length; i++) {
      if (!keep(this.#stamps[i]!, this.#items[i]!)) continue;
      stamps.push(this.#stamps[i]!);
      items.push(this.#items[i]!);
    }
    this.#stamps = stamps;
    this.#items = items;
    for (let i = (stamps.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #popTop(): void {
    const lastStamp = this.#stamps.pop()!;
    const lastItem = this.#items.pop()!;
    if (this.#stamps.length === 0) return;
    this.#stamps[0] = lastStamp;
    this.#items[0] = lastItem;
    this.#down(0);
  }

  #up(i: number): void {
    const stamps = this.#stamps;
    const items = this.#items;
    const stamp = stamps[i]!;
    const item = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (stamps[parent]! <= stamp) break;
      stamps[i] = stamps[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    stamps[i] = stamp;
    items[i] = item;
  }

  #down(i: number): void {
    const stamps = this.#stamps;
    const items = this.#items;
    const n = stamps.length;
    const stamp = stamps[i]!;
    const item = items[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && stamps[child + 1]! < stamps[child]!) child++;
      if (stamps[child]! >= stamp) break;
      stamps[i] = stamps[child]!;
      items[i] = items[child]!;
      i = child;
    }
    stamps[i] = stamp;
    items[i] = item;
  }
}
