// Runs the CLI from source in a child process, so a test can give it its own environment (TZ).
import { main } from '../../functions/handlers/cli.js';

process.exitCode = await main(process.argv.slice(2));
