import { Kind, parse, print, visit } from 'graphql';

/**
 * Composition links `@authenticated` and `@requiresScopes` into the supergraph `for: SECURITY`, which
 * tells a router that cannot enforce them to refuse the schema, and gateway-js refuses it. Our
 * subgraphs enforce both themselves (`withAuthorization` in the platform), so the gateway serving the
 * schema without enforcing them is safe: for exactly these two features, and no others, the purpose is
 * dropped before the gateway sees the SDL. Any other SECURITY or EXECUTION feature still stops it.
 */
export const ENFORCED_BY_SUBGRAPHS: ReadonlySet<string> = new Set([
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
]);

export function acknowledgeSubgraphEnforcedFeatures(supergraphSdl: string): string {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(supergraphSdl);
  } catch {
    // Not SDL (a half-written file): the gateway rejects it with its own error.
    return supergraphSdl;
  }
  let changed = false;
  const result = visit(document, {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((arg) => arg.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !ENFORCED_BY_SUBGRAPHS.has(url.value)) return undefined;
      changed = true;
      return { ...node, arguments: node.arguments?.filter((arg) => arg.name.value !== 'for') };
    },
  });
  return changed ? print(result) : supergraphSdl;
}
