/*
 * Finds the shapes of regular expression that make a backtracking engine
 * (every browser's) take exponential time: a repeated group whose body can
 * match the same text in more than one way. `(a+)+b` against "aaaa…c" tries
 * every way of splitting the a's between the two `+` before it gives up; at
 * 30 characters that is seconds of a frozen tab, on every keystroke. A site
 * owner's `pattern` runs in the visitor's browser, so such a pattern is a
 * configuration error, found before the form is shown.
 *
 * The check is deliberately simple and errs on the side of refusing:
 * - a group repeated more than once (`*`, `+`, `{2}`, `{1,}`, …) must not
 *   contain anything whose repetition count can vary (`a+`, `b*`, `c?`,
 *   `\d{1,3}`), at any depth: `(a+)+`, `(a*)*`, `(\d+\.)+`;
 * - and must not hold alternatives that can start with the same character:
 *   `(a|aa)+`, `(\w|\d)*`, even `(Mr|Ms)+`; `(a|b)+` and `(-|\.)+` are fine.
 * Like the `safe-regex` rule of thumb ("star height" above one), this also
 * refuses some nestings that happen to be safe, such as `(\.\d+)*`: telling
 * those apart needs a full automaton analysis, and a site owner can always
 * write the rule flat (`[\d.]+`, or `\d{1,3}(\.\d{1,3}){3}` spelled out).
 */

/** Characters tried against the first atom of each alternative to see whether two can start alike. */
const PROBE = [...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)), ...'\t\næøåäöüßéñçÆØÅÄÖÜ€жא中'];

interface GroupFrame {
  /** Index of the `(` in the source; -1 for the whole pattern. */
  readonly start: number;
  /** Whether anything inside repeats a variable number of times. */
  variable: boolean;
  /** Whether the group's alternatives can match the same text. */
  ambiguous: boolean;
  /** The first atom of each alternative; `null` when it could be anything (empty, optional, a group). */
  readonly firstAtoms: (string | null)[];
  /** Whether the current alternative has had an atom yet. */
  atomSeen: boolean;
  /** The current alternative's first atom, until something follows it. */
  first?: Atom | undefined;
}

interface Atom {
  readonly start: number;
  readonly end: number;
  /** The closed group this atom is, if it is one. */
  readonly group?: GroupFrame;
}

/** Parses `{n}`, `{n,}` or `{n,m}` at `index`; undefined when it is a literal brace. */
function braceQuantifier(source: string, index: number): { min: number; max: number; end: number } | undefined {
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
  if (match === null) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return { min, max, end: index + match[0].length };
}

/** Index just past the escape sequence that starts with the backslash at `index`. */
function escapeEnd(source: string, index: number): number {
  const next = source[index + 1];
  if ((next === 'p' || next === 'P' || next === 'u' || next === 'k') && /^[{<]/.test(source[index + 2] ?? '')) {
    const close = source.indexOf(source[index + 2] === '{' ? '}' : '>', index + 2);
    return close === -1 ? source.length : close + 1;
  }
  if (next === 'u') return index + 6;
  if (next === 'x') return index + 4;
  if (next === 'c') return index + 3;
  return index + 2;
}

function canStartAlike(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  try {
    const first = new RegExp(`^(?:${a})`, 'u');
    const second = new RegExp(`^(?:${b})`, 'u');
    return PROBE.some((character) => first.test(character) && second.test(character));
  } catch {
    return true;
  }
}

function isAmbiguous(firstAtoms: readonly (string | null)[]): boolean {
  return firstAtoms.some((atom, index) => firstAtoms.slice(index + 1).some((other) => canStartAlike(atom, other)));
}

/**
 * Returns the part of `source` that can backtrack catastrophically (e.g.
 * `(a+)+`), or `undefined` when the pattern has no repeated ambiguous group.
 * `source` is expected to be a valid `u`-flag regular expression.
 */
export function findNestedQuantifier(source: string): string | undefined {
  const root: GroupFrame = { start: -1, variable: false, ambiguous: false, firstAtoms: [], atomSeen: false };
  const stack: GroupFrame[] = [root];
  let previous: Atom | undefined;
  let index = 0;

  const addAtom = (frame: GroupFrame, atom: Atom): void => {
    if (!frame.atomSeen) {
      frame.firstAtoms.push(atom.group === undefined ? source.slice(atom.start, atom.end) : null);
      frame.first = atom;
    }
    frame.atomSeen = true;
    previous = atom;
  };

  while (index < source.length) {
    const frame = stack[stack.length - 1] ?? root;
    const character = source[index];
    let quantifier: { min: number; max: number; end: number } | undefined;
    if (character === '*') quantifier = { min: 0, max: Infinity, end: index + 1 };
    else if (character === '+') quantifier = { min: 1, max: Infinity, end: index + 1 };
    else if (character === '?') quantifier = { min: 0, max: 1, end: index + 1 };
    else if (character === '{') quantifier = braceQuantifier(source, index);

    if (quantifier !== undefined && previous !== undefined) {
      const atom = previous;
      let end = quantifier.end;
      if (source[end] === '?') end += 1; // lazy: same risk
      const group = atom.group;
      if (group !== undefined && quantifier.max > 1 && (group.variable || group.ambiguous)) {
        return source.slice(atom.start, end);
      }
      if (quantifier.max > quantifier.min) frame.variable = true;
      // An optional first atom lets the alternative start with whatever follows.
      if (quantifier.min === 0 && atom === frame.first) frame.firstAtoms[frame.firstAtoms.length - 1] = null;
      previous = undefined;
      index = end;
      continue;
    }

    if (character === '\\') {
      const end = escapeEnd(source, index);
      addAtom(frame, { start: index, end });
      index = end;
    } else if (character === '[') {
      let end = index + 1;
      if (source[end] === '^') end += 1;
      if (source[end] === ']') end += 1;
      while (end < source.length && source[end] !== ']') end = source[end] === '\\' ? escapeEnd(source, end) : end + 1;
      addAtom(frame, { start: index, end: end + 1 });
      index = end + 1;
    } else if (character === '(') {
      stack.push({ start: index, variable: false, ambiguous: false, firstAtoms: [], atomSeen: false });
      previous = undefined;
      const prefix = /^\(\?(?::|=|!|<=|<!|<[^>]*>)/.exec(source.slice(index));
      index += prefix === null ? 1 : prefix[0].length;
    } else if (character === ')') {
      const group = stack.pop() ?? root;
      if (!group.atomSeen) group.firstAtoms.push(null);
      group.ambiguous ||= group.firstAtoms.length > 1 && isAmbiguous(group.firstAtoms);
      const parent = stack[stack.length - 1] ?? root;
      // What makes the inner group risky makes any repetition around it risky too.
      parent.variable ||= group.variable;
      parent.ambiguous ||= group.ambiguous;
      addAtom(parent, { start: group.start, end: index + 1, group });
      index += 1;
    } else if (character === '|') {
      if (!frame.atomSeen) frame.firstAtoms.push(null);
      frame.atomSeen = false;
      previous = undefined;
      index += 1;
    } else if (character === '^' || character === '$') {
      previous = undefined;
      index += 1;
    } else {
      addAtom(frame, { start: index, end: index + 1 });
      index += 1;
    }
  }
  return undefined;
}
