export { buildSubgraphServer, subgraphErrorFormatter } from './apollo';
export type { ServeOptions, SubgraphOptions } from './options';
export { type RequestInfo, requestInfo } from './request';
export { loadSchemaFile, subgraphSchema } from './schema';
export { startSubgraph } from './serve';
