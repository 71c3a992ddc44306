import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startOrdersService } from './server';

runService('orders', () => startOrdersService(loadConfig()));
