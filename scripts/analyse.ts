/** `npm run analyse -- <files…>`: see scripts/analyse/run.ts (`--help` for usage). */
import { main } from './analyse/run';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
