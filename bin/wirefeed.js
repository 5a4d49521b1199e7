#!/usr/bin/env node
// Entry point for `npx wirefeed`: runs the CLI compiled by `npm install` (the `prepare` script).
import { main } from '../dist/cli.js';

const code = await main(process.argv.slice(2));
// A running preview keeps the process alive to serve; anything else ends here with its exit code.
if (process.argv[2] === 'preview' && code !== 2) process.exitCode = code;
else process.exit(code);
