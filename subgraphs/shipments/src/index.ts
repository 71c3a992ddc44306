import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startShipmentsService } from './server';

runService('shipments', () => startShipmentsService(loadConfig()));
