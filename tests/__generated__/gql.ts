/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MyWorld {\n    customers(first: 100) { totalCount edges { node { id email } } }\n    orders(first: 100) { totalCount edges { node { id customer { id } shipments { id events { status } } } } }\n    shipments(first: 100) { totalCount edges { node { id order { id } vehicle { id } } } }\n  }\n": typeof types.MyWorldDocument,
    "\n  query DriverWorld($vehicleId: ID!) {\n    vehicles(first: 100) { totalCount edges { node { id } } }\n    shipments(first: 100, status: IN_TRANSIT) { edges { node { id status vehicle { id } } } }\n    vehicle(id: $vehicleId) { id shipments { id vehicle { id } } }\n  }\n": typeof types.DriverWorldDocument,
    "\n  query CustomerContact($id: ID!) { customer(id: $id) { id name email phone } }\n": typeof types.CustomerContactDocument,
    "\n  mutation DriverRecordsEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) { status shipment { id status } }\n  }\n": typeof types.DriverRecordsEventDocument,
    "\n  mutation DriverReportsPosition($vehicleId: ID!, $location: LocationInput!) {\n    reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id position { lat lng } positionUpdatedAt }\n  }\n": typeof types.DriverReportsPositionDocument,
    "\n  mutation CustomerPlacesOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id customer { id } lines { sku description } }\n  }\n": typeof types.CustomerPlacesOrderDocument,
    "\n  query NestedOrders($first: Int!) {\n    orders(first: $first, status: DELIVERED) {\n      edges {\n        node { customer { name } shipments { vehicle { registration } events { status } latestEvent { status } } }\n      }\n    }\n  }\n": typeof types.NestedOrdersDocument,
    "\n  query Dashboard($first: Int, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          customer { id name email }\n          shipments {\n            id trackingNumber status\n            order { id }\n            vehicle { id registration }\n            events { status occurredAt }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query CustomerOrders($id: ID!, $after: String) {\n    customer(id: $id) {\n      id\n      name\n      orders(first: 10, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id customer { id name } } }\n      }\n    }\n  }\n": typeof types.CustomerOrdersDocument,
    "\n  query ShipmentDetail($trackingNumber: String!) {\n    shipmentByTrackingNumber(trackingNumber: $trackingNumber) {\n      id status trackingNumber\n      lastLocation { lat lng }\n      order { id number customer { name } }\n      vehicle { id registration kind shipments { id } }\n      events { status location { lat lng } occurredAt shipment { id } }\n    }\n  }\n": typeof types.ShipmentDetailDocument,
    "\n  query HostileFixtures($otherCustomer: ID!, $vehicle: ID!) {\n    orders(first: 20, customerId: $otherCustomer, status: SHIPPED) {\n      edges { node { id shipments { id trackingNumber } } }\n    }\n    shipments(first: 50, status: IN_TRANSIT) { edges { node { id vehicle { id } } } }\n    own: vehicle(id: $vehicle) { id }\n  }\n": typeof types.HostileFixturesDocument,
    "\n  query WorldDigest($orderId: ID!, $shipmentId: ID!, $vehicleId: ID!) {\n    orders(first: 1) { totalCount }\n    customers(first: 1) { totalCount }\n    shipments(first: 1) { totalCount }\n    vehicles(first: 1) { totalCount }\n    order(id: $orderId) { status }\n    shipment(id: $shipmentId) { status vehicle { id } lastLocation { lat lng } events { id } }\n    vehicle(id: $vehicleId) { position { lat lng } positionUpdatedAt }\n  }\n": typeof types.WorldDigestDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id number status totalCents customer { id name } lines { sku quantity totalCents } }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n": typeof types.CancelOrderDocument,
    "\n  mutation RecordEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) {\n      id status note location { lat lng }\n      shipment { id status lastLocation { lat lng } order { customer { name } } }\n    }\n  }\n": typeof types.RecordEventDocument,
    "\n  mutation AssignVehicle($shipmentId: ID!, $vehicleId: ID!) {\n    assignVehicle(shipmentId: $shipmentId, vehicleId: $vehicleId) { id vehicle { id registration } }\n  }\n": typeof types.AssignVehicleDocument,
    "\n  query ShipmentsByStatus($status: ShipmentStatus!) {\n    shipments(first: 5, status: $status) {\n      edges { node { id status events { id } } }\n    }\n  }\n": typeof types.ShipmentsByStatusDocument,
    "\n  query FirstCustomers { customers(first: 1) { edges { node { id name } } } vehicles(first: 2) { edges { node { id } } } }\n": typeof types.FirstCustomersDocument,
    "\n  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n": typeof types.PlaygroundMoveDocument,
    "\n  subscription CrossInstanceTracking($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      note\n      shipment { id trackingNumber order { customer { name } } }\n    }\n  }\n": typeof types.CrossInstanceTrackingDocument,
    "\n  query CrossInstanceShipments {\n    shipments(first: 40, status: IN_TRANSIT) { edges { node { id trackingNumber order { customer { name } } } } }\n  }\n": typeof types.CrossInstanceShipmentsDocument,
    "\n  mutation CrossInstanceMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n": typeof types.CrossInstanceMoveDocument,
    "\n  query FirstVehicle { vehicles(first: 1) { edges { node { id } } } }\n": typeof types.FirstVehicleDocument,
    "\n  query Mixed($vehicleId: ID!) {\n    customers(first: 3) { edges { node { id name } } }\n    vehicle(id: $vehicleId) { id registration }\n  }\n": typeof types.MixedDocument,
    "\n  subscription TrackingUpdates($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      status note occurredAt location { lat lng }\n      shipment { id trackingNumber order { id customer { name } } vehicle { registration } }\n    }\n  }\n": typeof types.TrackingUpdatesDocument,
    "\n  subscription OrderUpdates($orderId: ID!) {\n    trackingUpdatesForOrder(orderId: $orderId) { status shipment { trackingNumber } }\n  }\n": typeof types.OrderUpdatesDocument,
    "\n  subscription VehiclePositions($ids: [ID!]) {\n    vehiclePositions(vehicleIds: $ids) { id registration position { lat lng } shipments { id } }\n  }\n": typeof types.VehiclePositionsDocument,
    "\n  query SubscriptionCandidates {\n    shipments(first: 40, status: IN_TRANSIT) {\n      edges { node { id trackingNumber order { id customer { name } } vehicle { id registration } } }\n    }\n  }\n": typeof types.SubscriptionCandidatesDocument,
    "\n  mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id occurredAt } }\n": typeof types.MoveDocument,
    "\n  mutation Report($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }\n": typeof types.ReportDocument,
};
const documents: Documents = {
    "\n  query MyWorld {\n    customers(first: 100) { totalCount edges { node { id email } } }\n    orders(first: 100) { totalCount edges { node { id customer { id } shipments { id events { status } } } } }\n    shipments(first: 100) { totalCount edges { node { id order { id } vehicle { id } } } }\n  }\n": types.MyWorldDocument,
    "\n  query DriverWorld($vehicleId: ID!) {\n    vehicles(first: 100) { totalCount edges { node { id } } }\n    shipments(first: 100, status: IN_TRANSIT) { edges { node { id status vehicle { id } } } }\n    vehicle(id: $vehicleId) { id shipments { id vehicle { id } } }\n  }\n": types.DriverWorldDocument,
    "\n  query CustomerContact($id: ID!) { customer(id: $id) { id name email phone } }\n": types.CustomerContactDocument,
    "\n  mutation DriverRecordsEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) { status shipment { id status } }\n  }\n": types.DriverRecordsEventDocument,
    "\n  mutation DriverReportsPosition($vehicleId: ID!, $location: LocationInput!) {\n    reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id position { lat lng } positionUpdatedAt }\n  }\n": types.DriverReportsPositionDocument,
    "\n  mutation CustomerPlacesOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id customer { id } lines { sku description } }\n  }\n": types.CustomerPlacesOrderDocument,
    "\n  query NestedOrders($first: Int!) {\n    orders(first: $first, status: DELIVERED) {\n      edges {\n        node { customer { name } shipments { vehicle { registration } events { status } latestEvent { status } } }\n      }\n    }\n  }\n": types.NestedOrdersDocument,
    "\n  query Dashboard($first: Int, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          customer { id name email }\n          shipments {\n            id trackingNumber status\n            order { id }\n            vehicle { id registration }\n            events { status occurredAt }\n          }\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  query CustomerOrders($id: ID!, $after: String) {\n    customer(id: $id) {\n      id\n      name\n      orders(first: 10, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id customer { id name } } }\n      }\n    }\n  }\n": types.CustomerOrdersDocument,
    "\n  query ShipmentDetail($trackingNumber: String!) {\n    shipmentByTrackingNumber(trackingNumber: $trackingNumber) {\n      id status trackingNumber\n      lastLocation { lat lng }\n      order { id number customer { name } }\n      vehicle { id registration kind shipments { id } }\n      events { status location { lat lng } occurredAt shipment { id } }\n    }\n  }\n": types.ShipmentDetailDocument,
    "\n  query HostileFixtures($otherCustomer: ID!, $vehicle: ID!) {\n    orders(first: 20, customerId: $otherCustomer, status: SHIPPED) {\n      edges { node { id shipments { id trackingNumber } } }\n    }\n    shipments(first: 50, status: IN_TRANSIT) { edges { node { id vehicle { id } } } }\n    own: vehicle(id: $vehicle) { id }\n  }\n": types.HostileFixturesDocument,
    "\n  query WorldDigest($orderId: ID!, $shipmentId: ID!, $vehicleId: ID!) {\n    orders(first: 1) { totalCount }\n    customers(first: 1) { totalCount }\n    shipments(first: 1) { totalCount }\n    vehicles(first: 1) { totalCount }\n    order(id: $orderId) { status }\n    shipment(id: $shipmentId) { status vehicle { id } lastLocation { lat lng } events { id } }\n    vehicle(id: $vehicleId) { position { lat lng } positionUpdatedAt }\n  }\n": types.WorldDigestDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id number status totalCents customer { id name } lines { sku quantity totalCents } }\n  }\n": types.PlaceOrderDocument,
    "\n  mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n": types.CancelOrderDocument,
    "\n  mutation RecordEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) {\n      id status note location { lat lng }\n      shipment { id status lastLocation { lat lng } order { customer { name } } }\n    }\n  }\n": types.RecordEventDocument,
    "\n  mutation AssignVehicle($shipmentId: ID!, $vehicleId: ID!) {\n    assignVehicle(shipmentId: $shipmentId, vehicleId: $vehicleId) { id vehicle { id registration } }\n  }\n": types.AssignVehicleDocument,
    "\n  query ShipmentsByStatus($status: ShipmentStatus!) {\n    shipments(first: 5, status: $status) {\n      edges { node { id status events { id } } }\n    }\n  }\n": types.ShipmentsByStatusDocument,
    "\n  query FirstCustomers { customers(first: 1) { edges { node { id name } } } vehicles(first: 2) { edges { node { id } } } }\n": types.FirstCustomersDocument,
    "\n  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n": types.PlaygroundMoveDocument,
    "\n  subscription CrossInstanceTracking($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      note\n      shipment { id trackingNumber order { customer { name } } }\n    }\n  }\n": types.CrossInstanceTrackingDocument,
    "\n  query CrossInstanceShipments {\n    shipments(first: 40, status: IN_TRANSIT) { edges { node { id trackingNumber order { customer { name } } } } }\n  }\n": types.CrossInstanceShipmentsDocument,
    "\n  mutation CrossInstanceMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n": types.CrossInstanceMoveDocument,
    "\n  query FirstVehicle { vehicles(first: 1) { edges { node { id } } } }\n": types.FirstVehicleDocument,
    "\n  query Mixed($vehicleId: ID!) {\n    customers(first: 3) { edges { node { id name } } }\n    vehicle(id: $vehicleId) { id registration }\n  }\n": types.MixedDocument,
    "\n  subscription TrackingUpdates($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      status note occurredAt location { lat lng }\n      shipment { id trackingNumber order { id customer { name } } vehicle { registration } }\n    }\n  }\n": types.TrackingUpdatesDocument,
    "\n  subscription OrderUpdates($orderId: ID!) {\n    trackingUpdatesForOrder(orderId: $orderId) { status shipment { trackingNumber } }\n  }\n": types.OrderUpdatesDocument,
    "\n  subscription VehiclePositions($ids: [ID!]) {\n    vehiclePositions(vehicleIds: $ids) { id registration position { lat lng } shipments { id } }\n  }\n": types.VehiclePositionsDocument,
    "\n  query SubscriptionCandidates {\n    shipments(first: 40, status: IN_TRANSIT) {\n      edges { node { id trackingNumber order { id customer { name } } vehicle { id registration } } }\n    }\n  }\n": types.SubscriptionCandidatesDocument,
    "\n  mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id occurredAt } }\n": types.MoveDocument,
    "\n  mutation Report($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }\n": types.ReportDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWorld {\n    customers(first: 100) { totalCount edges { node { id email } } }\n    orders(first: 100) { totalCount edges { node { id customer { id } shipments { id events { status } } } } }\n    shipments(first: 100) { totalCount edges { node { id order { id } vehicle { id } } } }\n  }\n"): (typeof documents)["\n  query MyWorld {\n    customers(first: 100) { totalCount edges { node { id email } } }\n    orders(first: 100) { totalCount edges { node { id customer { id } shipments { id events { status } } } } }\n    shipments(first: 100) { totalCount edges { node { id order { id } vehicle { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DriverWorld($vehicleId: ID!) {\n    vehicles(first: 100) { totalCount edges { node { id } } }\n    shipments(first: 100, status: IN_TRANSIT) { edges { node { id status vehicle { id } } } }\n    vehicle(id: $vehicleId) { id shipments { id vehicle { id } } }\n  }\n"): (typeof documents)["\n  query DriverWorld($vehicleId: ID!) {\n    vehicles(first: 100) { totalCount edges { node { id } } }\n    shipments(first: 100, status: IN_TRANSIT) { edges { node { id status vehicle { id } } } }\n    vehicle(id: $vehicleId) { id shipments { id vehicle { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerContact($id: ID!) { customer(id: $id) { id name email phone } }\n"): (typeof documents)["\n  query CustomerContact($id: ID!) { customer(id: $id) { id name email phone } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DriverRecordsEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) { status shipment { id status } }\n  }\n"): (typeof documents)["\n  mutation DriverRecordsEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) { status shipment { id status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DriverReportsPosition($vehicleId: ID!, $location: LocationInput!) {\n    reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id position { lat lng } positionUpdatedAt }\n  }\n"): (typeof documents)["\n  mutation DriverReportsPosition($vehicleId: ID!, $location: LocationInput!) {\n    reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id position { lat lng } positionUpdatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CustomerPlacesOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id customer { id } lines { sku description } }\n  }\n"): (typeof documents)["\n  mutation CustomerPlacesOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id customer { id } lines { sku description } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedOrders($first: Int!) {\n    orders(first: $first, status: DELIVERED) {\n      edges {\n        node { customer { name } shipments { vehicle { registration } events { status } latestEvent { status } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedOrders($first: Int!) {\n    orders(first: $first, status: DELIVERED) {\n      edges {\n        node { customer { name } shipments { vehicle { registration } events { status } latestEvent { status } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($first: Int, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          customer { id name email }\n          shipments {\n            id trackingNumber status\n            order { id }\n            vehicle { id registration }\n            events { status occurredAt }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($first: Int, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          totalCents\n          customer { id name email }\n          shipments {\n            id trackingNumber status\n            order { id }\n            vehicle { id registration }\n            events { status occurredAt }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerOrders($id: ID!, $after: String) {\n    customer(id: $id) {\n      id\n      name\n      orders(first: 10, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id customer { id name } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerOrders($id: ID!, $after: String) {\n    customer(id: $id) {\n      id\n      name\n      orders(first: 10, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id customer { id name } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShipmentDetail($trackingNumber: String!) {\n    shipmentByTrackingNumber(trackingNumber: $trackingNumber) {\n      id status trackingNumber\n      lastLocation { lat lng }\n      order { id number customer { name } }\n      vehicle { id registration kind shipments { id } }\n      events { status location { lat lng } occurredAt shipment { id } }\n    }\n  }\n"): (typeof documents)["\n  query ShipmentDetail($trackingNumber: String!) {\n    shipmentByTrackingNumber(trackingNumber: $trackingNumber) {\n      id status trackingNumber\n      lastLocation { lat lng }\n      order { id number customer { name } }\n      vehicle { id registration kind shipments { id } }\n      events { status location { lat lng } occurredAt shipment { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HostileFixtures($otherCustomer: ID!, $vehicle: ID!) {\n    orders(first: 20, customerId: $otherCustomer, status: SHIPPED) {\n      edges { node { id shipments { id trackingNumber } } }\n    }\n    shipments(first: 50, status: IN_TRANSIT) { edges { node { id vehicle { id } } } }\n    own: vehicle(id: $vehicle) { id }\n  }\n"): (typeof documents)["\n  query HostileFixtures($otherCustomer: ID!, $vehicle: ID!) {\n    orders(first: 20, customerId: $otherCustomer, status: SHIPPED) {\n      edges { node { id shipments { id trackingNumber } } }\n    }\n    shipments(first: 50, status: IN_TRANSIT) { edges { node { id vehicle { id } } } }\n    own: vehicle(id: $vehicle) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorldDigest($orderId: ID!, $shipmentId: ID!, $vehicleId: ID!) {\n    orders(first: 1) { totalCount }\n    customers(first: 1) { totalCount }\n    shipments(first: 1) { totalCount }\n    vehicles(first: 1) { totalCount }\n    order(id: $orderId) { status }\n    shipment(id: $shipmentId) { status vehicle { id } lastLocation { lat lng } events { id } }\n    vehicle(id: $vehicleId) { position { lat lng } positionUpdatedAt }\n  }\n"): (typeof documents)["\n  query WorldDigest($orderId: ID!, $shipmentId: ID!, $vehicleId: ID!) {\n    orders(first: 1) { totalCount }\n    customers(first: 1) { totalCount }\n    shipments(first: 1) { totalCount }\n    vehicles(first: 1) { totalCount }\n    order(id: $orderId) { status }\n    shipment(id: $shipmentId) { status vehicle { id } lastLocation { lat lng } events { id } }\n    vehicle(id: $vehicleId) { position { lat lng } positionUpdatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id number status totalCents customer { id name } lines { sku quantity totalCents } }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id number status totalCents customer { id name } lines { sku quantity totalCents } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) {\n      id status note location { lat lng }\n      shipment { id status lastLocation { lat lng } order { customer { name } } }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordEvent($input: RecordTrackingEventInput!) {\n    recordTrackingEvent(input: $input) {\n      id status note location { lat lng }\n      shipment { id status lastLocation { lat lng } order { customer { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignVehicle($shipmentId: ID!, $vehicleId: ID!) {\n    assignVehicle(shipmentId: $shipmentId, vehicleId: $vehicleId) { id vehicle { id registration } }\n  }\n"): (typeof documents)["\n  mutation AssignVehicle($shipmentId: ID!, $vehicleId: ID!) {\n    assignVehicle(shipmentId: $shipmentId, vehicleId: $vehicleId) { id vehicle { id registration } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShipmentsByStatus($status: ShipmentStatus!) {\n    shipments(first: 5, status: $status) {\n      edges { node { id status events { id } } }\n    }\n  }\n"): (typeof documents)["\n  query ShipmentsByStatus($status: ShipmentStatus!) {\n    shipments(first: 5, status: $status) {\n      edges { node { id status events { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstCustomers { customers(first: 1) { edges { node { id name } } } vehicles(first: 2) { edges { node { id } } } }\n"): (typeof documents)["\n  query FirstCustomers { customers(first: 1) { edges { node { id name } } } vehicles(first: 2) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n"): (typeof documents)["\n  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CrossInstanceTracking($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      note\n      shipment { id trackingNumber order { customer { name } } }\n    }\n  }\n"): (typeof documents)["\n  subscription CrossInstanceTracking($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      note\n      shipment { id trackingNumber order { customer { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrossInstanceShipments {\n    shipments(first: 40, status: IN_TRANSIT) { edges { node { id trackingNumber order { customer { name } } } } }\n  }\n"): (typeof documents)["\n  query CrossInstanceShipments {\n    shipments(first: 40, status: IN_TRANSIT) { edges { node { id trackingNumber order { customer { name } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CrossInstanceMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n"): (typeof documents)["\n  mutation CrossInstanceMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstVehicle { vehicles(first: 1) { edges { node { id } } } }\n"): (typeof documents)["\n  query FirstVehicle { vehicles(first: 1) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mixed($vehicleId: ID!) {\n    customers(first: 3) { edges { node { id name } } }\n    vehicle(id: $vehicleId) { id registration }\n  }\n"): (typeof documents)["\n  query Mixed($vehicleId: ID!) {\n    customers(first: 3) { edges { node { id name } } }\n    vehicle(id: $vehicleId) { id registration }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TrackingUpdates($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      status note occurredAt location { lat lng }\n      shipment { id trackingNumber order { id customer { name } } vehicle { registration } }\n    }\n  }\n"): (typeof documents)["\n  subscription TrackingUpdates($shipmentId: ID!) {\n    trackingUpdates(shipmentId: $shipmentId) {\n      status note occurredAt location { lat lng }\n      shipment { id trackingNumber order { id customer { name } } vehicle { registration } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdates($orderId: ID!) {\n    trackingUpdatesForOrder(orderId: $orderId) { status shipment { trackingNumber } }\n  }\n"): (typeof documents)["\n  subscription OrderUpdates($orderId: ID!) {\n    trackingUpdatesForOrder(orderId: $orderId) { status shipment { trackingNumber } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VehiclePositions($ids: [ID!]) {\n    vehiclePositions(vehicleIds: $ids) { id registration position { lat lng } shipments { id } }\n  }\n"): (typeof documents)["\n  subscription VehiclePositions($ids: [ID!]) {\n    vehiclePositions(vehicleIds: $ids) { id registration position { lat lng } shipments { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionCandidates {\n    shipments(first: 40, status: IN_TRANSIT) {\n      edges { node { id trackingNumber order { id customer { name } } vehicle { id registration } } }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionCandidates {\n    shipments(first: 40, status: IN_TRANSIT) {\n      edges { node { id trackingNumber order { id customer { name } } vehicle { id registration } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id occurredAt } }\n"): (typeof documents)["\n  mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id occurredAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Report($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }\n"): (typeof documents)["\n  mutation Report($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;