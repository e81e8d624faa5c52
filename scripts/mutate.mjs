// Runs StrykerJS over the integrity modules (`npm run mutate`; see stryker.config.mjs and docs/mutation.md).
//
// StrykerJS 10 declares Node.js >= 22 and its command line refuses anything older, while FairDraw
// supports Node.js 20.19. The mutation run itself works on Node 20, so on older Node this script
// starts Stryker through its programme interface rather than its command line. On Node 22 or later
// `npx stryker run stryker.config.mjs` does the same.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const core = dirname(require.resolve('@stryker-mutator/core/package.json'));
const { Stryker } = await import(pathToFileURL(join(core, 'dist/src/stryker.js')).href);

const results = await new Stryker({ configFile: 'stryker.config.mjs' }).runMutationTest();
const killed = results.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
const valid = results.filter((r) => r.status !== 'CompileError' && r.status !== 'RuntimeError' && r.status !== 'Ignored').length;
console.log(`mutation score: ${valid === 0 ? 'n/a' : ((100 * killed) / valid).toFixed(2) + ' %'} (${killed} of ${valid} mutants killed)`);
