#!/usr/bin/env node
/**
 * The mindts example app. With no arguments it runs MindSpore's Parameter tutorial, then a tour
 * of tensors and ops; `train` trains a model on real MNIST digits.
 */
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { parameterTutorial } from './parameterTutorial.js';
import { runTrain } from './train/trainCommand.js';
import { walkthrough } from './walkthrough.js';

const HELP = `Usage: pnpm start [-- <command> [options]]

Commands:
  walkthrough   the Parameter tutorial, the tensor and ops tour, then a short MNIST training
                run (default)
  tutorial      MindSpore's "Cell and Parameter" tutorial, step by step
  tensors       a tour of tensors, indexing, ops, conv/pool, assign and memory
  train         train an MLP or a CNN on real MNIST digits, with a progress bar and a plot
                (pnpm start -- train --help for its options)
  help          show this message`;

const COMMANDS: Record<string, () => unknown> = {
  walkthrough: async () => {
    console.log('# MindSpore\'s "Cell and Parameter" tutorial, in mindts');
    parameterTutorial();
    console.log('\n# Tensors and ops');
    walkthrough();
    // A few seconds of real training; `train` runs the full one.
    console.log('\n# Training an MLP on 2,000 real MNIST digits (pnpm start -- train --help for more)');
    await runTrain(['--limit', '2000', '--epochs', '2']);
  },
  tutorial: () => parameterTutorial(),
  tensors: () => walkthrough(),
};

async function main(args: string[]): Promise<number> {
  const [command = 'walkthrough', ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (command === 'train') return await runTrain(rest);
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command '${command}'.\n\n${HELP}`);
    return 2;
  }
  if (rest.length > 0) {
    console.error(`${command} takes no arguments, but got: ${rest.join(' ')}`);
    return 2;
  }
  await run();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
