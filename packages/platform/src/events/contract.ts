import type { z } from 'zod';
import type { ContextName } from './envelope';

/**
 * One versioned event contract. A new version is a new contract with the same `type`; it names how to
 * turn its payload into the previous version's (`downgrade`), so a consumer written for v1 keeps working
 * when producers move to v2.
 */
export interface EventContract<TSchema extends z.ZodType = z.ZodType> {
  type: `${ContextName}.${string}`;
  version: number;
  /** The context that publishes it: only its outbox may carry this type. */
  producer: ContextName;
  aggregateType: string;
  description: string;
  payload: TSchema;
  /** This version's payload as the previous version's; required for every version above 1. */
  downgrade?: (payload: z.infer<TSchema>) => unknown;
}

export type PayloadOf<C extends EventContract> = z.infer<C['payload']>;

export function defineEvent<TSchema extends z.ZodType>(
  contract: EventContract<TSchema>,
): EventContract<TSchema> {
  if (contract.version > 1 && !contract.downgrade) {
    throw new Error(`${contract.type} v${contract.version} needs a downgrade to v${contract.version - 1}`);
  }
  if (!contract.type.startsWith(`${contract.producer}.`)) {
    throw new Error(`${contract.type} must be named after its producer ${contract.producer}`);
  }
  return contract;
}

/** Every contract of the graph, looked up by type and version. */
export class EventCatalogue {
  private readonly byKey = new Map<string, EventContract>();

  constructor(readonly contracts: readonly EventContract[]) {
    for (const contract of contracts) {
      const key = `${contract.type}@${contract.version}`;
      if (this.byKey.has(key)) throw new Error(`event contract ${key} is defined twice`);
      this.byKey.set(key, contract);
    }
    for (const contract of contracts) {
      if (contract.version > 1 && !this.get(contract.type, contract.version - 1)) {
        throw new Error(
          `${contract.type} v${contract.version} has no v${contract.version - 1} to downgrade to`,
        );
      }
    }
  }

  get(type: string, version: number): EventContract | undefined {
    return this.byKey.get(`${type}@${version}`);
  }

  /** Every version of one type, oldest first. */
  versions(type: string): EventContract[] {
    return this.contracts.filter((c) => c.type === type).sort((a, b) => a.version - b.version);
  }

  /**
   * The payload of an event of `version` as `wanted` (a lower version) sees it, validated at each
   * step; undefined when the event's version is unknown or lower than the one wanted.
   */
  convert(type: string, version: number, payload: unknown, wanted: number): unknown | undefined {
    let contract = this.get(type, version);
    if (!contract || version < wanted) return undefined;
    let value: unknown = contract.payload.parse(payload);
    while (contract.version > wanted) {
      const downgrade = contract.downgrade as ((p: unknown) => unknown) | undefined;
      const previous = this.get(type, contract.version - 1);
      if (!downgrade || !previous) return undefined;
      value = previous.payload.parse(downgrade(value));
      contract = previous;
    }
    return value;
  }
}
