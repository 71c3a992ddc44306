/**
 * A small graph that is not ours, for foreign-graph.test.ts: a media library of three @apollo/subgraph
 * services with no Freightgraph code in them (no internal token, no platform server).
 *  - catalog:  the `Media` interface entity (Book, Film), `Book.publisher @provides(fields: "name")`,
 *              and `Subscription.mediaAdded` over graphql-ws.
 *  - shipping: `Book.shippingCost @requires(fields: "weightGrams")`.
 *  - reviews:  `Media @interfaceObject` adding `reviews` to every kind of media; owns `Publisher`.
 * Every service records the headers of each request (and each graphql-ws `connection_init`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createHttpServer, createMemoryPubSub, listen } from '@freightgraph/platform';
import { type DocumentNode, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7",
  import: ["@key", "@external", "@requires", "@provides", "@interfaceObject", "@shareable"])`;

export const catalogSdl = parse(`${LINK}
  interface Media @key(fields: "id") { id: ID! title: String! }
  type Book implements Media @key(fields: "id") {
    id: ID!
    title: String!
    weightGrams: Int!
    publisher: Publisher @provides(fields: "name")
  }
  type Film implements Media @key(fields: "id") { id: ID! title: String! minutes: Int! }
  type Publisher @key(fields: "id") { id: ID! name: String! @external }
  type Query { media: [Media!]! book(id: ID!): Book }
  type Subscription { mediaAdded: Media! }
`);

export const shippingSdl = parse(`${LINK}
  type Book @key(fields: "id") {
    id: ID!
    weightGrams: Int! @external
    shippingCost: Int! @requires(fields: "weightGrams")
  }
`);

export const reviewsSdl = parse(`${LINK}
  type Media @key(fields: "id") @interfaceObject { id: ID! reviews: [String!]! }
  type Publisher @key(fields: "id") { id: ID! name: String! @shareable country: String! }
`);

type Row = { id: string; kind: 'Book' | 'Film'; title: string; weightGrams?: number; minutes?: number };
export const MEDIA: Row[] = [
  { id: 'b1', kind: 'Book', title: 'Dune', weightGrams: 600 },
  { id: 'f1', kind: 'Film', title: 'Alien', minutes: 117 },
];
const PUBLISHERS: Record<string, { id: string; name: string; country: string }> = {
  p1: { id: 'p1', name: 'Chilton', country: 'US' },
};

export const pubsub = createMemoryPubSub();
const ADDED = 'media-added';

const catalogResolvers = {
  Query: {
    media: () => MEDIA,
    book: (_: unknown, { id }: { id: string }) => MEDIA.find((m) => m.id === id && m.kind === 'Book'),
  },
  Media: { __resolveType: (row: Row) => row.kind },
  Book: { publisher: () => ({ id: 'p1', name: PUBLISHERS.p1?.name }) },
  Subscription: {
    mediaAdded: { subscribe: () => pubsub.subscribe([ADDED]), resolve: (row: Row) => row },
  },
};

const shippingResolvers = {
  Book: {
    // The representation carries weightGrams because of @requires; a cost per 100 g started.
    shippingCost: (book: { weightGrams: number }) => 100 + Math.ceil(book.weightGrams / 100) * 50,
  },
};

const reviewsResolvers = {
  Media: {
    __resolveReference: (ref: { id: string }) => ref,
    reviews: (media: { id: string }) => [`${media.id} is great`],
  },
  Publisher: { __resolveReference: (ref: { id: string }) => PUBLISHERS[ref.id] },
};

/** Publishes one `mediaAdded` event to every subscriber of the catalog. */
export function publishMedia(row: Row): Promise<void> {
  return pubsub.publish(ADDED, row);
}

export interface ForeignSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
  /** Headers of every HTTP request, in order. */
  requests: IncomingHttpHeaders[];
  /**
   * What each graphql-ws subscription was sent, in order: its `connection_init` payload (the gateway's
   * own) under the headers of its viewer (the subscribe message's `extensions.headers`).
   */
  subscriptions: Record<string, unknown>[];
  close(): Promise<void>;
}

async function serve(name: string, typeDefs: DocumentNode, resolvers: object): Promise<ForeignSubgraph> {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  const requests: IncomingHttpHeaders[] = [];
  const subscriptions: Record<string, unknown>[] = [];
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  const httpServer = createHttpServer({
    server,
    context: async (req) => {
      requests.push(req.headers);
      return {};
    },
  });
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const ws = useServer(
    {
      schema,
      onSubscribe: (ctx, _id, payload) => {
        const headers = payload.extensions?.headers;
        subscriptions.push({
          ...(ctx.connectionParams ?? {}),
          ...(typeof headers === 'object' ? headers : {}),
        });
      },
    },
    wss,
  );
  const base = await listen(httpServer, 0, '127.0.0.1');
  return {
    name,
    url: `${base}/graphql`,
    typeDefs,
    requests,
    subscriptions,
    async close() {
      await ws.dispose();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
    },
  };
}

export function serveForeignGraph(): Promise<ForeignSubgraph[]> {
  return Promise.all([
    serve('catalog', catalogSdl, catalogResolvers),
    serve('shipping', shippingSdl, shippingResolvers),
    serve('reviews', reviewsSdl, reviewsResolvers),
  ]);
}
