/** A node of a `LinkedList`; keep it to remove or move the value in O(1). */
export interface ListNode<T> {
  readonly value: T;
  prev: ListNode<T> | undefined;
  next: ListNode<T> | undefined;
}

/**
 * A doubly linked list in insertion order. Unlike a Map or Set used as a queue (V8 leaves deleted
 * slots in place until it rehashes, so finding the first entry after many deletions from the front
 * walks over them), taking the first, removing any node and moving one to the end are O(1).
 */
export class LinkedList<T> {
  head: ListNode<T> | undefined;
  tail: ListNode<T> | undefined;
  size = 0;

  push(value: T): ListNode<T> {
    const node: ListNode<T> = { value, prev: undefined, next: undefined };
    this.#link(node);
    return node;
  }

  /** Unlinks `node`, which must be in this list. */
  remove(node: ListNode<T>): void {
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = undefined;
    this.size--;
  }

  /** Moves `node`, which must be in this list, to the end. */
  moveToEnd(node: ListNode<T>): void {
    if (this.tail === node) return;
    this.remove(node);
    this.#link(node);
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let n = this.head; n !== undefined; n = n.next) yield n.value;
  }

  #link(node: ListNode<T>): void {
    node.prev = this.tail;
    node.next = undefined;
    if (this.tail === undefined) this.head = node;
    else this.tail.next = node;
    this.tail = node;
    this.size++;
  }
}
