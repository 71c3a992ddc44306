import type { BenchReport } from './report';
import { WORKLOADS, type WorkloadName } from './workloads';

const COLORS: Record<string, string> = {
  ours: '#2563eb',
  'ours-aa': '#93c5fd',
  'ours-traced': '#7c3aed',
  'ours-traced-1pct': '#c4b5fd',
  'apollo-stock': '#9ca3af',
  hive: '#f59e0b',
  subgraph: '#10b981',
};

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Horizontal bars of median requests/s per contender, one panel per workload, with p99 and RSS noted. */
export function renderChart(report: BenchReport): string {
  const width = 900;
  const bar = 22;
  const labelWidth = 120;
  const plotWidth = width - labelWidth - 260;
  const rows: string[] = [];
  let y = 40;
  for (const [name, workload] of Object.entries(report.workloads)) {
    const entries = Object.entries(workload.contenders);
    const max = Math.max(...entries.map(([, s]) => s.rps), 1);
    rows.push(
      `<text x="10" y="${y}" font-weight="bold">${escapeXml(WORKLOADS[name as WorkloadName].title)}</text>`,
    );
    y += 10;
    for (const [contender, s] of entries) {
      const w = Math.max(1, (s.rps / max) * plotWidth);
      const rss = s.peakRssMb === null ? '' : `, ${s.peakRssMb} MB`;
      rows.push(
        `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(contender)}</text>`,
        `<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${bar - 4}" fill="${COLORS[contender] ?? '#6b7280'}"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + 16}">${s.rps.toFixed(0)} req/s  (p99 ${s.p99} ms${rss}${s.errors ? `, ${s.errors} errors` : ''})</text>`,
      );
      y += bar;
    }
    y += 30;
  }
  const header = `Median requests/s over ${report.settings.rounds} interleaved rounds, ${report.settings.connections} connections, ${report.settings.duration} s each — ${report.machine.cpus} × ${report.machine.cpu}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="13">`,
    `<title>Freightgraph gateway benchmark: requests per second by contender</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" fill="#374151">${escapeXml(header)}</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
