#!/usr/bin/env node
/**
 * The mindts example app. With no arguments it runs the tensor and ops walkthrough.
 */
import { walkthrough } from './walkthrough.js';

const HELP = `Usage: pnpm start [-- <command>]

Commands:
  walkthrough   a tour of tensors, indexing, ops, conv/pool, assign and memory (default)
  help          show this message`;

function main(args: string[]): number {
  const [command = 'walkthrough', ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (command !== 'walkthrough') {
    console.error(`Unknown command '${command}'.\n\n${HELP}`);
    return 2;
  }
  if (rest.length > 0) {
    console.error(`walkthrough takes no arguments, but got: ${rest.join(' ')}`);
    return 2;
  }
  walkthrough();
  return 0;
}

process.exitCode = main(process.argv.slice(2));
