/**
 * The shape of a scenario file and of a lesson catalog, as zod schemas. This is the single
 * source of truth for field names and types: the loader validates with it and
 * `roleplay schema` prints it as JSON Schema. Cross-references (does this `goto` exist?)
 * are checked afterwards, in references.ts, where every name in the file is known.
 *
 * Each object comes in two flavours from one factory: `strict` reports unknown keys (which
 * the loader turns into warnings, as the contract asks), `loose` keeps the data.
 */
import * as z from 'zod';
import { schemaIssue as says, type NumberField } from './messages.js';
import { MAX_SCENARIO_NUMBER } from './limits.js';
import { COMPARISONS, CUSTOMER_TYPES, OUTCOMES } from './model.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const TEXT_HINT = 'a string, or a map of language codes to strings, e.g. { zh: 您好, en: Hello }';

type Flavour = 'strict' | 'loose';

/** What every part of the schema is built with: the flavour's object, descriptions, numbers. */
interface Kit {
  readonly obj: <T extends z.ZodRawShape>(shape: T) => z.ZodObject<T>;
  readonly doc: <S extends z.ZodType>(schema: S, description: string, id?: string) => S;
  readonly number: (what: NumberField) => z.ZodNumber;
  readonly docs: ReturnType<typeof z.registry<{ description?: string; id?: string }>>;
}

function kitFor(flavour: Flavour): Kit {
  // Descriptions (and $defs names) for the JSON Schema that editors show on hover. A registry
  // per flavour, so that building both flavours never clashes on an id.
  const docs = z.registry<{ description?: string; id?: string }>();
  return {
    obj: ((shape: z.ZodRawShape) =>
      flavour === 'strict' ? z.strictObject(shape) : z.looseObject(shape)) as Kit['obj'],
    doc: (schema, description, id) => {
      docs.add(schema, id === undefined ? { description } : { description, id });
      return schema;
    },
    // Error texts are keys of schemaMessages (messages.ts): the loader words them in the trainer's language.
    // Bounded so that sums, percents and meters stay finite (limits.ts).
    number: (what) =>
      z
        .number({
          error: (iss) =>
            iss.input === undefined
              ? says('number-missing', what)
              : typeof iss.input === 'number' // .inf or .nan
                ? says('number-range', what)
                : says('number-type', what),
        })
        .min(-MAX_SCENARIO_NUMBER, { error: says('number-range', what) })
        .max(MAX_SCENARIO_NUMBER, { error: says('number-range', what) }),
    docs,
  };
}

/** Text, points, meter changes, conditions and the parts every way out of a node has. */
function basics({ obj, doc, number }: Kit) {
  // In a YAML flow map, an unquoted comma ends the value: `{ en: Hi, there }` reads as
  // { en: Hi, there: null }. Such keys are accepted here and reported by lint as a warning.
  const text = doc(
    z.union([z.string(), z.record(z.string(), z.union([z.string(), z.null()]))], { error: says('text') }),
    `Text shown to the trainee: ${TEXT_HINT}.`,
    'text',
  );
  const points = doc(
    z.record(z.string(), number('points'), { error: says('score-map') }),
    'Points for lessons when this way is taken: lesson id -> points (may be negative), e.g. { listen-fully: 2 }.',
    'score',
  );
  const deltas = doc(
    z.record(z.string(), number('meter-change'), { error: says('effects-map') }),
    "Meter changes when this way is taken: meter -> change, then clamped to the meter's min..max, e.g. { mood: -1 }.",
    'effects',
  );
  const comparison = obj({
    eq: number('eq').optional(),
    gte: number('gte').optional(),
    gt: number('gt').optional(),
    lte: number('lte').optional(),
    lt: number('lt').optional(),
  });
  const condition = doc(
    z.record(z.string(), z.union([comparison, z.string()]), { error: says('condition') }),
    'A condition: meter -> comparison (eq, gte, gt, lte, lt), and/or visited: node-id (entered earlier in this run); all parts must hold. E.g. { trust: { gte: 1 } }.',
    'condition',
  );
  const goto = doc(
    z.string({ error: (iss) => (iss.input === undefined ? says('goto-missing') : says('goto-type')) }),
    'The id of the node this way leads to.',
  );
  const consequence = {
    score: points.optional(),
    effects: deltas.optional(),
    feedback: doc(text.optional(), 'Shown after this way is taken, and in the debrief: why it was good or bad.'),
    goto,
  };
  return { text, condition, comparison, consequence };
}

type Basics = ReturnType<typeof basics>;

/** Choices, timeouts, typed answers and their rules, `when` entries. */
function ways(kit: Kit, { text, condition, consequence }: Basics) {
  const { obj, doc } = kit;
  const choice = doc(
    obj({
      id: z.string({ error: (iss) => (iss.input === undefined ? says('choice-id-missing') : says('choice-id-type')) }),
      text: text.optional(),
      if: condition.optional(),
      ...consequence,
    }),
    'A choice the trainee can pick: id, text, optional if (hidden unless it holds), score, effects, feedback, goto.',
    'choice',
  );
  const timeout = doc(
    obj({
      seconds: z
        .number({
          error: (iss) =>
            iss.input === undefined ? says('seconds-missing') : says('seconds-type', JSON.stringify(iss.input)),
        })
        .positive({ error: says('seconds-positive') })
        .max(86400, { error: says('seconds-max') }),
      ...consequence,
    }),
    'What happens when the trainee does not act within `seconds`.',
    'timeout',
  );
  const rule = doc(
    obj({
      id: doc(
        z.string({ error: says('rule-id') }).optional(),
        'roleplay: a name for the rule, unique within its node; sample answers in `tests:` and reports name it.',
      ),
      match: matchOf(kit).optional(),
      ...consequence,
    }),
    'An answer rule; rules are tried in order and the first that matches wins. The last rule has no `match` and catches every other answer.',
    'rule',
  );
  const input = obj({
    prompt: doc(text.optional(), 'The question above the answer box.'),
    model: doc(
      text.optional(),
      'roleplay: the model answer a strong engineer would give; shown in the debrief, and it must take a best-scoring rule.',
    ),
    rules: z.array(rule, { error: says('rules-list') }).min(1, { error: says('rules-min') }),
  });
  const branch = doc(
    obj({ if: condition.optional(), ...consequence }),
    'An automatic branch: the first entry whose `if` holds is taken; the last entry has no `if`.',
    'when-entry',
  );
  return { choice, timeout, input, branch };
}

function matchOf({ obj, doc }: Kit) {
  const keywords = z.array(z.string(), { error: says('keywords') });
  return doc(
    obj({
      all: doc(keywords.optional(), 'Every keyword must appear in the answer.'),
      any: doc(keywords.optional(), 'At least one keyword must appear.'),
      none: doc(keywords.optional(), 'No keyword may appear.'),
      regex: doc(
        z.string({ error: says('regex') }).optional(),
        'A pattern tested on the answer after lower-casing and removing spaces and punctuation; write it that way, e.g. "(华苏|huasu).*(割接|cutover)".',
      ),
      affirm: doc(
        keywords.optional(),
        'roleplay: at least one keyword is said and NOT under a negation ("我不敢打包票" does not affirm 打包票).',
      ),
      negate: doc(
        keywords.optional(),
        'roleplay: at least one keyword is said under a negation ("我不敢打包票", "I can\'t guarantee").',
      ),
      time: doc(
        z.boolean({ error: says('match-flag', 'time') }).optional(),
        'roleplay: true: the answer names a concrete time or date (今晚十点, 周三, in 20 minutes); false: it names none. A bare number (12号站, 10年) is not a time.',
      ),
      hedge: doc(
        z.boolean({ error: says('match-flag', 'hedge') }).optional(),
        'roleplay: true: the answer holds a hedge (大概, 尽快, 应该, maybe, ASAP, should be); false: it holds none.',
      ),
    }),
    'How an answer is matched. Answer and keywords are compared after NFKC, lower case, and removing spaces and punctuation; all parts must hold.',
    'match',
  );
}

function nodeOf({ obj, doc }: Kit, { text }: Basics, w: ReturnType<typeof ways>) {
  const end = obj({
    outcome: z.enum(OUTCOMES, { error: (iss) => says('outcome', iss.input === undefined ? null : String(iss.input)) }),
  });
  return doc(
    obj({
      speaker: doc(
        z.string({ error: says('speaker') }).optional(),
        'Who speaks the text: a cast id or `narrator` (default: the first cast member).',
      ),
      text: text.optional(),
      choices: doc(
        z
          .array(w.choice, { error: says('choices-list') })
          .min(1, { error: says('choices-min') })
          .optional(),
        'The trainee picks one of the visible choices.',
      ),
      timeout: w.timeout.optional(),
      input: doc(w.input.optional(), 'The trainee types an answer, matched against `rules`.'),
      when: doc(
        z
          .array(w.branch, { error: says('when-list') })
          .min(1, { error: says('when-min') })
          .optional(),
        'Automatic branch: no trainee step.',
      ),
      end: doc(end.optional(), 'An ending: { outcome: success | partial | failure }.'),
    }),
    'A node: optional speaker and text, plus exactly one of choices, input, when or end.',
    'node',
  );
}

/** Cast members, meters and lessons. */
function people({ obj, doc, number }: Kit, { text }: Basics) {
  const castMember = doc(
    obj({
      name: text,
      role: text.optional(),
      type: z.enum(CUSTOMER_TYPES, { error: says('customer-type', CUSTOMER_TYPES.join(', ')) }).optional(),
    }),
    'A person in the case: name, optional role and customer type.',
    'cast-member',
  );
  const meter = doc(
    obj({
      initial: number('initial').optional(),
      min: number('min').optional(),
      max: number('max').optional(),
      label: text.optional(),
    }),
    'A number that changes as the trainee acts (shown as a bar): initial, min, max, label.',
    'meter',
  );
  const lesson = doc(
    obj({
      title: text,
      principle: text,
      source: obj({ file: z.string(), section: z.string().optional() }).optional(),
    }),
    'A lesson scored by this case: title and principle.',
    'lesson',
  );
  return { castMember, meter, lesson };
}

function testOf({ obj, doc }: Kit) {
  const step = z.union([z.string(), obj({ say: z.string() }), obj({ wait: z.literal(true) })], {
    error: says('step'),
  });
  const percent = (what: string) =>
    z
      .number()
      .min(0, { error: says('percent', what) })
      .max(100, { error: says('percent', what) });
  const answer = obj({
    say: z.string({ error: says('answer-say') }),
    rule: z.union([z.string(), z.number().int().positive()], { error: says('answer-rule') }),
  });
  return doc(
    obj({
      name: z.string({ error: says('test-name') }),
      // a path test has steps and expect; an answers test (roleplay) has node and answers
      steps: z.array(step, { error: says('steps') }).optional(),
      node: doc(
        z.string({ error: says('test-node') }).optional(),
        'roleplay: the input node whose sample answers this test checks (with `answers`, instead of steps/expect).',
      ),
      answers: doc(
        z.array(answer, { error: says('answers') }).optional(),
        'roleplay: sample answers at `node`: { say: text, rule: rule id | fallback | 1-based rule number }; each must take that rule.',
      ),
      expect: obj({
        outcome: z.enum(OUTCOMES, { error: says('test-outcome') }).optional(),
        ending: z.string().optional(),
        percent: percent('percent').optional(),
        minPercent: percent('minPercent').optional(),
        maxPercent: percent('maxPercent').optional(),
        passed: z.boolean().optional(),
        total: z.number().optional(),
      }).optional(),
    }),
    'A scenario test run by `roleplay test`: steps (choice id, { say: text }, { wait: true }) and what to expect; or (roleplay) node and sample answers, each with the rule it must take.',
    'test',
  );
}

function build(flavour: Flavour) {
  const kit = kitFor(flavour);
  const { obj, doc } = kit;
  const b = basics(kit);
  const node = nodeOf(kit, b, ways(kit, b));
  const { castMember, meter, lesson } = people(kit, b);
  const scenario = obj({
    id: z
      .string({ error: (iss) => (iss.input === undefined ? says('id-missing') : says('id-type')) })
      .regex(ID_PATTERN, { error: says('id-pattern') }),
    title: b.text,
    summary: b.text.optional(),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: says('difficulty') }).optional(),
    tags: z.array(z.string(), { error: says('tags') }).optional(),
    passScore: z
      .number({ error: says('passScore-type') })
      .min(0, { error: says('passScore-range') })
      .max(100, { error: says('passScore-range') })
      .optional(),
    cast: z.record(z.string(), castMember, { error: says('cast') }),
    meters: z.record(z.string(), meter, { error: says('meters') }).optional(),
    lessons: z.record(z.string(), lesson, { error: says('lessons') }).optional(),
    start: z.string({ error: (iss) => (iss.input === undefined ? says('start-missing') : says('start-type')) }),
    nodes: z.record(z.string(), node, { error: says('nodes') }),
    tests: z.array(testOf(kit), { error: says('tests') }).optional(),
  });
  doc(scenario.shape.id, 'Unique id of the case: lower-case letters, digits and hyphens.');
  doc(scenario.shape.passScore, 'Percent of the best possible score needed to pass (default 70).');
  doc(scenario.shape.cast, 'The people in the case; the first is the default speaker.');
  doc(scenario.shape.start, 'The id of the first node.');
  doc(scenario.shape.nodes, 'The nodes of the case: node id -> node.');
  const catalog = obj({ lessons: z.record(z.string(), lesson, { error: says('lessons') }) });
  return { scenario, catalog, condition: b.condition, comparison: b.comparison, docs: kit.docs };
}

type Schemas = ReturnType<typeof build>;

/** Each flavour is built when first used: building costs time at start-up that most runs never need twice. */
function lazily(flavour: Flavour): Schemas {
  let built: Schemas | undefined;
  const get = () => (built ??= build(flavour));
  return {
    get scenario() {
      return get().scenario;
    },
    get catalog() {
      return get().catalog;
    },
    get condition() {
      return get().condition;
    },
    get comparison() {
      return get().comparison;
    },
    get docs() {
      return get().docs;
    },
  };
}

export const strictSchemas = lazily('strict');
export const looseSchemas = lazily('loose');

export type RawScenario = z.infer<Schemas['scenario']>;
export type RawCatalog = z.infer<Schemas['catalog']>;
export type RawNode = RawScenario['nodes'][string];
export type RawLesson = NonNullable<RawScenario['lessons']>[string];
export type RawCondition = z.infer<Schemas['condition']>;

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
    ...(z.toJSONSchema(strictSchemas.scenario, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      metadata: strictSchemas.docs,
    }) as object),
  };
}

export function catalogJsonSchema(): unknown {
  return {
    $id: 'https://roleplay.local/lessons.schema.json',
    title: 'roleplay lesson catalog',
    description: 'Lessons that roleplay scenarios score: lesson id -> { title, principle }.',
    ...(z.toJSONSchema(strictSchemas.catalog, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      metadata: strictSchemas.docs,
    }) as object),
  };
}
