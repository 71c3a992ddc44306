import { runService } from '@freightgraph/platform';
import { loadConfig } from './config';
import { startVehiclesService } from './server';

runService('vehicles', () => startVehiclesService(loadConfig()));
