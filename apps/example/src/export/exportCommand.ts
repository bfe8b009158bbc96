/**
 * `pnpm start -- export …`: writes the MNIST model `train` trained (or, before any training, a
 * fresh one) to an ONNX file, for ONNX Runtime in Node, the browser or a server.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCheckpoint, loadParamIntoNet } from '@mindts/checkpoint';
import { exportOnnx, type OnnxValueInfo } from '@mindts/onnx';
import * as ops from '@mindts/ops';
import { commandArgs, type FlagSpecs } from '../cli/flags.js';
import { createModel, MODEL_NAMES, type ModelName } from '../train/models.js';
import { DEFAULT_OUT, type Streams } from '../train/trainCommand.js';

/**
 * The help text of `export`.
 * @example
 * console.log(EXPORT_HELP);
 */
export const EXPORT_HELP = `Usage: pnpm start -- export [options]

Exports the MNIST model \`pnpm start -- train\` trained to ONNX (opset 17, weights inside, the batch
size left open), MindSpore's export(net, input, file_name, file_format='ONNX'). Without a
checkpoint it exports a freshly initialised model and says so.

Options:
  --model mlp|cnn     the model to export (default mlp)
  --checkpoint FILE   the .ckpt to load (default: mnist-<model>.ckpt in --out, when it exists)
  --out DIR           the folder train wrote to, and where the .onnx goes (default apps/example/out)
  --file FILE         the .onnx to write (default: mnist-<model>.onnx in --out)
  -h, --help          show this message

Example:
  pnpm start -- train --model cnn --epochs 1 && pnpm start -- export --model cnn`;

const EXPORT_FLAGS: FlagSpecs = {
  '--model': { key: 'model', type: 'choice', values: MODEL_NAMES },
  '--checkpoint': { key: 'checkpoint', type: 'path', what: 'a file' },
  '--out': { key: 'out', type: 'path', what: 'a folder' },
  '--file': { key: 'file', type: 'path', what: 'a file' },
};

interface ExportArgs {
  readonly model: ModelName;
  readonly checkpoint: string | null;
  readonly out: string | null;
  readonly file: string | null;
}

const DEFAULTS: ExportArgs = { model: 'mlp', checkpoint: null, out: null, file: null };

function describe(v: OnnxValueInfo): string {
  return `'${v.name}' ${v.dtype}[${v.dims.map((d) => d ?? '?').join(', ')}]`;
}

/**
 * Runs `export` with `argv` (the arguments after `export`); returns the exit status: 0 when the
 * file is written, 2 for a usage mistake or a missing or unfitting checkpoint.
 * @example
 * process.exitCode = await runExport(['--model', 'cnn']);
 */
export async function runExport(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = commandArgs(argv, { name: 'export', specs: EXPORT_FLAGS, defaults: DEFAULTS, help: EXPORT_HELP }, streams);
  if (typeof args === 'number') return args;
  const say = (line: string) => streams.stdout.write(`${line}\n`);
  const out = args.out ?? DEFAULT_OUT;
  const checkpoint = resolve(args.checkpoint ?? join(out, `mnist-${args.model}.ckpt`));
  const file = resolve(args.file ?? join(out, `mnist-${args.model}.onnx`));
  if (args.checkpoint !== null && !existsSync(checkpoint)) {
    streams.stderr.write(`export: no checkpoint at ${checkpoint}\n`);
    return 2;
  }
  const net = createModel(args.model);
  const input = ops.zeros([1, 784]);
  try {
    if (existsSync(checkpoint)) {
      const dict = await loadCheckpoint(checkpoint);
      const [notLoaded, , mismatches] = loadParamIntoNet(net, dict);
      for (const v of Object.values(dict)) if (typeof v !== 'string' && !v.isDisposed) v.dispose();
      if (notLoaded.length > 0 || mismatches.length > 0) {
        streams.stderr.write(
          `export: ${checkpoint} does not hold a ${args.model} model (${[...notLoaded, ...mismatches.map((m) => m.name)].join(', ')}).\n`,
        );
        return 2;
      }
      say(`Exporting the ${args.model} in ${checkpoint} to ONNX`);
    } else {
      say(
        `No checkpoint at ${checkpoint}: exporting an untrained ${args.model} (train one first: pnpm start -- train --model ${args.model})`,
      );
    }
    mkdirSync(dirname(file), { recursive: true });
    const model = await exportOnnx(net, input, { fileName: file, fileFormat: 'ONNX', inputNames: ['image'], outputNames: ['logits'] });
    const kb = Math.round(statSync(model.fileName).size / 1024).toLocaleString('en-US');
    say(`Wrote ${model.fileName} (${kb} KB, ONNX opset ${model.opsetVersion})`);
    say(`  input ${model.inputs.map(describe).join(', ')}: flattened 28×28 digits, pixels in [0, 1]`);
    say(`  output ${model.outputs.map(describe).join(', ')}: one score per digit (argmax is the prediction)`);
    say('Run it with ONNX Runtime, e.g. in Node (npm install onnxruntime-node):');
    say(`  const session = await ort.InferenceSession.create(${JSON.stringify(model.fileName)});`);
    say("  const { logits } = await session.run({ image: new ort.Tensor('float32', pixels, [n, 784]) });");
    return 0;
  } finally {
    net.dispose();
    input.dispose();
  }
}
