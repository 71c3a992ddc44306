/**
 * The hostile table: malformed, oversized, forged and out-of-role requests through the real processes.
 * Each must be refused with its own code (or, for someone else's data, answered with null), write
 * nothing, and leave the gateway serving valid requests.
 */
import { demoCustomerId } from '@freightgraph/platform';
import { TEST_CUSTOMER_ID, TEST_VEHICLE_ID } from '@freightgraph/platform/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { execute } from './client';
import { type Answer, forgedInternal, forgeries, gql, raw } from './hostile';

const { gatewayUrl, subgraphUrls, layout } = inject('graph');
const forged = forgeries(layout.dataDir);

const Fixtures = graphql(`
  query HostileFixtures($otherCustomer: ID!, $vehicle: ID!) {
    orders(first: 20, customerId: $otherCustomer, status: SHIPPED) {
      edges { node { id shipments { id trackingNumber } } }
    }
    shipments(first: 50, status: IN_TRANSIT) { edges { node { id vehicle { id } } } }
    own: vehicle(id: $vehicle) { id }
  }
`);

const Digest = graphql(`
  query WorldDigest($orderId: ID!, $shipmentId: ID!, $vehicleId: ID!) {
    orders(first: 1) { totalCount }
    customers(first: 1) { totalCount }
    shipments(first: 1) { totalCount }
    vehicles(first: 1) { totalCount }
    order(id: $orderId) { status }
    shipment(id: $shipmentId) { status vehicle { id } lastLocation { lat lng } events { id } }
    vehicle(id: $vehicleId) { position { lat lng } positionUpdatedAt }
  }
`);

/** What the table's requests aim at: another customer's order and shipment, another vehicle. */
interface Targets {
  order: string;
  shipment: string;
  trackingNumber: string;
  /** IN_TRANSIT, on a vehicle other than the test driver's. */
  foreignShipment: string;
  otherVehicle: string;
}

let t: Targets;
let digestVariables: { orderId: string; shipmentId: string; vehicleId: string };

async function digest() {
  const result = await execute(gatewayUrl, Digest, digestVariables, admin);
  expect(result.errors).toBeUndefined();
  return result.data;
}

beforeAll(async () => {
  const otherCustomer = demoCustomerId(1);
  const fixtures = await execute(gatewayUrl, Fixtures, { otherCustomer, vehicle: TEST_VEHICLE_ID }, admin);
  expect(fixtures.errors).toBeUndefined();
  const order = fixtures.data!.orders.edges.map((e) => e.node).find((o) => o.shipments.length > 0)!;
  const foreign = fixtures.data!.shipments.edges.find(
    (e) => e.node.vehicle && e.node.vehicle.id !== TEST_VEHICLE_ID,
  )!;
  t = {
    order: order.id,
    shipment: order.shipments[0]!.id,
    trackingNumber: order.shipments[0]!.trackingNumber,
    foreignShipment: foreign.node.id,
    otherVehicle: foreign.node.vehicle!.id,
  };
  digestVariables = { orderId: t.order, shipmentId: t.foreignShipment, vehicleId: t.otherVehicle };
});

const as = (role: Parameters<typeof tokens.headers>[0]) => tokens.headers(role);
const bearer = (authorization: string) => ({ authorization });
const INJECTION = "' OR 1=1; DROP TABLE orders; --";
const UUID_NOBODY = '00000000-0000-4000-8000-000000000000';
const nest = (depth: number) => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
// Each level spreads the next twice: 2^levels copies of the leaf once expanded.
const fragmentBomb = (levels: number) =>
  [
    'query Bomb { customers(first: 1) { edges { node { ...F0 } } } }',
    `fragment F${levels} on Customer { orders(first: 100) { totalCount } }`,
    ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Customer { ...F${i + 1} ...F${i + 1} }`),
  ].join('\n');
const fragmentChain = (levels: number) =>
  [
    `query Deep($id: ID!) { shipment(id: $id) { ...S0 } }`,
    ...Array.from(
      { length: levels },
      (_, i) => `fragment S${i} on Shipment { order { shipments { ...S${i + 1} } } }`,
    ),
    `fragment S${levels} on Shipment { id }`,
  ].join('\n');

type Expectation = { code: string; status?: number; field?: string } | { nullAt: string; status?: number };

interface Case {
  name: string;
  send: () => Promise<Answer>;
  expect: Expectation;
}

const G = () => gatewayUrl;
const cases: Case[] = [
  // Transport
  {
    name: 'malformed JSON',
    send: () => raw(G(), '{"query": "{ __typename }"'),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'text/plain body (CSRF-able simple request)',
    send: () => raw(G(), '{"query":"{ __typename }"}', { 'content-type': 'text/plain' }),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'form-encoded body',
    send: () => raw(G(), 'query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'body over the size limit',
    send: () => raw(G(), JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` })),
    expect: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  },
  {
    name: 'batched operations',
    send: async () =>
      raw(G(), JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), {
        'content-type': 'application/json',
        ...(await as('admin')),
      }),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'query that is not a string',
    send: async () =>
      raw(G(), JSON.stringify({ query: 42 }), { 'content-type': 'application/json', ...(await as('admin')) }),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'mutation over GET',
    send: async () =>
      raw(
        `${G()}?query=${encodeURIComponent(`mutation { cancelOrder(id: "${t.order}") { id } }`)}`,
        undefined,
        { 'apollo-require-preflight': 'true', ...(await as('admin')) },
        'GET',
      ),
    expect: { code: 'BAD_REQUEST', status: 405 },
  },

  // Identity
  {
    name: 'no token',
    send: () => gql(G(), '{ orders { totalCount } }'),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'Basic credentials',
    send: () => gql(G(), '{ orders { totalCount } }', {}, bearer('Basic YWRtaW46YWRtaW4=')),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'alg: none token',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.none())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'HS256 keyed with the public key',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.hs256())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'tampered payload',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.tampered())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'signed by a foreign key',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.foreignKey())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'expired token',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.expired())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'token not yet valid',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.notYetValid())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'token without expiry',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.noExpiry())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'wrong issuer',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.wrongIssuer())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'wrong audience',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.wrongAudience())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'unknown role',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.unknownRole())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'customer role without a customer',
    send: async () =>
      gql(G(), '{ orders { totalCount } }', {}, bearer(await forged.customerWithoutCustomer())),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'internal token replayed at the gateway',
    send: async () => gql(G(), '{ orders { totalCount } }', {}, bearer(await tokens.internal('admin'))),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'oversized token',
    send: () => gql(G(), '{ orders { totalCount } }', {}, bearer(`Bearer ${'a'.repeat(9_000)}.b.c`)),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'anonymous introspection mixed with data',
    send: () => gql(G(), '{ __schema { queryType { name } } orders { totalCount } }'),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },

  // Zero trust: direct subgraph calls
  {
    name: 'direct _service call without a token',
    send: () => gql(subgraphUrls.orders, '{ _service { sdl } }'),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'direct _entities call with a user access token',
    send: async () =>
      gql(
        subgraphUrls.customers,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { email } } }',
        { r: [{ __typename: 'Customer', id: demoCustomerId(1) }] },
        await as('admin'),
      ),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'direct mutation with an expired internal token',
    send: async () =>
      gql(
        subgraphUrls.orders,
        `mutation { cancelOrder(id: "${t.order}") { id } }`,
        {},
        bearer(await forgedInternal(layout.dataDir, 'expired')),
      ),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'direct call with an internal token from a foreign key',
    send: async () =>
      gql(
        subgraphUrls.shipments,
        '{ shipments { totalCount } }',
        {},
        bearer(await forgedInternal(layout.dataDir, 'foreign')),
      ),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'subgraph metrics without a token',
    send: () => raw(subgraphUrls.vehicles.replace(/graphql$/, 'metrics'), undefined, {}, 'GET'),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },
  {
    name: 'gateway metrics with a user token',
    send: async () => raw(G().replace(/graphql$/, 'metrics'), undefined, await as('admin'), 'GET'),
    expect: { code: 'UNAUTHENTICATED', status: 401 },
  },

  // Document limits
  {
    name: '1,000-deep nesting',
    send: async () => gql(G(), nest(1_000), {}, await as('admin')),
    expect: { code: 'DEPTH_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'depth through a fragment chain',
    send: async () => gql(G(), fragmentChain(12), { id: t.shipment }, await as('admin')),
    expect: { code: 'DEPTH_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'alias bomb',
    send: async () =>
      gql(
        G(),
        `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
        {},
        await as('admin'),
      ),
    expect: { code: 'ALIAS_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'too many root fields',
    send: async () =>
      gql(
        G(),
        `{ ${Array.from({ length: 11 }, (_, i) => `c${i}: customers(first: 1) { totalCount }`).join(' ')} }`,
        {},
        await as('admin'),
      ),
    expect: { code: 'ROOT_FIELD_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'fragment bomb',
    send: async () => gql(G(), fragmentBomb(30), {}, await as('admin')),
    expect: { code: 'COST_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'fragment cycle',
    send: async () =>
      gql(
        G(),
        'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
        {},
        await as('admin'),
      ),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
  },
  {
    name: 'cost of nested pages',
    send: async () =>
      gql(
        G(),
        '{ orders(first: 100) { edges { node { customer { orders(first: 100) { edges { node { id } } } } } } } }',
        {},
        await as('admin'),
      ),
    expect: { code: 'COST_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'cost through a $first variable',
    send: async () =>
      gql(
        G(),
        'query ($n: Int) { orders(first: $n) { edges { node { shipments { events { status } } } } } }',
        { n: 5_000 },
        await as('admin'),
      ),
    expect: { code: 'COST_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'token flood',
    send: async () => gql(G(), `{ ${'__typename '.repeat(6_000)}}`, {}, await as('admin')),
    expect: { code: 'TOKEN_LIMIT_EXCEEDED', status: 400 },
  },
  {
    name: 'unknown persisted query hash',
    send: async () =>
      raw(
        G(),
        JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
        {
          'content-type': 'application/json',
          ...(await as('admin')),
        },
      ),
    expect: { code: 'PERSISTED_QUERY_NOT_FOUND' },
  },

  // Oversized and injected input
  {
    name: 'oversized string argument',
    send: async () =>
      gql(
        G(),
        'query ($n: String!) { shipmentByTrackingNumber(trackingNumber: $n) { id } }',
        { n: 'F'.repeat(200_000) },
        await as('admin'),
      ),
    expect: { code: 'BAD_USER_INPUT', field: 'trackingNumber' },
  },
  {
    name: 'oversized note variable',
    send: async () =>
      gql(
        G(),
        'mutation ($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { id } }',
        {
          i: {
            shipmentId: t.foreignShipment,
            status: 'IN_TRANSIT',
            location: { lat: 1, lng: 1 },
            note: 'n'.repeat(900_000),
          },
        },
        await as('admin'),
      ),
    expect: { code: 'BAD_USER_INPUT', field: 'input.note' },
  },
  {
    name: 'variable of the wrong shape',
    send: async () =>
      gql(
        G(),
        'query ($id: ID!) { order(id: $id) { id } }',
        { id: { nested: { deeper: [1, 2, 3] } } },
        await as('admin'),
      ),
    expect: { code: 'BAD_USER_INPUT' },
  },
  ...(
    [
      ['order(id)', `{ order(id: ${JSON.stringify(INJECTION)}) { id } }`, 'id'],
      ['customer(id)', `{ customer(id: ${JSON.stringify(INJECTION)}) { id } }`, 'id'],
      ['shipment(id)', `{ shipment(id: ${JSON.stringify(INJECTION)}) { id } }`, 'id'],
      ['vehicle(id)', `{ vehicle(id: ${JSON.stringify(INJECTION)}) { id } }`, 'id'],
      [
        'orders(customerId)',
        `{ orders(customerId: ${JSON.stringify(INJECTION)}) { totalCount } }`,
        'customerId',
      ],
      ['orders(after)', `{ orders(after: ${JSON.stringify(INJECTION)}) { totalCount } }`, 'after'],
      ['customers(after)', `{ customers(after: ${JSON.stringify(INJECTION)}) { totalCount } }`, 'after'],
      ['shipments(after)', `{ shipments(after: ${JSON.stringify(INJECTION)}) { totalCount } }`, 'after'],
      ['vehicles(after)', `{ vehicles(after: ${JSON.stringify(INJECTION)}) { totalCount } }`, 'after'],
      ['cancelOrder(id)', `mutation { cancelOrder(id: ${JSON.stringify(INJECTION)}) { id } }`, 'id'],
      [
        'assignVehicle(shipmentId)',
        `mutation { assignVehicle(shipmentId: ${JSON.stringify(INJECTION)}, vehicleId: "${UUID_NOBODY}") { id } }`,
        'shipmentId',
      ],
      [
        'assignVehicle(vehicleId)',
        `mutation { assignVehicle(shipmentId: "${UUID_NOBODY}", vehicleId: ${JSON.stringify(INJECTION)}) { id } }`,
        'vehicleId',
      ],
      [
        'recordTrackingEvent(shipmentId)',
        `mutation { recordTrackingEvent(input: { shipmentId: ${JSON.stringify(INJECTION)}, status: IN_TRANSIT, location: { lat: 1, lng: 1 } }) { id } }`,
        'input.shipmentId',
      ],
      [
        'reportVehiclePosition(vehicleId)',
        `mutation { reportVehiclePosition(vehicleId: ${JSON.stringify(INJECTION)}, location: { lat: 1, lng: 1 }) { id } }`,
        'vehicleId',
      ],
      [
        'placeOrder(customerId)',
        `mutation { placeOrder(input: { customerId: ${JSON.stringify(INJECTION)}, lines: [{ sku: "A", description: "B", quantity: 1, unitPriceCents: 1, unitWeightGrams: 1 }], shippingAddress: { lines: ["1 High St"], city: "London", postalCode: "EC1A 1BB", country: "GB", location: { lat: 51.52, lng: -0.1 } } }) { id } }`,
        'input.customerId',
      ],
    ] as const
  ).map(
    ([where, query, field]): Case => ({
      name: `SQL injection in ${where}`,
      send: async () => gql(G(), query, {}, await as('admin')),
      expect: { code: 'BAD_USER_INPUT', field },
    }),
  ),
  {
    name: 'SQL injection in shipments(status)',
    send: async () =>
      gql(
        G(),
        'query ($s: ShipmentStatus) { shipments(status: $s) { totalCount } }',
        { s: INJECTION },
        await as('admin'),
      ),
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'SQL injection as a tracking number finds nothing',
    send: async () =>
      gql(
        G(),
        'query ($n: String!) { shipmentByTrackingNumber(trackingNumber: $n) { id } }',
        { n: "FG' OR '1'='1" },
        await as('admin'),
      ),
    expect: { nullAt: 'shipmentByTrackingNumber' },
  },

  // Out of role: the customer
  {
    name: "customer reads another customer's order",
    send: async () => gql(G(), `{ order(id: "${t.order}") { id totalCents } }`, {}, await as('customer')),
    expect: { nullAt: 'order' },
  },
  {
    name: "customer reads another customer's record",
    send: async () =>
      gql(G(), `{ customer(id: "${demoCustomerId(1)}") { id email } }`, {}, await as('customer')),
    expect: { nullAt: 'customer' },
  },
  {
    name: "customer reads another customer's shipment",
    send: async () => gql(G(), `{ shipment(id: "${t.shipment}") { id } }`, {}, await as('customer')),
    expect: { nullAt: 'shipment' },
  },
  {
    name: "customer tracks another customer's parcel",
    send: async () =>
      gql(
        G(),
        `{ shipmentByTrackingNumber(trackingNumber: "${t.trackingNumber}") { id events { note } } }`,
        {},
        await as('customer'),
      ),
    expect: { nullAt: 'shipmentByTrackingNumber' },
  },
  {
    name: "customer cancels another customer's order",
    send: async () => gql(G(), `mutation { cancelOrder(id: "${t.order}") { id } }`, {}, await as('customer')),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: 'customer places an order for another customer',
    send: async () =>
      gql(
        G(),
        `mutation { placeOrder(input: { customerId: "${demoCustomerId(1)}", lines: [{ sku: "A", description: "B", quantity: 1, unitPriceCents: 1, unitWeightGrams: 1 }], shippingAddress: { lines: ["1 High St"], city: "London", postalCode: "EC1A 1BB", country: "GB", location: { lat: 51.52, lng: -0.1 } } }) { id } }`,
        {},
        await as('customer'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: 'customer records a tracking event',
    send: async () =>
      gql(
        G(),
        `mutation { recordTrackingEvent(input: { shipmentId: "${t.foreignShipment}", status: IN_TRANSIT, location: { lat: 1, lng: 1 } }) { id } }`,
        {},
        await as('customer'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: 'customer lists the fleet',
    send: async () => gql(G(), '{ vehicles { totalCount } }', {}, await as('customer')),
    expect: { code: 'FORBIDDEN' },
  },

  // Out of role: the driver
  {
    name: 'driver records an event for another vehicle',
    send: async () =>
      gql(
        G(),
        `mutation { recordTrackingEvent(input: { shipmentId: "${t.foreignShipment}", status: IN_TRANSIT, location: { lat: 1, lng: 1 } }) { id } }`,
        {},
        await as('driver'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: "driver reports another vehicle's position",
    send: async () =>
      gql(
        G(),
        `mutation { reportVehiclePosition(vehicleId: "${t.otherVehicle}", location: { lat: 1, lng: 1 }) { id } }`,
        {},
        await as('driver'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: "driver reads a customer's contact details",
    send: async () =>
      gql(G(), `{ customer(id: "${demoCustomerId(1)}") { email phone } }`, {}, await as('driver')),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: 'driver reads another vehicle',
    send: async () =>
      gql(G(), `{ vehicle(id: "${t.otherVehicle}") { id registration } }`, {}, await as('driver')),
    expect: { nullAt: 'vehicle' },
  },
  {
    name: 'driver reads a shipment of another vehicle',
    send: async () => gql(G(), `{ shipment(id: "${t.foreignShipment}") { id } }`, {}, await as('driver')),
    expect: { nullAt: 'shipment' },
  },
  {
    name: 'driver assigns a vehicle',
    send: async () =>
      gql(
        G(),
        `mutation { assignVehicle(shipmentId: "${t.foreignShipment}", vehicleId: "${TEST_VEHICLE_ID}") { id } }`,
        {},
        await as('driver'),
      ),
    expect: { code: 'FORBIDDEN' },
  },

  // Out of role: the dispatcher
  {
    name: 'dispatcher places an order',
    send: async () =>
      gql(
        G(),
        `mutation { placeOrder(input: { customerId: "${TEST_CUSTOMER_ID}", lines: [{ sku: "A", description: "B", quantity: 1, unitPriceCents: 1, unitWeightGrams: 1 }], shippingAddress: { lines: ["1 High St"], city: "London", postalCode: "EC1A 1BB", country: "GB", location: { lat: 51.52, lng: -0.1 } } }) { id } }`,
        {},
        await as('dispatcher'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: "dispatcher moves a vehicle's position",
    send: async () =>
      gql(
        G(),
        `mutation { reportVehiclePosition(vehicleId: "${t.otherVehicle}", location: { lat: 1, lng: 1 }) { id } }`,
        {},
        await as('dispatcher'),
      ),
    expect: { code: 'FORBIDDEN' },
  },
];

describe('hostile and out-of-role requests', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s, writes nothing, and keeps serving',
    async (_name, c) => {
      const before = await digest();
      const answer = await c.send();
      if ('code' in c.expect) {
        const error = answer.body.errors?.[0];
        expect(error?.extensions?.code, JSON.stringify(answer.body).slice(0, 500)).toBe(c.expect.code);
        if (c.expect.field) expect(error?.extensions?.field).toBe(c.expect.field);
        // No stack, SQL or internals in any refusal.
        expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|select |relation "|at \w+ \(/i);
      } else {
        expect(answer.body.errors, JSON.stringify(answer.body).slice(0, 500)).toBeUndefined();
        expect(answer.body.data?.[c.expect.nullAt]).toBeNull();
      }
      if (c.expect.status !== undefined) expect(answer.status).toBe(c.expect.status);
      expect(await digest()).toEqual(before);
      const healthy = await gql(G(), '{ vehicles(first: 1) { totalCount } }', {}, admin);
      expect(healthy.body.errors).toBeUndefined();
    },
  );
});
