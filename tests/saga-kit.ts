/**
 * Helpers of the fulfilment-saga suites: placing orders as a user would (through the gateway) and
 * reading back what every context made of them.
 */
import { demoCustomerId } from '@freightgraph/platform';
import { post } from './client';

export const PLACE = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status number }
}`;
export const CANCEL = `mutation Cancel($id: ID!) { cancelOrder(id: $id) { id status } }`;
export const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    id status rejectionReason totalWeightKg
    fulfillment { state steps { name status at reason } }
    shipments { id status trackingNumber origin { name } destination { name location { lat lng } }
      vehicle { id registration capacityKg reservedKg } }
  }
}`;
export const FLEET = `query Fleet { vehicles(first: 100) { edges { node { id kind status capacityKg reservedKg } } } }`;
export const TRACK = `mutation Track($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;

/** Central London: inside the service area. */
export const LONDON = { lat: 51.51, lng: -0.12 };
/** The middle of the North Atlantic: no depot within reach. */
export const MID_ATLANTIC = { lat: 45.0, lng: -35.0 };

export interface OrderState {
  id: string;
  status: string;
  rejectionReason: string | null;
  totalWeightKg: number;
  fulfillment: {
    state: string;
    steps: { name: string; status: string; at: string; reason: string | null }[];
  };
  shipments: {
    id: string;
    status: string;
    trackingNumber: string;
    vehicle: { id: string; capacityKg: number; reservedKg: number } | null;
  }[];
}

export function orderInput(options: {
  customer?: number;
  location?: { lat: number; lng: number };
  weightKg?: number;
  sku?: string;
}) {
  // A unit weighs at most a tonne: heavier orders are several units of one.
  const grams = Math.round((options.weightKg ?? 12) * 1000);
  const quantity = Math.max(1, Math.ceil(grams / 1_000_000));
  return {
    customerId: demoCustomerId(options.customer ?? 0),
    lines: [
      {
        sku: options.sku ?? 'PALLET-1',
        description: 'Pallet of parcels',
        quantity,
        unitPriceCents: 4_200,
        unitWeightGrams: Math.round(grams / quantity),
      },
    ],
    shippingAddress: {
      lines: ['1 Test Street'],
      city: 'London',
      postalCode: 'EC1A 1AA',
      country: 'GB',
      location: options.location ?? LONDON,
    },
  };
}

export function createSagaClient(gatewayUrl: string, headers: Record<string, string>) {
  const call = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const result = await post<T>(gatewayUrl, { query, variables }, headers);
    if (result.errors?.length) throw new Error(`${JSON.stringify(result.errors)}`);
    return result.data as T;
  };
  return {
    call,
    async place(input: ReturnType<typeof orderInput>) {
      return (await call<{ placeOrder: { id: string; status: string } }>(PLACE, { input })).placeOrder;
    },
    async order(id: string) {
      return (await call<{ order: OrderState }>(ORDER, { id })).order;
    },
    /** Polls until the order leaves PENDING (or `until` says so). */
    async settle(id: string, until = (o: OrderState) => o.status !== 'PENDING', timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await this.order(id);
        if (until(state)) return state;
        if (Date.now() > deadline) throw new Error(`order ${id} still ${JSON.stringify(state)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async fleet() {
      const data = await call<{
        vehicles: {
          edges: {
            node: { id: string; kind: string; status: string; capacityKg: number; reservedKg: number };
          }[];
        };
      }>(FLEET);
      return data.vehicles.edges.map((edge) => edge.node);
    },
  };
}
