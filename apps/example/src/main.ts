#!/usr/bin/env node
/**
 * The mindts example app. With no arguments it runs MindSpore's Parameter tutorial, a tour of
 * tensors and ops, and short training runs; `train`, `model`, `eval` and `bench` train a model on real
 * MNIST digits (or a language model on English words), evaluate it, and time its training step on
 * each backend; `sample` generates words from a trained language model.
 */
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend } from '@mindts/tensor';
import { runBench } from './bench/benchCommand.js';
import { runEval } from './eval/evalCommand.js';
import { runExport } from './export/exportCommand.js';
import { runModel } from './model/modelCommand.js';
import { parameterTutorial } from './parameterTutorial.js';
import { runQuickstart } from './quickstart/quickstartCommand.js';
import { runSample } from './sample/sampleCommand.js';
import { DEFAULT_OUT, runTrain } from './train/trainCommand.js';
import { walkthrough } from './walkthrough.js';

const HELP = `Usage: pnpm start [-- <command> [options]]

Commands:
  walkthrough   the Parameter tutorial, the tensor and ops tour, then a short MNIST training
                run and a few seconds of training a GPT on English words (default)
  tutorial      MindSpore's "Cell and Parameter" tutorial, step by step
  tensors       a tour of tensors, indexing, ops, conv/pool, assign and memory
  train         train an MLP or a CNN on real MNIST digits, or a GPT or an LSTM on real English
                words, with a progress bar, a plot and a checkpoint
  model         train the MNIST CNN with MindSpore's Model API: a dataset pipeline, Model.train with
                LossMonitor, TimeMonitor and ModelCheckpoint, Model.eval with Accuracy
  sample        generate words from the trained GPT (or LSTM), marking the real English ones
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
    about:
      'The Parameter tutorial, the tensor and ops tour, a 2-epoch MLP training run on 2,000 MNIST digits, then a few seconds of training a GPT on English words and a handful of sampled words.',
    run: async () => {
      console.log('# MindSpore\'s "Cell and Parameter" tutorial, in mindts');
      parameterTutorial();
      console.log('\n# Tensors and ops');
      walkthrough();
      // A few seconds of real training; `train` runs the full one.
      console.log('\n# Training an MLP on 2,000 real MNIST digits (pnpm start -- train --help for more)');
      const mnist = await runTrain(['--limit', '2000', '--epochs', '2']);
      if (mnist !== 0) return mnist;
      // Its own folder, so that the tour never overwrites a GPT trained with `train --model gpt`.
      const tour = join(DEFAULT_OUT, 'tour');
      console.log('\n# Training a small GPT on real English words for a few seconds (pnpm start -- train --model gpt for more)');
      const gpt = await runTrain(['--model', 'gpt', '--limit', TOUR_WORDS, '--epochs', '1', '--out', tour]);
      if (gpt !== 0) return gpt;
      console.log('\n# Words it makes up (pnpm start -- sample --help for more)');
      return await runSample(['--count', '8', '--out', tour]);
    },
  },
  tutorial: {
    about: 'MindSpore\'s "Cell and Parameter" tutorial, step by step, with the same printed output.',
    run: () => parameterTutorial(),
  },
  tensors: { about: 'A tour of tensors, indexing, ops, conv/pool, assign and memory.', run: () => walkthrough() },
};

/** Training words of the tour's GPT run: a few seconds on a laptop. */
const TOUR_WORDS = '1500';

const WITH_OPTIONS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  train: runTrain,
  model: runModel,
  sample: runSample,
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
