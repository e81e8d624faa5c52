// Entry of the engine's helper thread: the TypeScript sources run through tsx, as in bin/fairdraw.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker-tasks.ts');
