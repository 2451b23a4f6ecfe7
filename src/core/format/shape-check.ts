/**
 * A quick yes to "does this data pass the strict schema?" for the common case of a valid
 * file, so lint need not run zod over a large case (zod builds a copy of every object, and
 * is a good part of lint's time). It answers `true` only for data the strict schema in
 * schema.ts certainly accepts, and `false` whenever in doubt: then zod decides and words the
 * problems, as before. The schema stays the single source of truth (JSON Schema, messages);
 * test/core/shape-check.test.ts checks on thousands of damaged cases that this never says
 * yes where zod says no.
 */
import { withinLimit } from './limits.js';
import { CUSTOMER_TYPES, OUTCOMES } from './model.js';
import { ID_PATTERN } from './schema.js';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.hasOwn(v, '__proto__');
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
/** the schema's `number(…)`: points, meter changes and bounds, comparisons (limits.ts) */
const bounded: Check = (v) => typeof v === 'number' && withinLimit(v);
const bool: Check = (v) => typeof v === 'boolean';
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const listOf =
  (check: Check, min = 0): Check =>
  (v) => {
    if (!Array.isArray(v) || v.length < min) return false;
    // every index, holes included (every() would skip them)
    for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
    return true;
  };
const recordOf =
  (check: Check): Check =>
  (v) =>
    isObject(v) && Object.values(v).every(check);

/** A strict object: these keys only, each passing its check (an absent key is undefined). */
function objectOf(shape: Readonly<Record<string, Check>>): Check {
  return (v) => {
    if (!isObject(v)) return false;
    for (const key of Object.keys(v)) if (!Object.hasOwn(shape, key)) return false;
    for (const key in shape) if (!shape[key]!(v[key])) return false;
    return true;
  };
}

const translations = recordOf((x) => x === null || str(x));
const text: Check = (v) => str(v) || translations(v);
const consequence = {
  score: optional(recordOf(bounded)),
  effects: optional(recordOf(bounded)),
  feedback: optional(text),
  goto: str,
};
const comparison = objectOf({
  eq: optional(bounded),
  gte: optional(bounded),
  gt: optional(bounded),
  lte: optional(bounded),
  lt: optional(bounded),
});
const condition = recordOf((v) => str(v) || comparison(v));
const choice = objectOf({ id: str, text: optional(text), if: optional(condition), ...consequence });
const timeout = objectOf({ seconds: (v) => num(v) && (v as number) > 0 && (v as number) <= 86400, ...consequence });
const keywords = optional(listOf(str));
const match = objectOf({
  all: keywords,
  any: keywords,
  none: keywords,
  regex: optional(str),
  affirm: keywords,
  negate: keywords,
  time: optional(bool),
  hedge: optional(bool),
});
const rule = objectOf({ id: optional(str), match: optional(match), ...consequence });
const node = objectOf({
  speaker: optional(str),
  text: optional(text),
  choices: optional(listOf(choice, 1)),
  timeout: optional(timeout),
  input: optional(objectOf({ prompt: optional(text), model: optional(text), rules: listOf(rule, 1) })),
  when: optional(listOf(objectOf({ if: optional(condition), ...consequence }), 1)),
  end: optional(objectOf({ outcome: oneOf(OUTCOMES) })),
});
const percent = optional((v) => num(v) && (v as number) >= 0 && (v as number) <= 100);
const answer = objectOf({
  say: str,
  rule: (v) => str(v) || (typeof v === 'number' && Number.isInteger(v) && v > 0),
});
const sayStep = objectOf({ say: str });
const waitStep = objectOf({ wait: (w) => w === true });
const test = objectOf({
  name: str,
  steps: optional(listOf((v) => str(v) || sayStep(v) || waitStep(v))),
  node: optional(str),
  answers: optional(listOf(answer)),
  expect: optional(
    objectOf({
      outcome: optional(oneOf(OUTCOMES)),
      ending: optional(str),
      percent,
      minPercent: percent,
      maxPercent: percent,
      passed: optional(bool),
      total: optional(num),
    }),
  ),
});
const lesson = objectOf({
  title: text,
  principle: text,
  source: optional(objectOf({ file: str, section: optional(str) })),
});

/** True only if the strict scenario schema certainly accepts `data`. */
export const surelyValidScenario: Check = objectOf({
  id: (v) => str(v) && ID_PATTERN.test(v as string),
  title: text,
  summary: optional(text),
  difficulty: optional(oneOf([1, 2, 3])),
  tags: optional(listOf(str)),
  passScore: percent,
  cast: recordOf(objectOf({ name: text, role: optional(text), type: optional(oneOf(CUSTOMER_TYPES)) })),
  meters: optional(
    recordOf(
      objectOf({ initial: optional(bounded), min: optional(bounded), max: optional(bounded), label: optional(text) }),
    ),
  ),
  lessons: optional(recordOf(lesson)),
  start: str,
  nodes: recordOf(node),
  tests: optional(listOf(test)),
});

/** True only if the strict catalog schema certainly accepts `data`. */
export const surelyValidCatalog: Check = objectOf({ lessons: recordOf(lesson) });
