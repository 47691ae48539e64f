import { runCli } from './cli';

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`workbench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
