import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startGateway } from './server';

// async, so a config error becomes a rejection that runService reports in one line.
runService('gateway', async () => startGateway(loadConfig()));
