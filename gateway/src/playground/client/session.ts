/** Who the playground is signed in as: one Authorization for every tab, HTTP and the socket alike. */
export interface SignedIn {
  authorization: string;
  /** Shown in the sign-in panel: role and the customer or vehicle it sees. */
  label: string;
}

export interface Session {
  current(): SignedIn | undefined;
  set(signedIn: SignedIn | undefined): void;
  /** For React's useSyncExternalStore. */
  subscribe(listener: () => void): () => void;
}

// Per browser tab: a reload keeps the sign-in, closing the tab forgets the token.
const STORAGE_KEY = 'freightgraph:playground:sign-in';

export function createSession(storage: Storage | undefined = globalThis.sessionStorage): Session {
  let signedIn: SignedIn | undefined;
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved) signedIn = JSON.parse(saved) as SignedIn;
  } catch {
    signedIn = undefined;
  }
  const listeners = new Set<() => void>();
  return {
    current: () => signedIn,
    set(next) {
      signedIn = next;
      if (next) storage?.setItem(STORAGE_KEY, JSON.stringify(next));
      else storage?.removeItem(STORAGE_KEY);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
