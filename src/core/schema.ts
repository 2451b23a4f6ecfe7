/**
 * The shape of a scenario file and of a lesson catalog, as zod schemas. This is the single
 * source of truth for field names and types: the loader validates with it and
 * `roleplay schema` prints it as JSON Schema. Cross-references (does this `goto` exist?)
 * are checked afterwards, in references.ts, where every name in the file is known.
 *
 * Each object comes in two flavours from one factory: `strict` reports unknown keys (which
 * the loader turns into warnings, as the contract asks), `loose` keeps the data.
 */
import { z } from 'zod';
import { COMPARISONS, CUSTOMER_TYPES, OUTCOMES } from './model.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const TEXT_HINT = 'a string, or a map of language codes to strings, e.g. { zh: 您好, en: Hello }';

type Flavour = 'strict' | 'loose';

function build(flavour: Flavour) {
  const obj = <T extends z.ZodRawShape>(shape: T) =>
    flavour === 'strict' ? z.strictObject(shape) : z.looseObject(shape);

  const number = (what: string) =>
    z.number({ error: (iss) => (iss.input === undefined ? `missing ${what}` : `${what} must be a number`) });

  // In a YAML flow map, an unquoted comma ends the value: `{ en: Hi, there }` reads as
  // { en: Hi, there: null }. Such keys are accepted here and reported by lint as a warning.
  const text = z.union([z.string(), z.record(z.string(), z.union([z.string(), z.null()]))], {
    error: `expected text: ${TEXT_HINT}`,
  });

  const points = z.record(z.string(), number('points'), {
    error: 'expected a map of lesson id to points, e.g. { listen-first: 2 }',
  });
  const deltas = z.record(z.string(), number('a meter change'), {
    error: 'expected a map of meter name to change, e.g. { mood: -1 }',
  });

  const comparison = obj({
    eq: number('eq').optional(),
    gte: number('gte').optional(),
    gt: number('gt').optional(),
    lte: number('lte').optional(),
    lt: number('lt').optional(),
  });
  const condition = z.record(z.string(), z.union([comparison, z.string()]), {
    error: 'expected a condition: a map of meter -> comparison, e.g. { trust: { gte: 1 } }, or { visited: node-id }',
  });

  const goto = z.string({ error: (iss) => (iss.input === undefined ? 'missing goto: every way out of a node needs `goto: <node id>`' : 'goto must be a node id') });

  const consequence = {
    score: points.optional(),
    effects: deltas.optional(),
    feedback: text.optional(),
    goto,
  };

  const choice = obj({
    id: z.string({ error: (iss) => (iss.input === undefined ? 'missing id: every choice needs an `id`' : 'a choice id must be text') }),
    text: text.optional(),
    if: condition.optional(),
    ...consequence,
  });

  const timeout = obj({
    seconds: z
      .number({ error: (iss) => (iss.input === undefined ? 'missing seconds: how long the trainee has, e.g. `seconds: 30`' : `seconds must be a number of seconds, e.g. \`seconds: 30\` (got ${JSON.stringify(iss.input)})`) })
      .positive({ error: 'seconds must be more than 0' })
      .max(86400, { error: 'seconds must be at most 86400 (one day)' }),
    ...consequence,
  });

  const keywords = z.array(z.string(), { error: 'expected a list of keywords, e.g. [您好, hello]' });
  const match = obj({
    all: keywords.optional(),
    any: keywords.optional(),
    none: keywords.optional(),
    regex: z.string({ error: 'regex must be a pattern in quotes' }).optional(),
  });
  const rule = obj({ match: match.optional(), ...consequence });

  const input = obj({
    prompt: text.optional(),
    rules: z.array(rule, { error: 'expected a list of rules under `rules:`' }).min(1, { error: 'an input needs at least one rule' }),
  });

  const branch = obj({ if: condition.optional(), ...consequence });

  const end = obj({
    outcome: z.enum(OUTCOMES, { error: (iss) => `outcome ${iss.input === undefined ? 'is missing' : `'${String(iss.input)}' is not valid`}; use success, partial or failure` }),
  });

  const node = obj({
    speaker: z.string({ error: 'speaker must be a cast id or narrator' }).optional(),
    text: text.optional(),
    choices: z.array(choice, { error: 'expected a list of choices' }).min(1, { error: 'a choice node needs at least one choice' }).optional(),
    timeout: timeout.optional(),
    input: input.optional(),
    when: z.array(branch, { error: 'expected a list of `if`/`goto` entries under `when:`' }).min(1, { error: 'when needs at least one entry' }).optional(),
    end: end.optional(),
  });

  const castMember = obj({
    name: text,
    role: text.optional(),
    type: z.enum(CUSTOMER_TYPES, { error: `type must be one of ${CUSTOMER_TYPES.join(', ')}` }).optional(),
  });

  const meter = obj({
    initial: number('initial').optional(),
    min: number('min').optional(),
    max: number('max').optional(),
    label: text.optional(),
  });

  const lesson = obj({
    title: text,
    principle: text,
    source: obj({ file: z.string(), section: z.string().optional() }).optional(),
  });

  const step = z.union([z.string(), obj({ say: z.string() }), obj({ wait: z.literal(true) })], {
    error: 'a step is a choice id, { say: text } or { wait: true }',
  });
  const percent = (what: string) => z.number().min(0, { error: `${what} is a percent from 0 to 100` }).max(100, { error: `${what} is a percent from 0 to 100` });
  const test = obj({
    name: z.string({ error: 'every test needs a name' }),
    steps: z.array(step, { error: 'steps must be a list' }),
    expect: obj({
      outcome: z.enum(OUTCOMES, { error: 'outcome must be success, partial or failure' }).optional(),
      ending: z.string().optional(),
      percent: percent('percent').optional(),
      minPercent: percent('minPercent').optional(),
      maxPercent: percent('maxPercent').optional(),
      passed: z.boolean().optional(),
      total: z.number().optional(),
    }),
  });

  const scenario = obj({
    id: z
      .string({ error: (iss) => (iss.input === undefined ? 'missing id: give the scenario an id like `id: angry-customer`' : 'id must be text') })
      .regex(ID_PATTERN, { error: 'id may use only lower-case letters, digits and hyphens, e.g. angry-customer' }),
    title: text,
    summary: text.optional(),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'difficulty must be 1, 2 or 3' }).optional(),
    tags: z.array(z.string(), { error: 'tags must be a list, e.g. [angry, complaint]' }).optional(),
    passScore: z
      .number({ error: 'passScore must be a number from 0 to 100' })
      .min(0, { error: 'passScore must be from 0 to 100 (a percent)' })
      .max(100, { error: 'passScore must be from 0 to 100 (a percent)' })
      .optional(),
    cast: z.record(z.string(), castMember, { error: 'cast must be a map of cast id -> { name, role, type }' }),
    meters: z.record(z.string(), meter, { error: 'meters must be a map of meter name -> { initial, min, max, label }' }).optional(),
    lessons: z.record(z.string(), lesson, { error: 'lessons must be a map of lesson id -> { title, principle }' }).optional(),
    start: z.string({ error: (iss) => (iss.input === undefined ? 'missing start: name the first node, e.g. `start: opening`' : 'start must be a node id') }),
    nodes: z.record(z.string(), node, { error: 'nodes must be a map of node id -> node' }),
    tests: z.array(test, { error: 'tests must be a list' }).optional(),
  });

  const catalog = obj({
    lessons: z.record(z.string(), lesson, { error: 'lessons must be a map of lesson id -> { title, principle }' }),
  });

  return { scenario, catalog, condition, comparison };
}

export const strictSchemas = build('strict');
export const looseSchemas = build('loose');

export type RawScenario = z.infer<typeof looseSchemas.scenario>;
export type RawCatalog = z.infer<typeof looseSchemas.catalog>;
export type RawNode = RawScenario['nodes'][string];
export type RawLesson = NonNullable<RawScenario['lessons']>[string];
export type RawCondition = z.infer<typeof looseSchemas.condition>;

export { COMPARISONS };

/** The scenario format as JSON Schema 2020-12, for editors (yaml-language-server) and tools. */
export function scenarioJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(looseSchemas.scenario, { target: 'draft-2020-12', unrepresentable: 'any' }) as object),
    $id: 'https://roleplay.local/scenario.schema.json',
    title: 'roleplay scenario',
  };
}

export function catalogJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(looseSchemas.catalog, { target: 'draft-2020-12', unrepresentable: 'any' }) as object),
    $id: 'https://roleplay.local/lessons.schema.json',
    title: 'roleplay lesson catalog',
  };
}
