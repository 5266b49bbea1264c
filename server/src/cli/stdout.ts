// Writes the CLI's output straight to file descriptor 1. Touching process.stdout makes Node build
// its stream machinery, a few milliseconds of a run that takes seventy; a check writes its report
// once, synchronously, so it needs none of it. Where the descriptor will not take a blocking write
// (a non-blocking pipe answers EAGAIN) the rest goes through process.stdout, which copes.

import { writeSync } from 'node:fs';

export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done, bytes.length - done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // The reader went away (`vpce-lens check … | head`): as with any CLI, the rest is not wanted.
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw e;
    process.stdout.write(bytes.subarray(done));
  }
}
