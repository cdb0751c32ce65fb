/**
 * A small typed event emitter, one per engine instance (never a global).
 *
 * Listeners are called synchronously in registration order; a listener that throws is reported to
 * `onListenerError` and never stops the others or the emitter (a broken front-end must not stop the core).
 * There is no silent default: whoever creates an emitter decides where listener failures go.
 */
/** Event name → payload type. An interface works (no index signature needed). */
export type EventMap = object;
export type Listener<T> = (payload: T) => void;
export type Unsubscribe = () => void;

/** Told about a listener that threw: the error, the event and its payload (to say which process it was about). */
export type ListenerErrorHandler<E extends EventMap> = <K extends keyof E>(
  error: unknown,
  event: K,
  payload: E[K],
) => void;

export class TypedEmitter<E extends EventMap> {
  readonly #listeners = new Map<keyof E, Set<Listener<never>>>();

  constructor(private readonly onListenerError: ListenerErrorHandler<E>) {}

  /** Registers a listener and returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): Unsubscribe {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E[K]>)(payload);
      } catch (error) {
        this.onListenerError(error, event, payload);
      }
    }
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
