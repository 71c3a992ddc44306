/**
 * The operations the bench sends. Read workloads are checked against the answer the reference gateway
 * gave before the load (see reference.ts); the mutation workload is checked field by field, since every
 * request writes a new event.
 */

export const WORKLOAD_NAMES = [
  'dashboard',
  'entities',
  'single',
  'mutation',
  'dashboard-many-users',
  'customer-page',
  'read-write-mix',
] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];
/** Workloads of many users: a token per connection and a different request every time (traffic.ts). */
export const MANY_USERS_WORKLOADS = ['dashboard-many-users', 'customer-page', 'read-write-mix'] as const;
export type ManyUsersWorkload = (typeof MANY_USERS_WORKLOADS)[number];
export const isManyUsers = (name: WorkloadName): name is ManyUsersWorkload =>
  (MANY_USERS_WORKLOADS as readonly string[]).includes(name);

export interface Workload {
  name: WorkloadName;
  title: string;
  /** The subgraph that answers the whole operation alone, when it stays in one (the gateway-overhead contender). */
  singleSubgraph?: 'shipments';
  /**
   * Connections for this workload instead of `--connections`. Gateway overhead is a latency question:
   * with one request in flight, p50 is the time a request takes rather than the time it queues.
   */
  connections?: number;
}

export const WORKLOADS: Record<WorkloadName, Workload> = {
  dashboard: {
    name: 'dashboard',
    title: 'Dashboard: 20 orders with customer, shipments, vehicle, latest event (4 subgraphs)',
  },
  entities: {
    name: 'entities',
    title: 'Entity-heavy: 100 orders with shipments and their full tracking history',
  },
  single: {
    name: 'single',
    title: 'Single subgraph: 20 in-transit shipments, 1 connection (gateway overhead)',
    singleSubgraph: 'shipments',
    connections: 1,
  },
  mutation: {
    name: 'mutation',
    title: 'recordTrackingEvent mutation (one subgraph, a write transaction each)',
    singleSubgraph: 'shipments',
  },
  'dashboard-many-users': {
    name: 'dashboard-many-users',
    title:
      'Dashboard, many users: a token per connection (customers, dispatchers, drivers), different variables per request',
  },
  'customer-page': {
    name: 'customer-page',
    title: 'Customer page: customer(id) with orders, shipments, latest events; a random customer per request',
  },
  'read-write-mix': {
    name: 'read-write-mix',
    title: 'Read/write mix: 90% reads of random shipments, 10% recordTrackingEvent by their drivers',
  },
};

/** The frontend dashboard query of the README, with the latest event instead of the whole history. */
export const DASHBOARD_QUERY = /* GraphQL */ `
  query Dashboard {
    orders(first: 20, status: SHIPPED) {
      totalCount
      edges {
        node {
          id
          number
          totalCents
          customer { name email }
          shipments {
            id
            trackingNumber
            status
            vehicle { registration kind }
            latestEvent { status occurredAt location { lat lng } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const ENTITIES_QUERY = /* GraphQL */ `
  query Entities {
    orders(first: 100) {
      edges {
        node {
          id
          number
          status
          shipments {
            id
            trackingNumber
            status
            events { status occurredAt location { lat lng } note }
          }
        }
      }
    }
  }
`;

export const SINGLE_QUERY = /* GraphQL */ `
  query InTransit {
    shipments(first: 20, status: IN_TRANSIT) {
      totalCount
      edges { node { id trackingNumber status lastLocation { lat lng } estimatedDeliveryAt } }
    }
  }
`;

export const READ_QUERIES: Record<'dashboard' | 'entities' | 'single', string> = {
  dashboard: DASHBOARD_QUERY,
  entities: ENTITIES_QUERY,
  single: SINGLE_QUERY,
};

export const TRACK_MUTATION = /* GraphQL */ `
  mutation Track($input: RecordTrackingEventInput!) {
    recordTrackingEvent(input: $input) {
      status
      location { lat lng }
      shipment { id status lastLocation { lat lng } }
    }
  }
`;

/** The n-th mutation: a position update (IN_TRANSIT → IN_TRANSIT is always allowed) on a rotating target. */
export function trackingInput(targets: readonly string[], n: number) {
  return trackingInputFor(targets[n % targets.length]!, n);
}

/** The n-th position update of one shipment. */
export function trackingInputFor(shipmentId: string, n: number) {
  // Varying, exactly representable coordinates (lat 40..60, lng 0..-180), so the echo check proves this
  // request's own write came back.
  const location = { lat: 40 + (n % 320) / 16, lng: -(n % 1440) / 8 };
  return { shipmentId, status: 'IN_TRANSIT', location };
}

interface TrackResponse {
  data?: {
    recordTrackingEvent?: {
      status?: string;
      location?: { lat: number; lng: number };
      shipment?: { id?: string; status?: string; lastLocation?: { lat: number; lng: number } };
    };
  };
  errors?: unknown;
}

/** True when a mutation response is exactly the write that was asked for. */
export function isTrackedCorrectly(body: string, input: ReturnType<typeof trackingInput>): boolean {
  let parsed: TrackResponse;
  try {
    parsed = JSON.parse(body) as TrackResponse;
  } catch {
    return false;
  }
  const event = parsed.data?.recordTrackingEvent;
  const { lat, lng } = input.location;
  return (
    parsed.errors === undefined &&
    event?.status === 'IN_TRANSIT' &&
    event.location?.lat === lat &&
    event.location.lng === lng &&
    event.shipment?.id === input.shipmentId &&
    event.shipment.status === 'IN_TRANSIT' &&
    event.shipment.lastLocation?.lat === lat &&
    event.shipment.lastLocation.lng === lng
  );
}

const LATEST_EVENT = 'latestEvent { status occurredAt location { lat lng } }';

/** A dispatcher's dashboard: any customer's orders, by status, with vehicles. */
export const STAFF_DASHBOARD_QUERY = /* GraphQL */ `
  query StaffDashboard($first: Int!, $status: OrderStatus, $customerId: ID) {
    orders(first: $first, status: $status, customerId: $customerId) {
      totalCount
      edges {
        node {
          id number status totalCents
          customer { name email }
          shipments { id trackingNumber status vehicle { registration kind } ${LATEST_EVENT} }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** A customer's dashboard: their own orders (row rules), without vehicles (no vehicles:read). */
export const CUSTOMER_DASHBOARD_QUERY = /* GraphQL */ `
  query CustomerDashboard($first: Int!, $status: OrderStatus) {
    orders(first: $first, status: $status) {
      totalCount
      edges {
        node {
          id number status totalCents
          customer { name email }
          shipments { id trackingNumber status ${LATEST_EVENT} }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** A driver's dashboard: the shipments on their own vehicle (row rules), by status. */
export const DRIVER_DASHBOARD_QUERY = /* GraphQL */ `
  query DriverDashboard($first: Int!, $status: ShipmentStatus) {
    shipments(first: $first, status: $status) {
      totalCount
      edges {
        node {
          id trackingNumber status weightKg
          destination { name }
          vehicle { registration kind capacityKg }
          ${LATEST_EVENT}
        }
      }
    }
  }
`;

/** One customer's page, by a dispatcher (any customer) or the customer themselves. */
export const CUSTOMER_PAGE_QUERY = /* GraphQL */ `
  query CustomerPage($id: ID!, $first: Int!) {
    customer(id: $id) {
      id name email company
      orders(first: $first) {
        totalCount
        edges {
          node {
            id number status totalCents createdAt
            shipments { id trackingNumber status estimatedDeliveryAt ${LATEST_EVENT} }
          }
        }
      }
    }
  }
`;

/** One shipment, as a dispatcher or its customer reads it. */
export const SHIPMENT_QUERY = /* GraphQL */ `
  query ShipmentPage($id: ID!) {
    shipment(id: $id) {
      id trackingNumber status weightKg estimatedDeliveryAt
      lastLocation { lat lng }
      order { number status customer { name } }
      ${LATEST_EVENT}
    }
  }
`;
