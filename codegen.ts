import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraphs = ['customers', 'orders', 'shipments', 'vehicles'] as const;

/** Resolver parents are the store's rows; connections come from the platform helper. */
const mappers: Record<(typeof subgraphs)[number], Record<string, string>> = {
  customers: {
    Customer: '../mappers#CustomerRow',
    CustomerConnection: '../mappers#CustomerConnectionParent',
  },
  orders: {
    Order: '../mappers#OrderRow',
    OrderLine: '../mappers#OrderLineRow',
    OrderConnection: '../mappers#OrderConnectionParent',
    Fulfillment: '../mappers#OrderRow',
    FulfillmentStep: '../mappers#FulfillmentStepRow',
    OrderUpdate: '../mappers#OrderUpdateParent',
    Customer: '@freightgraph/platform#EntityRef',
  },
  shipments: {
    Shipment: '../mappers#ShipmentRow',
    TrackingEvent: '../mappers#TrackingEventRow',
    ShipmentConnection: '../mappers#ShipmentConnectionParent',
    Order: '@freightgraph/platform#EntityRef',
    Vehicle: '@freightgraph/platform#EntityRef',
  },
  vehicles: {
    Vehicle: '../mappers#VehicleRow',
    VehicleConnection: '../mappers#VehicleConnectionParent',
    VehiclePositionUpdate: '../mappers#VehiclePositionRow',
  },
};

const config: CodegenConfig = {
  overwrite: true,
  ignoreNoDocuments: true,
  generates: {
    ...Object.fromEntries(
      subgraphs.map((name) => [
        `subgraphs/${name}/src/__generated__/resolvers.ts`,
        {
          schema: [`subgraphs/${name}/src/schema.graphql`, 'schema/federation-directives.graphql'],
          plugins: ['typescript', 'typescript-resolvers'],
          config: {
            federation: true,
            useIndexSignature: false,
            contextType: '../context#Context',
            mappers: mappers[name],
            scalars: { DateTime: 'Date', ID: 'string' },
            enumsAsTypes: true,
            avoidOptionals: { field: true },
            useTypeImports: true,
          },
        },
      ]),
    ),
    'tests/__generated__/': {
      schema: 'schema/api.graphql',
      documents: ['tests/**/*.ts', '!tests/__generated__/**'],
      preset: 'client',
      // persisted-documents.json: the trusted-documents allowlist (TRUSTED_DOCUMENTS_PATH), sha256 → document.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
