#!/usr/bin/env node
/**
 * The mindts example app. With no arguments it runs MindSpore's Parameter tutorial, then a tour
 * of tensors and ops.
 */
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { parameterTutorial } from './parameterTutorial.js';
import { walkthrough } from './walkthrough.js';

const HELP = `Usage: pnpm start [-- <command>]

Commands:
  walkthrough   the Parameter tutorial, then the tensor and ops tour (default)
  tutorial      MindSpore's "Cell and Parameter" tutorial, step by step
  tensors       a tour of tensors, indexing, ops, conv/pool, assign and memory
  help          show this message`;

const COMMANDS: Record<string, () => void> = {
  walkthrough: () => {
    console.log('# MindSpore\'s "Cell and Parameter" tutorial, in mindts');
    parameterTutorial();
    console.log('\n# Tensors and ops');
    walkthrough();
  },
  tutorial: () => parameterTutorial(),
  tensors: () => walkthrough(),
};

function main(args: string[]): number {
  const [command = 'walkthrough', ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command '${command}'.\n\n${HELP}`);
    return 2;
  }
  if (rest.length > 0) {
    console.error(`${command} takes no arguments, but got: ${rest.join(' ')}`);
    return 2;
  }
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  run();
  return 0;
}

process.exitCode = main(process.argv.slice(2));
