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

  // Descriptions (and $defs names) for the JSON Schema that editors show on hover. A registry
  // per flavour, so that building both flavours never clashes on an id.
  const docs = z.registry<{ description?: string; id?: string }>();
  const doc = <S extends z.ZodType>(schema: S, description: string, id?: string): S => {
    docs.add(schema, id === undefined ? { description } : { description, id });
    return schema;
  };

  const number = (what: string) =>
    z.number({ error: (iss) => (iss.input === undefined ? `missing ${what}` : `${what} must be a number`) });

  // In a YAML flow map, an unquoted comma ends the value: `{ en: Hi, there }` reads as
  // { en: Hi, there: null }. Such keys are accepted here and reported by lint as a warning.
  const text = doc(z.union([z.string(), z.record(z.string(), z.union([z.string(), z.null()]))], {
    error: `expected text: ${TEXT_HINT}`,
  }), `Text shown to the trainee: ${TEXT_HINT}.`, 'text');

  const points = doc(z.record(z.string(), number('points'), {
    error: 'expected a map of lesson id to points, e.g. { listen-first: 2 }',
  }), 'Points for lessons when this way is taken: lesson id -> points (may be negative), e.g. { listen-fully: 2 }.', 'score');
  const deltas = doc(z.record(z.string(), number('a meter change'), {
    error: 'expected a map of meter name to change, e.g. { mood: -1 }',
  }), 'Meter changes when this way is taken: meter -> change, then clamped to the meter\'s min..max, e.g. { mood: -1 }.', 'effects');

  const comparison = obj({
    eq: number('eq').optional(),
    gte: number('gte').optional(),
    gt: number('gt').optional(),
    lte: number('lte').optional(),
    lt: number('lt').optional(),
  });
  const condition = doc(z.record(z.string(), z.union([comparison, z.string()]), {
    error: 'expected a condition: a map of meter -> comparison, e.g. { trust: { gte: 1 } }, or { visited: node-id }',
  }), 'A condition: meter -> comparison (eq, gte, gt, lte, lt), and/or visited: node-id (entered earlier in this run); all parts must hold. E.g. { trust: { gte: 1 } }.', 'condition');

  const goto = doc(z.string({ error: (iss) => (iss.input === undefined ? 'missing goto: every way out of a node needs `goto: <node id>`' : 'goto must be a node id') }), 'The id of the node this way leads to.');

  const consequence = {
    score: points.optional(),
    effects: deltas.optional(),
    feedback: doc(text.optional(), 'Shown after this way is taken, and in the debrief: why it was good or bad.'),
    goto,
  };

  const choice = doc(obj({
    id: z.string({ error: (iss) => (iss.input === undefined ? 'missing id: every choice needs an `id`' : 'a choice id must be text') }),
    text: text.optional(),
    if: condition.optional(),
    ...consequence,
  }), 'A choice the trainee can pick: id, text, optional if (hidden unless it holds), score, effects, feedback, goto.', 'choice');

  const timeout = doc(obj({
    seconds: z
      .number({ error: (iss) => (iss.input === undefined ? 'missing seconds: how long the trainee has, e.g. `seconds: 30`' : `seconds must be a number of seconds, e.g. \`seconds: 30\` (got ${JSON.stringify(iss.input)})`) })
      .positive({ error: 'seconds must be more than 0' })
      .max(86400, { error: 'seconds must be at most 86400 (one day)' }),
    ...consequence,
  }), 'What happens when the trainee does not act within `seconds`.', 'timeout');

  const keywords = z.array(z.string(), { error: 'expected a list of keywords, e.g. [您好, hello]' });
  const match = doc(obj({
    all: doc(keywords.optional(), 'Every keyword must appear in the answer.'),
    any: doc(keywords.optional(), 'At least one keyword must appear.'),
    none: doc(keywords.optional(), 'No keyword may appear.'),
    regex: doc(z.string({ error: 'regex must be a pattern in quotes' }).optional(), 'A pattern tested on the answer after lower-casing and removing spaces and punctuation; write it that way, e.g. "(华苏|huasu).*(割接|cutover)".'),
  }), 'How an answer is matched. Answer and keywords are compared after NFKC, lower case, and removing spaces and punctuation; all parts must hold.', 'match');
  const rule = doc(obj({ match: match.optional(), ...consequence }), 'An answer rule; rules are tried in order and the first that matches wins. The last rule has no `match` and catches every other answer.', 'rule');

  const input = obj({
    prompt: doc(text.optional(), 'The question above the answer box.'),
    rules: z.array(rule, { error: 'expected a list of rules under `rules:`' }).min(1, { error: 'an input needs at least one rule' }),
  });

  const branch = doc(obj({ if: condition.optional(), ...consequence }), 'An automatic branch: the first entry whose `if` holds is taken; the last entry has no `if`.', 'when-entry');

  const end = obj({
    outcome: z.enum(OUTCOMES, { error: (iss) => `outcome ${iss.input === undefined ? 'is missing' : `'${String(iss.input)}' is not valid`}; use success, partial or failure` }),
  });

  const node = doc(obj({
    speaker: doc(z.string({ error: 'speaker must be a cast id or narrator' }).optional(), 'Who speaks the text: a cast id or `narrator` (default: the first cast member).'),
    text: text.optional(),
    choices: doc(z.array(choice, { error: 'expected a list of choices' }).min(1, { error: 'a choice node needs at least one choice' }).optional(), 'The trainee picks one of the visible choices.'),
    timeout: timeout.optional(),
    input: doc(input.optional(), 'The trainee types an answer, matched against `rules`.'),
    when: doc(z.array(branch, { error: 'expected a list of `if`/`goto` entries under `when:`' }).min(1, { error: 'when needs at least one entry' }).optional(), 'Automatic branch: no trainee step.'),
    end: doc(end.optional(), 'An ending: { outcome: success | partial | failure }.'),
  }), 'A node: optional speaker and text, plus exactly one of choices, input, when or end.', 'node');

  const castMember = doc(obj({
    name: text,
    role: text.optional(),
    type: z.enum(CUSTOMER_TYPES, { error: `type must be one of ${CUSTOMER_TYPES.join(', ')}` }).optional(),
  }), 'A person in the case: name, optional role and customer type.', 'cast-member');

  const meter = doc(obj({
    initial: number('initial').optional(),
    min: number('min').optional(),
    max: number('max').optional(),
    label: text.optional(),
  }), 'A number that changes as the trainee acts (shown as a bar): initial, min, max, label.', 'meter');

  const lesson = doc(obj({
    title: text,
    principle: text,
    source: obj({ file: z.string(), section: z.string().optional() }).optional(),
  }), 'A lesson scored by this case: title and principle.', 'lesson');

  const step = z.union([z.string(), obj({ say: z.string() }), obj({ wait: z.literal(true) })], {
    error: 'a step is a choice id, { say: text } or { wait: true }',
  });
  const percent = (what: string) => z.number().min(0, { error: `${what} is a percent from 0 to 100` }).max(100, { error: `${what} is a percent from 0 to 100` });
  const test = doc(obj({
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
  }), 'A scenario test run by `roleplay test`: steps (choice id, { say: text }, { wait: true }) and what to expect.', 'test');

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
  doc(scenario.shape.id, 'Unique id of the case: lower-case letters, digits and hyphens.');
  doc(scenario.shape.passScore, 'Percent of the best possible score needed to pass (default 70).');
  doc(scenario.shape.cast, 'The people in the case; the first is the default speaker.');
  doc(scenario.shape.start, 'The id of the first node.');
  doc(scenario.shape.nodes, 'The nodes of the case: node id -> node.');

  const catalog = obj({
    lessons: z.record(z.string(), lesson, { error: 'lessons must be a map of lesson id -> { title, principle }' }),
  });

  return { scenario, catalog, condition, comparison, docs };
}

export const strictSchemas = build('strict');
export const looseSchemas = build('loose');

export type RawScenario = z.infer<typeof looseSchemas.scenario>;
export type RawCatalog = z.infer<typeof looseSchemas.catalog>;
export type RawNode = RawScenario['nodes'][string];
export type RawLesson = NonNullable<RawScenario['lessons']>[string];
export type RawCondition = z.infer<typeof looseSchemas.condition>;

export { COMPARISONS };

/**
 * The scenario format as JSON Schema 2020-12, for editors (yaml-language-server) and tools.
 * From the strict schema, so an editor flags a misspelt key as you type (the loader only
 * warns about it, as the contract asks).
 */
export function scenarioJsonSchema(): unknown {
  return {
    $id: 'https://roleplay.local/scenario.schema.json',
    title: 'roleplay scenario',
    description: 'A branching practice case for roleplay: cast, meters, nodes (choices, input, when, end) and tests.',
    ...(z.toJSONSchema(strictSchemas.scenario, { target: 'draft-2020-12', unrepresentable: 'any', metadata: strictSchemas.docs }) as object),
  };
}

export function catalogJsonSchema(): unknown {
  return {
    $id: 'https://roleplay.local/lessons.schema.json',
    title: 'roleplay lesson catalog',
    description: 'Lessons that roleplay scenarios score: lesson id -> { title, principle }.',
    ...(z.toJSONSchema(strictSchemas.catalog, { target: 'draft-2020-12', unrepresentable: 'any', metadata: strictSchemas.docs }) as object),
  };
}
