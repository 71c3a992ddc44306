import { startTelemetry } from '@freightgraph/platform/telemetry';

// First, and alone: when tracing is on, the SDK must be loaded before the modules it patches.
await startTelemetry('customers');
const { runService } = await import('@freightgraph/platform');
const { loadConfig } = await import('./config');
const { startCustomersService } = await import('./server');

runService('customers', () => startCustomersService(loadConfig()));
