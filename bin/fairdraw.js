#!/usr/bin/env node
// The `fairdraw` command: runs the TypeScript sources through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

// A closed pipe (`fairdraw … | head`) ends the output quietly, as other Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// For the benchmarks: report this process's peak memory on exit.
if (process.env.FAIRDRAW_BENCH_RSS) process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
