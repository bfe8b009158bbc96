#!/usr/bin/env node
/**
 * The mindts example app. With no arguments it runs MindSpore's Parameter tutorial, a tour of
 * tensors and ops, and a short training run; `train`, `eval` and `bench` train a model on real
 * MNIST digits, evaluate it, and time its training step on each backend.
 */
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { runBench } from './bench/benchCommand.js';
import { runEval } from './eval/evalCommand.js';
import { runExport } from './export/exportCommand.js';
import { parameterTutorial } from './parameterTutorial.js';
import { runQuickstart } from './quickstart/quickstartCommand.js';
import { runTrain } from './train/trainCommand.js';
import { walkthrough } from './walkthrough.js';

const HELP = `Usage: pnpm start [-- <command> [options]]

Commands:
  walkthrough   the Parameter tutorial, the tensor and ops tour, then a short MNIST training
                run that writes a plot and a checkpoint (default)
  tutorial      MindSpore's "Cell and Parameter" tutorial, step by step
  tensors       a tour of tensors, indexing, ops, conv/pool, assign and memory
  train         train an MLP or a CNN on real MNIST digits, with a progress bar, a plot and a
                checkpoint
  eval          evaluate a trained checkpoint on the held-out digits: accuracy per digit, mistakes
  export        write the trained model to an ONNX file, for ONNX Runtime (Node, web, servers)
  bench         time a training step on each backend, eager and with jit
  quickstart    MindSpore's quickstart loop without tidy or dispose, for many steps: live
                tensors and bytes stay flat
  help          show this message

Each command takes -h or --help, e.g. pnpm start -- train --help`;

/** The commands without options: what each does, for its --help. */
const SIMPLE: Record<string, { readonly about: string; run(): unknown }> = {
  walkthrough: {
    about: 'The Parameter tutorial, the tensor and ops tour, then a 2-epoch MLP training run on 2,000 MNIST digits.',
    run: async () => {
      console.log('# MindSpore\'s "Cell and Parameter" tutorial, in mindts');
      parameterTutorial();
      console.log('\n# Tensors and ops');
      walkthrough();
      // A few seconds of real training; `train` runs the full one.
      console.log('\n# Training an MLP on 2,000 real MNIST digits (pnpm start -- train --help for more)');
      return await runTrain(['--limit', '2000', '--epochs', '2']);
    },
  },
  tutorial: {
    about: 'MindSpore\'s "Cell and Parameter" tutorial, step by step, with the same printed output.',
    run: () => parameterTutorial(),
  },
  tensors: { about: 'A tour of tensors, indexing, ops, conv/pool, assign and memory.', run: () => walkthrough() },
};

const WITH_OPTIONS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  train: runTrain,
  eval: runEval,
  export: runExport,
  bench: runBench,
  quickstart: runQuickstart,
};

async function main(args: string[]): Promise<number> {
  const [command = 'walkthrough', ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  const withOptions = WITH_OPTIONS[command];
  if (withOptions) return await withOptions(rest);
  const simple = Object.hasOwn(SIMPLE, command) ? SIMPLE[command] : undefined;
  if (!simple) {
    console.error(`Unknown command '${command}'.\n\n${HELP}`);
    return 2;
  }
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
    console.log(`Usage: pnpm start -- ${command}\n\n${simple.about}\nIt takes no options.`);
    return 0;
  }
  if (rest.length > 0) {
    console.error(`${command} takes no arguments, but got: ${rest.join(' ')}\n\n${HELP}`);
    return 2;
  }
  const code = await simple.run();
  return typeof code === 'number' ? code : 0;
}

// `pnpm start -- train …` hands the `--` on to the script: it separates pnpm's arguments from ours.
const argv = process.argv.slice(2);
process.exitCode = await main(argv[0] === '--' ? argv.slice(1) : argv);
