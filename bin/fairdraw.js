#!/usr/bin/env node
// The `fairdraw` command: runs the plain JavaScript built into dist/ by `npm run build` (or
// `npm start`). Nothing is compiled or bundled at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

// A closed pipe (`fairdraw … | head`) ends the output quietly, as other Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// For the benchmarks: report this process's peak memory on exit.
if (process.env.FAIRDRAW_BENCH_RSS) process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    `error: FairDraw is not built: ${fileURLToPath(entry)} is missing; run npm run build / FairDraw 尚未构建：缺少 ${fileURLToPath(entry)}，请先运行 npm run build\n`,
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
