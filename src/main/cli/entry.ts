import { toJobError } from '../core/jobs/jobErrors';
import { main } from './main';

// A stray rejection must never end the CLI with a bare stack trace: it is logged, and the user
// gets one sentence and exit code 1.
process.on('unhandledRejection', (err) => {
  process.stderr.write(`${toJobError(err).message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${toJobError(err).message}\n`);
    process.exitCode = 1;
  },
);
