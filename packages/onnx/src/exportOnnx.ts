/**
 * `exportOnnx(net, ...inputs, { fileName })`: MindSpore's `mindspore.export(net, *inputs,
 * file_name, file_format='ONNX')`, writing an `.onnx` file in Node.
 */
import { checkOptions, describeType, type OptionKeys, Tensor } from '@mindts/tensor';
import { OnnxExportError } from './errors.js';
import { checkExportArgs, type OnnxModel, type OnnxOptions, toOnnx } from './toOnnx.js';
import type { Exportable } from './traceNetwork.js';

/**
 * Options of {@link exportOnnx}: the file, and those of `toOnnx`.
 * @example
 * await exportOnnx(net, x, { fileName: 'lenet', fileFormat: 'ONNX', dynamicBatch: true });
 */
export interface ExportOptions extends OnnxOptions {
  /** The file to write; `.onnx` is appended when the name does not end with it (as MindSpore does). */
  fileName: string;
  /** The format: only `'ONNX'` (the default; MindSpore's `'MINDIR'` and `'AIR'` are not written). */
  fileFormat?: 'ONNX';
}

const EXPORT_KEYS: OptionKeys<ExportOptions> = {
  fileName: true,
  fileFormat: true,
  dynamicBatch: true,
  batchAxis: true,
  inputNames: true,
  outputNames: true,
};

/**
 * What {@link exportOnnx} wrote: the model and the absolute path of its file.
 * @example
 * const { fileName, dynamicBatch } = await exportOnnx(net, x, { fileName: 'mlp' });
 */
export interface ExportedOnnx extends OnnxModel {
  readonly fileName: string;
}

/**
 * A Node built-in through `process.getBuiltinModule` (Node ≥ 20.16): no `import` a browser bundler
 * would try to resolve; where there is none (a browser), a clear error.
 */
function nodeModule<T>(name: string): T {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new OnnxExportError(`exportOnnx writes files, which needs Node.js (${name}); in a browser, use toOnnx(...) and save its bytes.`);
  }
  return get(name) as T;
}

/** Writes `bytes` to `file` through a temporary file and a rename, so a reader never sees half a model. */
async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const fs = nodeModule<typeof import('node:fs/promises')>('node:fs/promises');
  const { randomBytes } = nodeModule<typeof import('node:crypto')>('node:crypto');
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new OnnxExportError(`Cannot write the ONNX file ${file}: ${(err as Error).message}`);
  }
}

/**
 * Exports `net` to an ONNX file (MindSpore `mindspore.export(net, *inputs, file_name,
 * file_format='ONNX')`): the inputs follow the network, the options come last and name the
 * file. The network is traced with those inputs (see `toOnnx` for what translates and how the
 * batch size stays open); the file is written whole or not at all. Node only: in the browser,
 * use `toOnnx` and keep its bytes. A network whose last argument is a plain object cannot take it
 * here (it would be read as the options): use `toOnnx`.
 * @example
 * const x = ops.ones([1, 784]);
 * const { fileName } = await exportOnnx(net, x, { fileName: 'mnist-mlp' });
 * console.log(`wrote ${fileName}`); // …/mnist-mlp.onnx
 */
export async function exportOnnx(
  net: Exportable,
  ...inputsAndOptions: [...inputs: unknown[], options: ExportOptions]
): Promise<ExportedOnnx> {
  checkExportArgs(net, 'export');
  const last = inputsAndOptions[inputsAndOptions.length - 1];
  if (last === undefined || last === null || typeof last !== 'object' || last instanceof Tensor || Array.isArray(last)) {
    throw new TypeError(`For 'export', the last argument must be the options with the 'fileName', but got ${describeType(last)}.`);
  }
  const o = checkOptions<ExportOptions>(last, 'export', EXPORT_KEYS);
  if (typeof o.fileName !== 'string' || o.fileName === '') {
    throw new TypeError(`For 'export', the 'fileName' must be a non-empty string, but got ${describeType(o.fileName)}.`);
  }
  const format = o.fileFormat ?? 'ONNX';
  if (format !== 'ONNX') {
    throw new RangeError(`For 'export', the 'fileFormat' must be 'ONNX' (mindts writes no MINDIR or AIR), but got ${String(format)}.`);
  }
  const { fileName, fileFormat: _, ...onnxOptions } = o;
  const path = nodeModule<typeof import('node:path')>('node:path');
  const file = path.resolve(fileName.endsWith('.onnx') ? fileName : `${fileName}.onnx`);
  const model = await toOnnx(net, inputsAndOptions.slice(0, -1), onnxOptions);
  await writeAtomic(file, model.bytes);
  return { ...model, fileName: file };
}
