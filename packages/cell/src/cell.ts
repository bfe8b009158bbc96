/**
 * Cell: the building block of networks (MindSpore `mindspore.nn.Cell`), following
 * mindspore/python/mindspore/nn/cell.py of MindSpore master (mirrored in
 * mindspore-ai/mindspore_test@00eb259819aaf2bd5bb24d4173ad653d7119b5e6).
 */
import { Parameter } from '@mindts/parameter';
import { checkArity, checkOptions, type OptionKeys } from '@mindts/tensor';
import { initCellState, isCell, stateOf } from './cellState.js';
import { atomically, checkPrefix, checkUniqueNames, insertChild, insertParam, renameParameters } from './insertion.js';
import { checkComputeDType, type ComputeDType, runMixed } from './mixedPrecision.js';
import { cellHandler } from './registration.js';
import { cellRepr } from './repr.js';

/**
 * Options of the {@link Cell} constructor.
 * @example
 * class TrainStep extends Cell { constructor(net: Cell) { super({ autoPrefix: false }); this.net = net; } }
 */
export interface CellOptions {
  /**
   * Rename the Parameters of child Cells assigned to this Cell to their path (`dense.weight`)
   * (default true). Cells that wrap a whole network, such as a training step, pass `false` so
   * the network's names stay as they are.
   */
  autoPrefix?: boolean;
}

const CELL_KEYS: OptionKeys<CellOptions> = { autoPrefix: true };

/**
 * The base class of networks and layers. Subclass it, assign Parameters and child Cells as
 * properties (class fields or `this.x = …` in the constructor) and implement `construct`;
 * run it with `call`. Assignments follow MindSpore's `__setattr__`: a Parameter with the default
 * name takes the property name, a child Cell's Parameters are renamed to their path
 * (`dense.weight`), assigning a Tensor to a Parameter property sets its data, and two different
 * Parameters with one name are an error. Cells start in inference mode (`training` is false);
 * `setTrain()` switches the whole tree.
 *
 * A plain array of Parameters gets MindSpore's names (`Parameter$1`, …) and name checks but is
 * not registered, as in MindSpore: use a `ParameterTuple` to register Parameters, and
 * `nn.CellList` to register an array of Cells.
 * @example
 * class Net extends Cell {
 *   w = new Parameter(tensor([1, 2, 3, 4], 'float32'));
 *   dense = new nn.Dense(3, 4);
 *   override construct(x: Tensor) { return ops.mul(this.dense.call(x), this.w); }
 * }
 * const net = new Net();
 * [...net.parametersAndNames()].map(([name]) => name); // ['w', 'dense.weight', 'dense.bias']
 */
export class Cell {
  constructor(options?: CellOptions) {
    checkArity(arguments.length, 1, 'Cell');
    const autoPrefix = checkOptions<CellOptions>(options, 'Cell', CELL_KEYS).autoPrefix ?? true;
    if (typeof autoPrefix !== 'boolean') {
      throw new TypeError(`For 'Cell', the argument 'autoPrefix' must be a boolean, but got ${typeof autoPrefix}.`);
    }
    const proxy = new Proxy(this, cellHandler as ProxyHandler<this>);
    initCellState(this, proxy, autoPrefix);
    // The Proxy is what subclass constructors and users see, so their assignments are registered.
    // biome-ignore lint/correctness/noConstructorReturn: registration needs the Proxy to be the instance.
    return proxy;
  }

  /**
   * The computation, implemented by subclasses; run it with {@link call}.
   * @example
   * class Double extends Cell { override construct(x: Tensor) { return ops.mul(x, 2); } }
   */
  construct(..._inputs: unknown[]): unknown {
    // MindSpore: "For 'Cell', the method 'construct' is not defined."
    throw new Error(
      `For '${this.constructor.name}', the method 'construct' is not defined. Subclasses of Cell implement construct(...inputs); call(...inputs) runs it.`,
    );
  }

  /**
   * Runs {@link construct} (MindSpore's `net(x)`).
   * @example
   * const y = net.call(x);
   */
  call(...inputs: Parameters<this['construct']>): ReturnType<this['construct']> {
    const state = stateOf(this);
    if (state.computeDtype === undefined && state.outputDtype === undefined)
      return this.construct(...inputs) as ReturnType<this['construct']>;
    return runMixed(state, (...xs) => this.construct(...(xs as Parameters<this['construct']>)), inputs) as ReturnType<this['construct']>;
  }

  /**
   * Runs this Cell and every Cell below it in `dstType` (MindSpore `Cell.to_float`): in `call`,
   * float Tensor inputs are cast to `dstType` and trainable float Parameters are used as copies
   * cast to it, so the computation runs in `dstType`. The Parameters keep their own dtype and
   * values — float32 master weights that the optimizer updates, their gradients arriving in
   * float32 through the cast — and Parameters without `requiresGrad` (moving statistics) are not
   * cast. Outputs stay in `dstType` (`amp.autoMixedPrecision` casts them back). A later `toFloat`
   * on a sub-Cell overrides it there. Returns this Cell.
   * @example
   * const net = new nn.Dense(4, 2).toFloat('float16');
   * net.call(tensor([[1, 2, 3, 4]], 'float32')).dtype; // 'float16'
   * net.weight.dtype; // 'float32'
   */
  toFloat(dstType: ComputeDType): this {
    checkArity(arguments.length, 1, 'toFloat');
    const dtype = checkComputeDType(dstType, 'toFloat');
    for (const [, cell] of this.cellsAndNames()) stateOf(cell).computeDtype = dtype;
    return this;
  }

  /**
   * Whether this Cell runs its training branch (BatchNorm batch statistics, Dropout). False by
   * default; {@link setTrain} sets it on the whole tree, assigning it sets this Cell only.
   * @example
   * new nn.Dropout().training; // false
   */
  get training(): boolean {
    return stateOf(this).training;
  }

  set training(mode: boolean) {
    stateOf(this).training = checkMode(mode, 'training');
  }

  /**
   * `'train'` or `'predict'`, as the last {@link setTrain} left it (MindSpore's `phase`).
   * @example
   * net.setTrain(false).phase; // 'predict'
   */
  get phase(): 'train' | 'predict' {
    return stateOf(this).phase;
  }

  /**
   * Sets training mode (default true) on this Cell and every Cell below it; returns this Cell.
   * @example
   * net.setTrain(); // training
   * net.setTrain(false); // inference
   */
  setTrain(mode = true): this {
    checkArity(arguments.length, 1, 'setTrain');
    checkMode(mode, 'mode');
    stateOf(this).phase = mode ? 'train' : 'predict';
    for (const [, cell] of this.cellsAndNames()) stateOf(cell).training = mode;
    return this;
  }

  /**
   * Registers `param` under `paramName` (a Parameter with the default name takes it). The name
   * must not contain a dot (unless `checkNameContainDot` is false) nor clash with another
   * property; `null` registers an empty slot.
   * @example
   * net.insertParamToCell('bias', new Parameter(tensor([1, 2, 3], 'float32')));
   */
  insertParamToCell(paramName: string, param: Parameter | null, checkNameContainDot = true): void {
    checkArity(arguments.length, 3, 'insertParamToCell');
    const state = stateOf(this);
    atomically(state, String(paramName), param instanceof Parameter ? [param] : [], () => {
      insertParam(state, paramName, param, { checkNameContainDot });
      checkUniqueNames(this);
    });
  }

  /**
   * Registers `childCell` as the child `childName`, readable as `cell[childName]`. Unlike a
   * property assignment, its Parameters keep their names.
   * @example
   * relu.insertChildToCell('child', new nn.Dense(2, 2));
   */
  insertChildToCell(childName: string, childCell: Cell | null): void {
    checkArity(arguments.length, 2, 'insertChildToCell');
    const state = stateOf(this);
    atomically(state, String(childName), isCell(childCell) ? childCell.getParameters() : [], () => {
      insertChild(state, childName, childCell);
      checkUniqueNames(this);
    });
  }

  /**
   * Every Cell in the tree with its path, this Cell first (path `namePrefix`), depth first,
   * each Cell once. `cells` is the set of Cells already visited.
   * @example
   * [...net.cellsAndNames()].map(([name]) => name); // ['', 'body', 'body.dense']
   */
  *cellsAndNames(cells: Set<Cell> = new Set(), namePrefix = ''): Generator<[string, Cell]> {
    if (cells.has(this)) return;
    cells.add(this);
    yield [namePrefix, this];
    for (const [name, cell] of stateOf(this).cells) {
      if (cell) yield* cell.cellsAndNames(cells, namePrefix ? `${namePrefix}.${name}` : name);
    }
  }

  /**
   * The immediate child Cells by name, each Cell once, unset slots left out.
   * @example
   * [...net.nameCells().keys()]; // ['dense', 'relu']
   */
  nameCells(): Map<string, Cell> {
    const out = new Map<string, Cell>();
    const seen = new Set<Cell>();
    for (const [name, cell] of stateOf(this).cells) {
      if (cell && !seen.has(cell)) {
        seen.add(cell);
        out.set(name, cell);
      }
    }
    return out;
  }

  /**
   * The immediate child Cells (the values of {@link nameCells}).
   * @example
   * for (const child of net.cells()) child.setTrain(false);
   */
  cells(): IterableIterator<Cell> {
    return this.nameCells().values();
  }

  /**
   * Every Parameter with its path (`body.dense.weight`), each Parameter once even when shared.
   * `expand: false` gives only this Cell's own Parameters; paths start with `namePrefix`.
   * @example
   * for (const [name, p] of net.parametersAndNames()) console.log(name, p.shape);
   */
  *parametersAndNames(namePrefix = '', expand = true): Generator<[string, Parameter]> {
    const cells: Iterable<[string, Cell]> = expand ? this.cellsAndNames(new Set(), namePrefix) : [[namePrefix, this]];
    const seen = new Set<Parameter>();
    for (const [cellName, cell] of cells) {
      for (const [name, param] of stateOf(cell).params) {
        if (param && !seen.has(param)) {
          seen.add(param);
          yield [cellName ? `${cellName}.${name}` : name, param];
        }
      }
    }
  }

  /**
   * Every Parameter once, this Cell's and (`expand`, default true) its descendants'.
   * @example
   * const count = [...net.getParameters()].reduce((n, p) => n + p.size, 0);
   */
  *getParameters(expand = true): Generator<Parameter> {
    for (const [, param] of this.parametersAndNames('', expand)) yield param;
  }

  /**
   * The Parameters with `requiresGrad` (what an optimizer updates).
   * @example
   * new nn.Dense(3, 4).trainableParams().map((p) => p.name); // ['weight', 'bias']
   */
  trainableParams(recurse = true): Parameter[] {
    checkArity(arguments.length, 1, 'trainableParams');
    return [...this.getParameters(recurse)].filter((p) => p.requiresGrad);
  }

  /**
   * The Parameters without `requiresGrad` (e.g. BatchNorm's moving statistics).
   * @example
   * net.untrainableParams().map((p) => p.name); // ['bn.moving_mean', 'bn.moving_variance']
   */
  untrainableParams(recurse = true): Parameter[] {
    checkArity(arguments.length, 1, 'untrainableParams');
    return [...this.getParameters(recurse)].filter((p) => !p.requiresGrad);
  }

  /**
   * The Parameters keyed by their names, in traversal order.
   * @example
   * net.parametersDict().get('dense.weight');
   */
  parametersDict(recurse = true): Map<string, Parameter> {
    checkArity(arguments.length, 1, 'parametersDict');
    const out = new Map<string, Parameter>();
    for (const param of this.getParameters(recurse)) out.set(param.name, param);
    return out;
  }

  /**
   * Renames every Parameter to `prefix` + its path in this Cell. `prefix` is `''` or matches
   * `^\w+[0-9a-zA-Z_.]*$`.
   * @example
   * dense.updateParametersName('head.'); // 'head.weight', 'head.bias'
   */
  updateParametersName(prefix = '', recurse = true): void {
    checkArity(arguments.length, 2, 'updateParametersName');
    renameParameters(this, checkPrefix(prefix), recurse);
  }

  /**
   * Throws if two different Parameters in the tree share a name (MindSpore's `check_names`).
   * Assignments already check this; call it after renaming Parameters by hand.
   * @example
   * net.checkNames();
   */
  checkNames(): void {
    checkUniqueNames(this);
  }

  /**
   * The extra text inside this Cell's printed form, `Dense(input_channels=3, …)`; override it
   * in subclasses.
   * @example
   * override extendRepr() { return `scale=${this.scale}`; }
   */
  extendRepr(): string {
    return '';
  }

  /**
   * The Cell tree, as MindSpore prints it: `Net(\n  (dense): Dense(...)\n)`.
   * @example
   * `${new nn.ReLU()}`; // 'ReLU()'
   */
  toString(): string {
    return cellRepr(this.constructor.name, this.extendRepr(), stateOf(this).cells);
  }

  /** Node's `console.log` shows {@link toString}. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * Disposes every Parameter of this Cell and its descendants.
   * @example
   * net.dispose();
   */
  dispose(): void {
    for (const param of this.getParameters()) param.dispose();
  }

  /** `using net = …` disposes the Parameters at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}

function checkMode(mode: unknown, name: string): boolean {
  if (typeof mode !== 'boolean') throw new TypeError(`For 'Cell', the argument '${name}' must be a boolean, but got ${typeof mode}.`);
  return mode;
}
