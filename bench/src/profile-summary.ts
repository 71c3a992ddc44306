/**
 * `npm run profile:summary -w bench -- DIR [top]`: the top frames by self time of every `.cpuprofile` in
 * DIR (written by `npm run bench -- --profile DIR`), and the same time grouped by package, so "where the
 * time goes" is one table per process.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** `node_modules/@scope/name` or `node_modules/name`, our own workspace folder, or what V8 calls it. */
function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/(gateway|packages\/platform|subgraphs\/[^/]+|bench)\//.exec(url);
  return ours?.[1] ?? url;
}

function summarize(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = totalMs / Math.max(1, profile.samples.length);
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  let idle = 0;
  for (const [id, count] of selfSamples) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    const file = url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(gateway|packages|subgraphs)\//, '$1/');
    const frame = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    frames.set(frame, (frames.get(frame) ?? 0) + count);
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + count);
  }
  const busy = profile.samples.length - idle;
  const pct = (n: number) => `${((100 * n) / Math.max(1, busy)).toFixed(1)}%`;
  const lines = [
    `  ${totalMs.toFixed(0)} ms profiled, ${((busy * msPerSample) / 1000).toFixed(1)} s busy (${((100 * busy) / Math.max(1, profile.samples.length)).toFixed(0)}% of the time)`,
    '  top frames by self time (% of busy time):',
  ];
  for (const [frame, count] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`    ${pct(count).padStart(6)}  ${frame}`);
  }
  lines.push('  by package:');
  for (const [pkg, count] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`    ${pct(count).padStart(6)}  ${pkg}`);
  }
  return lines;
}

async function main(dir: string, top: number) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
    console.log(`\n${file}`);
    for (const line of summarize(profile, top)) console.log(line);
  }
}

const [dir, top] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npm run profile:summary -w bench -- DIR [top]');
  process.exit(2);
}
main(dir, Number(top ?? 15)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
