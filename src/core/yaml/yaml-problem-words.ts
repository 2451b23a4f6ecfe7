/**
 * The yaml parser's problems in Chinese. The parser (eemeli/yaml) reports each problem with a
 * code (`YAMLError.code`) and an English sentence; a Chinese-speaking trainer gets the wording
 * below instead of that sentence. A code that covers several problems (MISSING_CHAR is a missing
 * comma, colon, space or dash) is worded by its message where the message is one we know.
 * English keeps the parser's own sentence (messages.ts), which is specific, except where that
 * sentence names no fix (yamlProblemEn).
 */
import type { ErrorCode } from 'yaml';

/** What each code means, for any message of that code. The type makes a new yaml code a compile error here. */
const BY_CODE: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: '别名（*name）不能带锚点或标签',
  BAD_ALIAS: '这个别名（*name）或锚点（&name）写得不对：名字不能为空，也不能以冒号结尾',
  BAD_COLLECTION_TYPE: '这个标签（!）不能用在这种内容上',
  BAD_DIRECTIVE: '这个 % 指令写得不对',
  BAD_DQ_ESCAPE: '双引号里的 \\ 转义写得不对；要写反斜杠本身，请用 \\\\，或改用单引号',
  BAD_INDENT: '这里的缩进不对；请用空格让它和同级的行对齐',
  BAD_PROP_ORDER: '锚点（&）和标签（!）要写在值的前面',
  BAD_SCALAR_START: '文字不能以这个字符开头；请给整段文字加上引号',
  BLOCK_AS_IMPLICIT_KEY: '这里缺了一个冒号，或者缩进不对：多行内容不能当作键',
  BLOCK_IN_FLOW: '在 [ ] 或 { } 里不能换行写块状内容；请写在一行里，或改用缩进格式',
  DUPLICATE_KEY: '同一层里出现了重复的键',
  IMPOSSIBLE: 'YAML 无法读取这里；请检查这一行的写法',
  KEY_OVER_1024_CHARS: '键太长了（冒号离键的开头超过 1024 个字符）；是不是少了一个冒号？',
  MISSING_CHAR: '这里少了一个字符（引号、括号、逗号、冒号或空格）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行；是不是少了一个冒号，或者一段文字需要加引号？',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&）',
  MULTIPLE_DOCS: '这个文件里有不止一个 YAML 文档（有一行 `---`）；每个案例请单独放一个文件',
  MULTIPLE_TAGS: '一个值只能有一个标签（!）',
  NON_STRING_KEY: '键必须是文字',
  RESOURCE_EXHAUSTION: '这段 YAML 太复杂（嵌套或别名太多），无法读取；请把内容直接写出来',
  TAB_AS_INDENT: '缩进里用了 Tab；YAML 只能用空格缩进（请把 Tab 换成空格）',
  TAG_RESOLVE_FAILED: '无法识别这个标签（!）',
  UNEXPECTED_TOKEN: '这里出现了意料之外的内容；是不是少了冒号、引号，或者缩进不对？',
};

type Wording = string | ((match: RegExpExecArray) => string);

/**
 * Finer wording for the parser's commoner messages (yaml 2.x's English text, matched loosely):
 * the Chinese, and an English one where the parser's own sentence names no fix.
 */
const BY_MESSAGE: readonly (readonly [RegExp, Wording, string?])[] = [
  [
    /^Missing closing "quote/,
    '这里的双引号（"）没有闭合；请补上结尾的 "',
    'a double quote (") is not closed: add the closing " at the end of the text',
  ],
  [
    /^Missing closing 'quote/,
    "这里的单引号（'）没有闭合；请补上结尾的 '",
    "a single quote (') is not closed: add the closing ' at the end of the text",
  ],
  [
    /^Implicit map keys need to be followed by map values/,
    '这一行像是一个键，但后面没有冒号；请写成 `键: 值`',
    'this line looks like a key but has no colon after it: write it as `key: value`',
  ],
  [/^Missing , or : between/, '{ } 里的各项之间少了逗号，或键后面少了冒号'],
  [/^Missing , between/, '[ ] 或 { } 里的各项之间少了逗号'],
  [
    /^Missing space after :/,
    '冒号后面要有一个空格（写成 `键: 值`）',
    'a colon needs a space after it: write `key: value`',
  ],
  [
    /^Sequence item without - indicator/,
    '列表里的这一项前面少了 `- `',
    'this line is not indented like the lines around it, so it reads as a list item without its `- `: line it up with its siblings (or start it with `- ` if it is a new item)',
  ],
  [/^Tags and anchors must be separated/, '锚点（&）或标签（!）后面要有一个空格'],
  [/^Comments must be separated/, '# 注释前面要有空格；如果 # 是文字的一部分，请给整段文字加上引号'],
  [/^Missing directives-end/, '% 指令后面少了一行 `---`'],
  [/^Block collection cannot start on same line with directives-end/, '`---` 所在的那一行不能接着写列表或映射'],
  [/^Unexpected , in/, '这里多了一个逗号'],
  [/^Unexpected empty item in/, '[ ] 或 { } 里有一个空项（两个逗号之间什么也没有）'],
  [/^Block scalar header includes extra characters/, '| 或 > 后面同一行不能再写文字；请把文字写到下一行，并缩进'],
  [/^Unexpected doc-end without preceding document/, '`...` 前面没有 YAML 文档'],
  [
    /^All sequence items must start at the same column/,
    '同一个列表的各项（`- `）要从同一列开始；请用空格把它们对齐',
    'the items of one list (`- `) must start at the same column: line them up with spaces',
  ],
  [
    /^All mapping items must start at the same column/,
    '同一层的各个键要从同一列开始；请用空格把它们对齐',
    'the keys at one level must start at the same column: line them up with spaces',
  ],
  [/^Flow end indicator should be more indented than parent/, '结尾的 ] 或 } 要比它所属的那一行缩进更多'],
  [
    /^Nested mappings are not allowed in compact mappings/,
    '这一行比上一行缩进得多，但上一行的值已经写完了；请让同一层的键对齐',
    'this line is indented more than the line before it, whose value is already complete: line the keys of one level up at the same column',
  ],
  [/^Not a YAML token: (.+)$/, (m) => `「${m[1]}」放在这里读不懂：是不是少了冒号、引号，或者缩进不对？`],
  [/^Implicit keys (of flow sequence pairs )?need to be on a single line/, BY_CODE.MULTILINE_IMPLICIT_KEY],
  [
    /^Plain value cannot start with (?:.* )?(\S+)$/,
    (m) => `文字不能以「${m[1] === 'character' ? 'Tab' : m[1]}」开头；请给整段文字加上引号`,
  ],
  [/^Unresolved tag: (\S+)/, (m) => `无法识别标签 ${m[1]}；案例文件里不需要标签，请删掉它`],
];

/**
 * The Chinese for a parser problem: by its message where we know it, else by its code;
 * undefined for a code this table does not know (a newer yaml), where the caller falls back.
 */
export function yamlProblemZh(code: string, message: string): string | undefined {
  for (const [pattern, wording] of BY_MESSAGE) {
    const m = pattern.exec(message);
    if (m) return typeof wording === 'string' ? wording : wording(m);
  }
  return (BY_CODE as Readonly<Record<string, string>>)[code];
}

/** A trainer's English for a parser problem whose own sentence names no fix; undefined: keep the parser's. */
export function yamlProblemEn(message: string): string | undefined {
  return BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[2];
}

/** Every code the parser can report (for tests). */
export const YAML_PARSER_CODES: readonly string[] = Object.keys(BY_CODE);
