import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startCustomersService } from './server';

runService('customers', () => startCustomersService(loadConfig()));
