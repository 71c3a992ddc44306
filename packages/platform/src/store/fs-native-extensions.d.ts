// fs-native-extensions ships no types; only what the store lock uses is declared.
declare module 'fs-native-extensions' {
  const extensions: {
    /** Non-blocking exclusive lock on the whole file: `false` when another descriptor holds it. */
    tryLock(fd: number): boolean;
    unlock(fd: number): void;
  };
  export default extensions;
}
