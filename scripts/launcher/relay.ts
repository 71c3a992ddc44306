import { createInterface } from 'node:readline';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** Services log JSON for machines; the launcher shows people one short line per entry. */
export function relay(name: string, stream: NodeJS.ReadableStream): void {
  const label = name.padEnd(9);
  createInterface({ input: stream }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      const level = LEVELS[entry.level ?? 30] ?? 'info';
      const detail = entry.err?.message ? `: ${entry.err.message}` : '';
      console.log(`${label} ${level.padEnd(5)} ${entry.msg ?? ''}${detail}`);
    } catch {
      console.log(`${label} ${line}`);
    }
  });
}
