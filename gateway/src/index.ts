import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startGateway } from './server';

runService('gateway', () => startGateway(loadConfig()));
