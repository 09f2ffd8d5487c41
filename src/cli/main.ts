import { nodeIo } from './io';
import { run } from './run';

/** Entry point of the `aml-access-map` binary: runs the command and exits with its code. */
export async function runFromProcess(): Promise<void> {
  try {
    process.exitCode = await run(process.argv.slice(2), nodeIo);
  } catch (error) {
    // Only bugs reach here: bad input and usage are reported by `run` itself with exit code 2.
    process.stderr.write(`aml-access-map: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}
