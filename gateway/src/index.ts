import { startTelemetry } from '@freightgraph/platform/telemetry';

// First, and alone: when tracing is on, the SDK must be loaded before the modules it patches.
await startTelemetry('gateway');
const { runService } = await import('@freightgraph/platform');
const { loadConfig } = await import('./config');
const { startGateway } = await import('./server');

// async, so a config error becomes a rejection that runService reports in one line.
runService('gateway', async () => startGateway(loadConfig()));
