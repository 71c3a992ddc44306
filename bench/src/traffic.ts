/**
 * The many-users workloads: one user per connection (customers, dispatchers and drivers in fixed
 * proportions, each with a token of their own), each sending requests whose variables come from a
 * seeded generator, so no two requests in flight are alike and row rules run. Every request's expected
 * answer is the reference gateway's answer to that request for that user.
 *
 * The read/write mix writes only to in-transit shipments on a few "writer" vehicles, whose customers
 * no read of any workload shows, so every expected answer stays valid for the whole run.
 */
import { createRng, type Rng, ROLE_SCOPES, type Viewer } from '@freightgraph/platform';
import type { BenchAuth } from './auth';
import type { Session, WriteTarget } from './load-plan';
import type { Exchange } from './reference';
import {
  CUSTOMER_DASHBOARD_QUERY,
  CUSTOMER_PAGE_QUERY,
  DRIVER_DASHBOARD_QUERY,
  type ManyUsersWorkload,
  SHIPMENT_QUERY,
  STAFF_DASHBOARD_QUERY,
} from './workloads';

/** Runs one operation through the reference gateway as `viewer`; rejects an answer with errors. */
export type RunAs = (viewer: Viewer, query: string, variables: Record<string, unknown>) => Promise<unknown>;

export interface Traffic {
  sessions: Partial<Record<ManyUsersWorkload, Session[]>>;
  /** The read/write mix's writes: a driver's own in-transit shipments. */
  writes: WriteTarget[];
}

/** Requests each user has ready (distinct variables); they are sent in turn. */
const REQUESTS_PER_USER = 16;
/** Vehicles whose in-transit shipments the read/write mix moves; none of their customers is read. */
const WRITER_VEHICLES = 4;
const SEED = 12;

type Role = 'customer' | 'dispatcher' | 'driver';
/** Dashboard roles by connection, in fixed proportions: 5 customers, 3 dispatchers, 2 drivers in 10. */
const DASHBOARD_ROLES: readonly Role[] = [
  'customer',
  'dispatcher',
  'customer',
  'driver',
  'customer',
  'dispatcher',
  'customer',
  'driver',
  'customer',
  'dispatcher',
];

interface ShipmentRow {
  id: string;
  status: string;
  vehicleId: string | null;
  customerId: string;
}

interface Graph {
  shipments: ShipmentRow[];
  customers: string[];
  vehicles: string[];
}

const ADMIN: Viewer = { sub: 'bench-admin', role: 'admin', scopes: ROLE_SCOPES.admin };
const dispatcher = (n: number): Viewer => ({
  sub: `bench-dispatcher-${n}`,
  role: 'dispatcher',
  scopes: ROLE_SCOPES.dispatcher,
});
const customer = (id: string): Viewer => ({
  sub: `bench-customer-${id.slice(0, 8)}`,
  role: 'customer',
  scopes: ROLE_SCOPES.customer,
  customerId: id,
});
const driver = (vehicleId: string): Viewer => ({
  sub: `bench-driver-${vehicleId.slice(0, 8)}`,
  role: 'driver',
  scopes: ROLE_SCOPES.driver,
  vehicleId,
});

const DISCOVER = /* GraphQL */ `
  query Discover($after: String) {
    shipments(first: 100, after: $after) {
      edges { node { id status vehicle { id } order { customer { id } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface DiscoverPage {
  data: {
    shipments: {
      edges: {
        node: {
          id: string;
          status: string;
          vehicle: { id: string } | null;
          order: { customer: { id: string } };
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

/** Every shipment with its vehicle and customer, as an admin sees them. */
async function discover(runAs: RunAs): Promise<Graph> {
  const shipments: ShipmentRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page = (await runAs(ADMIN, DISCOVER, { after })) as DiscoverPage;
    for (const { node } of page.data.shipments.edges) {
      shipments.push({
        id: node.id,
        status: node.status,
        vehicleId: node.vehicle?.id ?? null,
        customerId: node.order.customer.id,
      });
    }
    if (!page.data.shipments.pageInfo.hasNextPage) break;
    after = page.data.shipments.pageInfo.endCursor;
  }
  const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
  return {
    shipments,
    customers: sorted(shipments.map((s) => s.customerId)),
    vehicles: sorted(shipments.flatMap((s) => (s.vehicleId ? [s.vehicleId] : []))),
  };
}

/** Up to `count` distinct variable sets from `draw` (a user may have fewer possible requests). */
function distinct(count: number, draw: () => Record<string, unknown>): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (let attempt = 0; attempt < count * 20 && seen.size < count; attempt++) {
    const variables = draw();
    seen.set(JSON.stringify(variables), variables);
  }
  return [...seen.values()];
}

interface Plan {
  viewer: Viewer;
  query: string;
  variables: Record<string, unknown>[];
}

async function sessionsOf(plans: Plan[], runAs: RunAs, auth: BenchAuth): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const plan of plans) {
    const exchanges: Exchange[] = [];
    for (const variables of plan.variables) {
      const expected = await runAs(plan.viewer, plan.query, variables);
      exchanges.push({ body: JSON.stringify({ query: plan.query, variables }), expected });
    }
    if (exchanges.length === 0) throw new Error(`no requests for a ${plan.viewer.role} session`);
    sessions.push({
      role: plan.viewer.role,
      authorization: await auth.accessAuthorizationFor(plan.viewer),
      exchanges,
    });
  }
  return sessions;
}

/** Takes from `items` in turn, starting from a seeded offset (each role gets users of its own). */
function dealer<T>(items: readonly T[], rng: Rng) {
  if (items.length === 0) throw new Error('nothing to deal');
  let next = rng.int(0, items.length - 1);
  return () => items[next++ % items.length]!;
}

export async function buildTraffic(options: {
  runAs: RunAs;
  auth: BenchAuth;
  connections: number;
  workloads: readonly ManyUsersWorkload[];
}): Promise<Traffic> {
  const { runAs, auth, connections } = options;
  const graph = await discover(runAs);
  const rng = createRng(SEED);

  // The writes' side: a few vehicles' in-transit shipments, and their customers, whom no read shows.
  const inTransitByVehicle = new Map<string, ShipmentRow[]>();
  for (const s of graph.shipments) {
    if (s.status !== 'IN_TRANSIT' || !s.vehicleId) continue;
    inTransitByVehicle.set(s.vehicleId, [...(inTransitByVehicle.get(s.vehicleId) ?? []), s]);
  }
  const writerVehicles = [...inTransitByVehicle.keys()].sort().slice(0, WRITER_VEHICLES);
  const writeRows = writerVehicles.flatMap((v) => inTransitByVehicle.get(v) ?? []);
  const writeCustomers = new Set(writeRows.map((s) => s.customerId));
  const writerSet = new Set(writerVehicles);
  const readCustomers = graph.customers.filter((c) => !writeCustomers.has(c));
  const readShipments = graph.shipments.filter((s) => !writeCustomers.has(s.customerId));
  const readVehicles = graph.vehicles.filter((v) => !writerSet.has(v));
  const shipmentsOf = new Map<string, string[]>();
  for (const s of readShipments)
    shipmentsOf.set(s.customerId, [...(shipmentsOf.get(s.customerId) ?? []), s.id]);
  // Customers with enough shipments to read in the mix.
  const busyCustomers = readCustomers.filter((c) => (shipmentsOf.get(c)?.length ?? 0) >= 4);

  const nextCustomer = dealer(readCustomers, rng);
  const nextBusyCustomer = dealer(busyCustomers, rng);
  const nextVehicle = dealer(readVehicles, rng);
  const anyCustomer = () => rng.pick(readCustomers);
  const first = (min: number) => rng.int(min, 20);
  const orNull = <T>(values: readonly T[]) => rng.pick([null, ...values]);

  const build: Record<ManyUsersWorkload, () => Plan[]> = {
    'dashboard-many-users': () =>
      Array.from({ length: connections }, (_, i): Plan => {
        const role = DASHBOARD_ROLES[i % DASHBOARD_ROLES.length]!;
        if (role === 'dispatcher')
          return {
            viewer: dispatcher(i),
            query: STAFF_DASHBOARD_QUERY,
            // A dispatcher looks up one customer's orders at a time (by status, or all of them).
            variables: distinct(REQUESTS_PER_USER, () => ({
              first: first(5),
              status: orNull(['CONFIRMED', 'SHIPPED', 'DELIVERED']),
              customerId: anyCustomer(),
            })),
          };
        if (role === 'customer')
          return {
            viewer: customer(nextCustomer()),
            query: CUSTOMER_DASHBOARD_QUERY,
            variables: distinct(REQUESTS_PER_USER, () => ({
              first: first(1),
              status: orNull(['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']),
            })),
          };
        return {
          viewer: driver(nextVehicle()),
          query: DRIVER_DASHBOARD_QUERY,
          variables: distinct(REQUESTS_PER_USER, () => ({
            first: first(1),
            status: orNull(['LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']),
          })),
        };
      }),
    'customer-page': () =>
      Array.from({ length: connections }, (_, i): Plan => {
        if (i % 2 === 0) {
          const id = nextCustomer();
          return {
            viewer: customer(id),
            query: CUSTOMER_PAGE_QUERY,
            variables: distinct(REQUESTS_PER_USER, () => ({ id, first: first(1) })),
          };
        }
        return {
          viewer: dispatcher(i),
          query: CUSTOMER_PAGE_QUERY,
          variables: distinct(REQUESTS_PER_USER, () => ({ id: anyCustomer(), first: first(5) })),
        };
      }),
    'read-write-mix': () =>
      Array.from({ length: connections }, (_, i): Plan => {
        if (i % 2 === 0)
          return {
            viewer: dispatcher(i),
            query: SHIPMENT_QUERY,
            variables: distinct(REQUESTS_PER_USER, () => ({ id: rng.pick(readShipments).id })),
          };
        const id = nextBusyCustomer();
        const own = shipmentsOf.get(id) ?? [];
        return {
          viewer: customer(id),
          query: SHIPMENT_QUERY,
          variables: distinct(Math.min(REQUESTS_PER_USER, own.length), () => ({ id: rng.pick(own) })),
        };
      }),
  };

  const sessions: Traffic['sessions'] = {};
  for (const workload of options.workloads) {
    sessions[workload] = await sessionsOf(build[workload](), runAs, auth);
  }
  const writes: WriteTarget[] = [];
  if (options.workloads.includes('read-write-mix')) {
    for (const row of writeRows) {
      writes.push({
        shipmentId: row.id,
        authorization: await auth.accessAuthorizationFor(driver(row.vehicleId!)),
      });
    }
    if (writes.length < 4) throw new Error(`only ${writes.length} in-transit shipments to write to`);
  }
  return { sessions, writes };
}
