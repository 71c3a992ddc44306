import type { Db } from '../db';
import type { EventContract, PayloadOf } from './contract';
import type { EventEnvelope } from './envelope';
import type { AppendOptions, EventWriter } from './writer';

/** What a handler gets: its transaction, the payload as its contract version reads it, and `emit`. */
export interface HandlerContext<C extends EventContract, TSchema extends Record<string, unknown>> {
  /** The transaction that also records the event in the inbox: the effect happens once or not at all. */
  tx: Db<TSchema>;
  payload: PayloadOf<C>;
  event: EventEnvelope;
  /** Appends an event caused by this one (same correlation id, causation = this event) in `tx`. */
  emit<E extends EventContract>(
    contract: E,
    options: Omit<AppendOptions<E>, 'causationId' | 'correlationId'>,
  ): Promise<void>;
}

/** A consumer's handler of one event type, written against one version of its contract. */
export interface EventHandler<TSchema extends Record<string, unknown> = Record<string, unknown>> {
  contract: EventContract;
  handle(context: HandlerContext<EventContract, TSchema>): Promise<void>;
}

/** Declares a handler (`src/consumers/<Event>.ts` in each subgraph). */
export function on<C extends EventContract, TSchema extends Record<string, unknown>>(
  contract: C,
  handle: (context: HandlerContext<C, TSchema>) => Promise<void>,
): EventHandler<TSchema> {
  return { contract, handle: handle as EventHandler<TSchema>['handle'] };
}

/** A handler of committed events outside any transaction: feeds subscriptions (pub/sub), at least once. */
export interface LiveHandler {
  contract: EventContract;
  handle(payload: unknown, event: EventEnvelope): Promise<void>;
}

export function onCommitted<C extends EventContract>(
  contract: C,
  handle: (payload: PayloadOf<C>, event: EventEnvelope) => Promise<void>,
): LiveHandler {
  return { contract, handle: handle as LiveHandler['handle'] };
}

export type { EventWriter };
