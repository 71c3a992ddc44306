/**
 * Hive Gateway with the Rust query planner (`@graphql-hive/router-runtime`, whose native planner ships
 * inside `@graphql-hive/router-query-planner` as prebuilt `.node` files: nothing is downloaded at
 * install or run time). Everything else is the plain Hive contender's configuration (hive.config.ts).
 */
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { gatewayConfig as hive } from './hive.config';

export const gatewayConfig = defineConfig({ ...hive, unifiedGraphHandler });
