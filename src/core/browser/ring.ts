/**
 * A fixed-capacity ring of records numbered by a consecutive `seq`: push and lookup by seq are O(1),
 * the oldest record is overwritten when full (no `shift()`, no copying).
 */
export class SeqRing<T extends { readonly seq: number }> {
  readonly #slots: (T | undefined)[];
  #length = 0;
  /** Index of the oldest record. */
  #head = 0;

  constructor(readonly capacity: number) {
    this.#slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** The seq of the oldest record kept, or undefined when empty. */
  get firstSeq(): number | undefined {
    return this.#length === 0 ? undefined : this.#slots[this.#head]!.seq;
  }

  /** Appends a record whose seq is one more than the newest's. */
  push(record: T): void {
    if (this.#length < this.capacity) {
      this.#slots[(this.#head + this.#length) % this.capacity] = record;
      this.#length++;
    } else {
      this.#slots[this.#head] = record;
      this.#head = (this.#head + 1) % this.capacity;
    }
  }

  /** The i-th record from the oldest (0 ≤ i < length). */
  at(i: number): T | undefined {
    return i < 0 || i >= this.#length ? undefined : this.#slots[(this.#head + i) % this.capacity];
  }

  /** The record with this seq, if still kept. */
  get(seq: number): T | undefined {
    const first = this.firstSeq;
    if (first === undefined) return undefined;
    const record = this.at(seq - first);
    return record?.seq === seq ? record : undefined;
  }

  /** Replaces the record with the same seq, if still kept. */
  replace(record: T): boolean {
    const first = this.firstSeq;
    if (first === undefined) return false;
    const i = record.seq - first;
    if (this.at(i)?.seq !== record.seq) return false;
    this.#slots[(this.#head + i) % this.capacity] = record;
    return true;
  }
}
