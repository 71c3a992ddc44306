import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentRow, TrackingEventRow, ShipmentConnectionParent } from '../mappers';
import type { EntityRef } from '@freightgraph/platform';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 timestamp in UTC, e.g. 2026-11-26T12:00:00.000Z */
  DateTime: { input: Date; output: Date; }
  federation__Scope: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Location = {
  __typename?: 'Location';
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
};

export type LocationInput = {
  /** -90..90 */
  lat: Scalars['Float']['input'];
  /** -180..180 */
  lng: Scalars['Float']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Assigns a vehicle to a shipment that is not yet delivered. */
  assignVehicle: Shipment;
  /**
   * Records a tracking event and moves the shipment along its state machine:
   * LABEL_CREATED → PICKED_UP → IN_TRANSIT → OUT_FOR_DELIVERY → DELIVERED, with EXCEPTION reachable from and
   * recoverable to any state before DELIVERED. IN_TRANSIT → IN_TRANSIT is a position update. Nothing leaves DELIVERED
   * or CANCELLED (which only the fulfilment saga sets).
   * A driver may record events only for shipments on their own vehicle.
   */
  recordTrackingEvent: TrackingEvent;
};


export type MutationAssignVehicleArgs = {
  shipmentId: Scalars['ID']['input'];
  vehicleId: Scalars['ID']['input'];
};


export type MutationRecordTrackingEventArgs = {
  input: RecordTrackingEventInput;
};

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  shipments: Array<Shipment>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A named place a shipment travels between. */
export type Place = {
  __typename?: 'Place';
  location: Location;
  name: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  shipment: Maybe<Shipment>;
  shipmentByTrackingNumber: Maybe<Shipment>;
  /** Shipments, newest first, optionally filtered by status. `first` is 1..100 (default 20). */
  shipments: ShipmentConnection;
};


export type QueryShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShipmentByTrackingNumberArgs = {
  trackingNumber: Scalars['String']['input'];
};


export type QueryShipmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ShipmentStatus>;
};

export type RecordTrackingEventInput = {
  location: LocationInput;
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  shipmentId: Scalars['ID']['input'];
  status: ShipmentStatus;
};

/** A parcel on its way. A customer sees their own; a driver those on their vehicle. */
export type Shipment = {
  __typename?: 'Shipment';
  createdAt: Scalars['DateTime']['output'];
  destination: Place;
  estimatedDeliveryAt: Maybe<Scalars['DateTime']['output']>;
  /** Tracking history, oldest first. */
  events: Array<TrackingEvent>;
  id: Scalars['ID']['output'];
  /** Where the last tracking event put the shipment. */
  lastLocation: Maybe<Location>;
  /** The most recent tracking event (what a dashboard shows), without loading the whole history. */
  latestEvent: Maybe<TrackingEvent>;
  order: Order;
  origin: Place;
  status: ShipmentStatus;
  trackingNumber: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  vehicle: Maybe<Vehicle>;
  /** What the vehicle carries for it, in kg. */
  weightKg: Scalars['Float']['output'];
};

export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  edges: Array<ShipmentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  cursor: Scalars['String']['output'];
  node: Shipment;
};

export type ShipmentStatus =
  /** Stopped before delivery because its order was cancelled or rejected; final. */
  | 'CANCELLED'
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'IN_TRANSIT'
  | 'LABEL_CREATED'
  | 'OUT_FOR_DELIVERY'
  | 'PICKED_UP';

/**
 * Live tracking. The gateway serves these over graphql-ws (`ws://…/graphql`) and resolves the other
 * subgraphs' fields (order, customer, vehicle) for every event. Each event carries a `cursor`; subscribing
 * again with `after: <last cursor>` replays what was committed since, in commit order, then goes on live,
 * with no gap and no duplicate. A cursor older than the replayable history fails with CURSOR_EXPIRED, a
 * malformed one with BAD_USER_INPUT.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every tracking event recorded for this shipment from now on (or after `after`). An unknown (or not visible) shipment fails with NOT_FOUND. */
  trackingUpdates: TrackingEvent;
  /** Every tracking event recorded for any shipment of this order you may see, from now on (or after `after`), for dashboards. */
  trackingUpdatesForOrder: TrackingEvent;
};


/**
 * Live tracking. The gateway serves these over graphql-ws (`ws://…/graphql`) and resolves the other
 * subgraphs' fields (order, customer, vehicle) for every event. Each event carries a `cursor`; subscribing
 * again with `after: <last cursor>` replays what was committed since, in commit order, then goes on live,
 * with no gap and no duplicate. A cursor older than the replayable history fails with CURSOR_EXPIRED, a
 * malformed one with BAD_USER_INPUT.
 */
export type SubscriptionTrackingUpdatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  shipmentId: Scalars['ID']['input'];
};


/**
 * Live tracking. The gateway serves these over graphql-ws (`ws://…/graphql`) and resolves the other
 * subgraphs' fields (order, customer, vehicle) for every event. Each event carries a `cursor`; subscribing
 * again with `after: <last cursor>` replays what was committed since, in commit order, then goes on live,
 * with no gap and no duplicate. A cursor older than the replayable history fails with CURSOR_EXPIRED, a
 * malformed one with BAD_USER_INPUT.
 */
export type SubscriptionTrackingUpdatesForOrderArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
};

export type TrackingEvent = {
  __typename?: 'TrackingEvent';
  /**
   * Opaque position of this event in the commit order of all tracking events: pass it as `after` to a
   * tracking subscription to resume just after it.
   */
  cursor: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  location: Location;
  note: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  shipment: Shipment;
  status: ShipmentStatus;
};

export type Vehicle = {
  __typename?: 'Vehicle';
  id: Scalars['ID']['output'];
  /** Shipments assigned to this vehicle, newest first. */
  shipments: Array<Shipment>;
};

export type Link__Purpose =
  | 'EXECUTION'
  | 'SECURITY';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Order: Order;
  Shipment: Shipment;
  Vehicle: Vehicle;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"id":true}> );
  Vehicle:
    ( { __typename: 'Vehicle' }
    & GraphQLRecursivePick<FederationTypes['Vehicle'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Location: ResolverTypeWrapper<Location>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  LocationInput: LocationInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Order: ResolverTypeWrapper<EntityRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Place: ResolverTypeWrapper<Place>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  RecordTrackingEventInput: RecordTrackingEventInput;
  Shipment: ResolverTypeWrapper<ShipmentRow>;
  ShipmentConnection: ResolverTypeWrapper<ShipmentConnectionParent>;
  ShipmentEdge: ResolverTypeWrapper<Omit<ShipmentEdge, 'node'> & { node: ResolversTypes['Shipment'] }>;
  ShipmentStatus: ShipmentStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrackingEvent: ResolverTypeWrapper<TrackingEventRow>;
  Vehicle: ResolverTypeWrapper<EntityRef>;
  federation__Scope: ResolverTypeWrapper<Scalars['federation__Scope']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  Location: Location;
  Float: Scalars['Float']['output'];
  LocationInput: LocationInput;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Order: EntityRef;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Place: Place;
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  RecordTrackingEventInput: RecordTrackingEventInput;
  Shipment: ShipmentRow;
  ShipmentConnection: ShipmentConnectionParent;
  ShipmentEdge: Omit<ShipmentEdge, 'node'> & { node: ResolversParentTypes['Shipment'] };
  Subscription: Record<PropertyKey, never>;
  TrackingEvent: TrackingEventRow;
  Vehicle: EntityRef;
  federation__Scope: Scalars['federation__Scope']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = Context, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = Context, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = Context, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = Context, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequiresScopesDirectiveArgs = {
  scopes: Array<Array<Scalars['federation__Scope']['input']>>;
};

export type RequiresScopesDirectiveResolver<Result, Parent, ContextType = Context, Args = RequiresScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = Context, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = Context, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  assignVehicle?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationAssignVehicleArgs, 'shipmentId' | 'vehicleId'>>;
  recordTrackingEvent?: Resolver<ResolversTypes['TrackingEvent'], ParentType, ContextType, RequireFields<MutationRecordTrackingEventArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlaceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Place'] = ResolversParentTypes['Place']> = {
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentArgs, 'id'>>;
  shipmentByTrackingNumber?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentByTrackingNumberArgs, 'trackingNumber'>>;
  shipments?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, Partial<QueryShipmentsArgs>>;
};

export type ShipmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  destination?: Resolver<ResolversTypes['Place'], ParentType, ContextType>;
  estimatedDeliveryAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['TrackingEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastLocation?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  latestEvent?: Resolver<Maybe<ResolversTypes['TrackingEvent']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['Place'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
  trackingNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  vehicle?: Resolver<Maybe<ResolversTypes['Vehicle']>, ParentType, ContextType>;
  weightKg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ShipmentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShipmentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  trackingUpdates?: SubscriptionResolver<ResolversTypes['TrackingEvent'], "trackingUpdates", ParentType, ContextType, RequireFields<SubscriptionTrackingUpdatesArgs, 'shipmentId'>>;
  trackingUpdatesForOrder?: SubscriptionResolver<ResolversTypes['TrackingEvent'], "trackingUpdatesForOrder", ParentType, ContextType, RequireFields<SubscriptionTrackingUpdatesForOrderArgs, 'orderId'>>;
};

export type TrackingEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrackingEvent'] = ResolversParentTypes['TrackingEvent']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  shipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
};

export type VehicleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Vehicle'] = ResolversParentTypes['Vehicle'], FederationReferenceType extends FederationReferenceTypes['Vehicle'] = FederationReferenceTypes['Vehicle']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Vehicle']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
};

export interface Federation__ScopeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__Scope'], any> {
  name: 'federation__Scope';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = Context> = {
  DateTime?: GraphQLScalarType;
  Location?: LocationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Place?: PlaceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TrackingEvent?: TrackingEventResolvers<ContextType>;
  Vehicle?: VehicleResolvers<ContextType>;
  federation__Scope?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = Context> = {
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
