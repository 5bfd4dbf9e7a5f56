// @ts-check
/*
 * The CDN build's renaming of TypeScript `private` class members to short
 * names (issue 17, "smaller where it is free"). Minifiers rename local
 * variables but never properties: `this.validationTiming` reaches every
 * visitor with its full name. Private members are the properties nothing
 * outside their class can read, so their names are ours to choose.
 *
 * The renaming is by symbol, not by name: the TypeScript checker resolves
 * every identifier in the widget's sources, and only those that resolve to a
 * private member's declaration are renamed. A public `url.host` keeps its name
 * while a controller's `private readonly host` becomes `this.a`. Lit, zod,
 * the DOM, JSON over the wire or in storage, events and the public API are
 * never touched, because none of them can name a private member.
 *
 * What a checker cannot see is a member reached through a string: Lit's
 * `static properties` keys (reactive state such as `values`), `this['x']`,
 * `'x' in this`. A private member whose name is written as a string literal
 * or as a `static properties` key anywhere in the sources keeps its name.
 *
 * New names are one or two letters that are no identifier anywhere in the
 * sources and no word in Lit's element classes (which our element extends),
 * so a renamed member never meets another property on the same object, and a
 * renamed constructor parameter property never shadows a variable. The same
 * old name gets the same new name in every class (it compresses better).
 *
 * Only the CDN files use this (vite.config.ts); dist/lib keeps the names.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** @typedef {{ start: number, end: number, text: string }} Edit */
/** @typedef {{ edits: Map<string, Edit[]>, renames: Map<string, string> }} Renaming */

/** Names our element inherits that a new name must not take, besides the words in Lit's own files. */
const RESERVED = new Set(['id', 'do', 'if', 'in', 'x', 'y']);

/** Does this declaration carry the `private` modifier? @param {ts.Node} node */
function isPrivate(node) {
  return (ts.getCombinedModifierFlags(/** @type {ts.Declaration} */ (node)) & ts.ModifierFlags.Private) !== 0;
}

/** Words in Lit's element classes: the properties our element inherits. */
function litWords() {
  // The production builds, as the CDN file bundles them.
  const files = ['@lit/reactive-element', 'lit-element/lit-element.js'];
  const words = new Set();
  for (const file of files) {
    for (const word of readFileSync(fileURLToPath(import.meta.resolve(file)), 'utf8').match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(word);
  }
  return words;
}

/** Short names in order: a…z, A…Z, then two letters. @param {Set<string>} taken */
function* shortNames(taken) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const candidates = [...letters, ...[...letters].flatMap((first) => [...letters, ...'0123456789'].map((second) => first + second))];
  for (const name of candidates) if (!taken.has(name) && !RESERVED.has(name)) yield name;
}

/**
 * Computes the renaming of the private members reachable from `entry`.
 * @param {{ entry: string, tsconfig: string }} options absolute paths
 * @returns {Renaming}
 */
export function planPrivateRenames({ entry, tsconfig }) {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(tsconfig));
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));

  /** The private members' symbols, and for a parameter property its parameter's symbol too (same identifier in the output). */
  const privateSymbols = new Set();
  /** @type {Map<ts.Symbol, ts.Symbol>} parameter symbol → its property symbol */
  const parameterOf = new Map();
  /** Names that must not be renamed (reached through strings) or taken as new names (identifiers). */
  const stringNames = new Set();
  const identifiers = new Set(litWords());

  /** @param {ts.Node} node */
  function collect(node) {
    if (ts.isIdentifier(node)) identifiers.add(node.text);
    if (ts.isStringLiteralLike(node)) stringNames.add(node.text);
    if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'properties' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) if (property.name && ts.isIdentifier(property.name)) stringNames.add(property.name.text);
    }
    const isMember = ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
    if (isMember && isPrivate(node) && ts.isIdentifier(node.name)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      if (symbol) privateSymbols.add(symbol);
    }
    if (ts.isParameter(node) && isPrivate(node) && ts.isIdentifier(node.name)) {
      const [parameter, property] = checker.getSymbolsOfParameterPropertyDeclaration(node, node.name.text);
      privateSymbols.add(property);
      parameterOf.set(parameter, property);
    }
    ts.forEachChild(node, collect);
  }
  for (const file of sources) collect(file);

  /** @param {ts.Symbol} symbol */
  const renamable = (symbol) => privateSymbols.has(symbol) && !stringNames.has(symbol.name);

  // Every occurrence: an identifier that resolves to a renamable member, or to the parameter of a renamable parameter property.
  /** @type {{ file: string, node: ts.Identifier, property: ts.Symbol, shorthand: boolean }[]} */
  const occurrences = [];
  /** @param {ts.SourceFile} file @param {ts.Node} node */
  function find(file, node) {
    if (ts.isIdentifier(node)) {
      const shorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
      const symbol = shorthand ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      const property = symbol && (parameterOf.get(symbol) ?? symbol);
      if (property && renamable(property)) occurrences.push({ file: file.fileName, node, property, shorthand });
      if (ts.isBindingElement(node.parent) && node.parent.name === node && !node.parent.propertyName && ts.isObjectBindingPattern(node.parent.parent)) {
        // `const { member } = this`: the property read is private even though the name declares a variable.
        const read = checker.getTypeAtLocation(node.parent.parent).getProperty(node.text);
        if (read && privateSymbols.has(read)) throw new Error(`${file.fileName}: private member "${node.text}" read by destructuring; write this.${node.text}`);
      }
    }
    ts.forEachChild(node, (child) => find(file, child));
  }
  for (const file of sources) find(file, file);

  // The most used names get the shortest new names.
  /** @type {Map<string, number>} */
  const uses = new Map();
  for (const { property } of occurrences) uses.set(property.name, (uses.get(property.name) ?? 0) + 1);
  const byGain = [...uses.entries()].sort(([a, countA], [b, countB]) => countB * b.length - countA * a.length || (a < b ? -1 : 1));
  const names = shortNames(identifiers);
  /** @type {Map<string, string>} */
  const renames = new Map();
  for (const [name] of byGain) {
    const next = names.next();
    if (next.done) break;
    if (next.value.length < name.length) renames.set(name, next.value);
  }

  /** @type {Map<string, Edit[]>} */
  const edits = new Map();
  for (const { file, node, property, shorthand } of occurrences) {
    const text = renames.get(property.name);
    if (text === undefined) continue;
    const start = node.getStart();
    const list = edits.get(file) ?? [];
    list.push(shorthand ? { start: node.getEnd(), end: node.getEnd(), text: `: ${text}` } : { start, end: node.getEnd(), text });
    edits.set(file, list);
  }
  return { edits, renames };
}

/** The source with the edits made (positions are the original text's). @param {string} code @param {Edit[]} edits */
export function applyEdits(code, edits) {
  let result = code;
  for (const { start, end, text } of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/**
 * The Vite plugin: plans once per build, then rewrites each source file as
 * it is loaded (before any other transform, so positions are the file's own).
 * @param {{ root: string }} options the project folder
 * @returns {import('vite').Plugin}
 */
export function manglePrivateMembers({ root }) {
  /** @type {Renaming | undefined} */
  let plan;
  return {
    name: 'keen-mangle-private-members',
    enforce: 'pre',
    buildStart() {
      plan = planPrivateRenames({ entry: resolve(root, 'src/cdn.ts'), tsconfig: resolve(root, 'tsconfig.json') });
    },
    transform(code, id) {
      const edits = plan?.edits.get(id);
      if (edits === undefined) return null;
      if (code !== readFileSync(id, 'utf8')) this.error(`${id} was changed before the private members were renamed; the renaming must run first`);
      return { code: applyEdits(code, edits), map: null };
    },
  };
}
