// Node 20 workers do not inherit tsx's loader from --import: the worker registers it, then loads the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./host-worker.ts');
