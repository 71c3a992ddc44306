import { z } from 'zod';

/**
 * Header rules for subgraph requests, in the shape of Apollo Router's `headers` config (and Hive
 * Gateway's `propagateHeaders`): for `all` subgraphs and per subgraph, an ordered list of
 *   - `propagate: { named, rename?, default? }` or `propagate: { matching }` (a regex, case-insensitive),
 *   - `insert: { name, value }`,
 *   - `remove: { named }` or `remove: { matching }` (drops what earlier rules put in).
 * The `all` rules run first, then the subgraph's own.
 */

/**
 * Never copied from a client nor set by a rule: they describe the client's connection and body, not
 * the subgraph request the gateway builds.
 */
const RESERVED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'accept',
  'accept-encoding',
]);
const reserved = (name: string) => RESERVED.has(name) || name.startsWith('sec-websocket-');

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headerName = z
  .string()
  .regex(TOKEN, 'not a valid header name')
  .transform((name) => name.toLowerCase())
  .refine((name) => !reserved(name), 'is a hop-by-hop or body header the gateway sets itself');

const headerValue = z
  .string()
  .refine((value) => !/[\r\n\0]/.test(value), 'a header value may not contain CR, LF or NUL');

const pattern = z.string().transform((source, ctx) => {
  try {
    return new RegExp(source, 'i');
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${source}` });
    return z.NEVER;
  }
});

const propagate = z
  .strictObject({
    named: headerName.optional(),
    rename: headerName.optional(),
    default: headerValue.optional(),
    matching: pattern.optional(),
  })
  .refine(
    (p) => (p.named === undefined) !== (p.matching === undefined),
    'give exactly one of named, matching',
  )
  .refine((p) => p.named !== undefined || (p.rename === undefined && p.default === undefined), {
    message: 'rename and default go with named, not matching',
  });

const remove = z
  .strictObject({ named: headerName.optional(), matching: pattern.optional() })
  .refine(
    (r) => (r.named === undefined) !== (r.matching === undefined),
    'give exactly one of named, matching',
  );

const rule = z
  .strictObject({
    propagate: propagate.optional(),
    insert: z.strictObject({ name: headerName, value: headerValue }).optional(),
    remove: remove.optional(),
  })
  .refine(
    (r) => [r.propagate, r.insert, r.remove].filter(Boolean).length === 1,
    'a rule is exactly one of propagate, insert, remove',
  );

const ruleList = z.strictObject({ request: z.array(rule).default([]) });

/** The file `GATEWAY_HEADERS_FILE` names (JSON or YAML). */
export const headerRulesFile = z.strictObject({
  all: ruleList.optional(),
  subgraphs: z.record(z.string().min(1), ruleList).optional(),
});

export type HeaderRulesFile = z.infer<typeof headerRulesFile>;
type Rule = z.infer<typeof rule>;

/** Client headers as the rules read them: lower-case names, one value each. */
export type ClientHeaders = Readonly<Record<string, string>>;

export interface HeaderRules {
  /**
   * The client headers some propagate rule reads (and nothing else): what the gateway keeps of a
   * request for its subgraph calls, and what tells one subscriber's upstream connection from another's.
   */
  pick(headers: Readonly<Record<string, string | string[] | undefined>>): ClientHeaders;
  /** The headers the rules give one subgraph's request. */
  forSubgraph(name: string, client: ClientHeaders): Record<string, string>;
}

function apply(rules: readonly Rule[], client: ClientHeaders, out: Record<string, string>): void {
  for (const { propagate, insert, remove } of rules) {
    if (propagate?.named) {
      const value = client[propagate.named] ?? propagate.default;
      if (value !== undefined) out[propagate.rename ?? propagate.named] = value;
    } else if (propagate?.matching) {
      for (const [name, value] of Object.entries(client))
        if (propagate.matching.test(name)) out[name] = value;
    } else if (insert) {
      out[insert.name] = insert.value;
    } else if (remove?.named) {
      delete out[remove.named];
    } else if (remove?.matching) {
      for (const name of Object.keys(out)) if (remove.matching.test(name)) delete out[name];
    }
  }
}

export function compileHeaderRules(file: HeaderRulesFile = {}): HeaderRules {
  const all = file.all?.request ?? [];
  const bySubgraph = new Map(
    Object.entries(file.subgraphs ?? {}).map(([name, list]) => [name, list.request]),
  );
  const propagations = [all, ...bySubgraph.values()]
    .flat()
    .flatMap((r) => (r.propagate ? [r.propagate] : []));
  const named = new Set(propagations.flatMap((p) => (p.named ? [p.named] : [])));
  const patterns = propagations.flatMap((p) => (p.matching ? [p.matching] : []));
  const read = (name: string) => !reserved(name) && (named.has(name) || patterns.some((p) => p.test(name)));

  return {
    pick(headers) {
      const picked: Record<string, string> = {};
      if (propagations.length === 0) return picked;
      for (const [rawName, value] of Object.entries(headers)) {
        const name = rawName.toLowerCase();
        if (value === undefined || !read(name)) continue;
        picked[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return picked;
    },
    forSubgraph(name, client) {
      const out: Record<string, string> = {};
      apply(all, client, out);
      apply(bySubgraph.get(name) ?? [], client, out);
      return out;
    },
  };
}
