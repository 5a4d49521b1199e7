#!/usr/bin/env node
// Entry point for `npx wirefeed`: runs the CLI compiled by `npm install` (the `prepare` script).
import { main } from '../dist/cli.js';

const code = await main(process.argv.slice(2));
// `preview` leaves its server running; every other command ends here with its exit code.
if (process.argv[2] !== 'preview') process.exit(code);
else process.exitCode = code;
