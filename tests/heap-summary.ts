/**
 * What a V8 heap snapshot holds, grouped as DevTools' "Summary" view groups it: objects and closures by
 * constructor or function name, everything else by its kind (strings, arrays, compiled code, …). Two
 * summaries side by side show what grew between them.
 */
export interface HeapGroup {
  group: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeap(snapshotJson: string): Map<string, HeapGroup> {
  const { snapshot, nodes, strings } = JSON.parse(snapshotJson) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.meta.node_types[0];
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!] ?? 'unknown';
    const group =
      type === 'object' || type === 'closure' ? `${type} ${strings[nodes[i + nameAt]!]}` : `(${type})`;
    const entry = groups.get(group) ?? { group, count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[i + sizeAt]!;
    groups.set(group, entry);
  }
  return groups;
}

/** The groups that grew most in bytes from `before` to `after`. */
export function heapGrowth(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  top = 10,
): { group: string; count: number; bytes: number }[] {
  return [...after.values()]
    .map((entry) => {
      const old = before.get(entry.group);
      return {
        group: entry.group,
        count: entry.count - (old?.count ?? 0),
        bytes: entry.bytes - (old?.bytes ?? 0),
      };
    })
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
