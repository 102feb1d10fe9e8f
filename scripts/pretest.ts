/**
 * `npm test`'s checks before the tests: type check, lint, format check and both builds, run side by side. Each is
 * one process that mostly uses one core, so on two cores running them together takes about two-thirds of running
 * them one after another (and the server build here spares vitest.global-setup.ts its own). Each check's output is
 * printed whole when it ends, so two checks' lines never interleave; the exit code is non-zero if any failed.
 */
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint', 'format:check', 'build:web', 'build:server'];

function run(script: string): Promise<{ script: string; code: number; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code, signal) =>
      resolve({
        script,
        code: code ?? (signal ? 1 : 0),
        output: Buffer.concat(chunks).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

let failed = 0;
await Promise.all(
  CHECKS.map(async (script) => {
    const result = await run(script);
    if (result.code !== 0) failed++;
    const mark = result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`;
    process.stdout.write(`\n== ${script}: ${mark} in ${result.seconds.toFixed(0)} s\n`);
    if (result.code !== 0 || process.env.REFUGE_PRETEST_VERBOSE) process.stdout.write(result.output);
  }),
);
process.exitCode = failed ? 1 : 0;
