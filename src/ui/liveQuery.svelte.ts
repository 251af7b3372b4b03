import { liveQuery } from 'dexie';

/**
 * A database query kept current: it runs again whenever a table it read changes, in this tab or
 * another. Make one while a component starts (it ends with the component).
 */
export class LiveQuery<T> {
  current = $state.raw<T>() as T;
  error = $state.raw<Error | null>(null);

  constructor(query: () => Promise<T>, initial: T) {
    this.current = initial;
    $effect(() => {
      const subscription = liveQuery(query).subscribe({
        next: (value) => (this.current = value),
        error: (error: unknown) => (this.error = error instanceof Error ? error : new Error(String(error))),
      });
      return () => subscription.unsubscribe();
    });
  }
}
