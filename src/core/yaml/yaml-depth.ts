/**
 * A bound on how deeply lists and maps may nest. yaml's composer, zod and every later walk
 * recurse, so 10,000 nested lists (`- - - - …` or `[[[[…`, a few kilobytes) used to run out of
 * stack somewhere different each time ("Maximum call stack size exceeded" at a position that
 * depended on who was asking). Here the parser's token tree, which is built without recursion,
 * is measured without recursion before anything recursive sees it, and a document nested
 * deeper than MAX_NESTING is refused with one message at the first list or map too deep.
 * Pure: text in, document out.
 */
import {
  Composer,
  Parser,
  YAMLParseError,
  type CST,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import type { Message } from '../format/messages.js';

/** A scenario needs about 8 levels (nodes → node → input → rules → rule → match → any → keyword). */
export const MAX_NESTING = 100;

export const tooDeepMessage = (limit: number): Message => ({
  code: 'too-deep',
  text: {
    zh: `列表和映射嵌套得太深（超过 ${limit} 层，上限 MAX_NESTING = ${limit}）；案例文件只需要十层左右`,
    en: `lists and maps are nested too deeply (more than ${limit} levels, the limit MAX_NESTING = ${limit}); a scenario needs about ten`,
  },
});

export type BoundedDocument =
  | { readonly doc: Document.Parsed; readonly tooDeep?: undefined }
  | { readonly doc?: undefined; readonly tooDeep: number };

/**
 * yaml's parseDocument (the first document; a second one is an error), except that a document
 * nested deeper than `limit` is not composed: its offset of the first collection too deep is
 * returned instead.
 */
export function parseDocumentBounded(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions,
  limit = MAX_NESTING,
): BoundedDocument {
  const parser = new Parser(options.lineCounter?.addNewLine);
  const composer = new Composer(options);
  let tooDeep: number | undefined;
  function* measured(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    for (const token of tokens) {
      tooDeep = firstTooDeep(token, limit);
      if (tooDeep !== undefined) return;
      yield token;
    }
  }
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(measured(parser.parse(text)), true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  if (tooDeep !== undefined) return { tooDeep };
  return { doc: doc! };
}

/** The offset of the first list or map (in file order) nested deeper than `limit`, walked with a stack. */
export function firstTooDeep(root: CST.Token, limit: number): number | undefined {
  const stack: [CST.Token, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    let children: (CST.Token | null | undefined)[] = [];
    let level = depth;
    if (token.type === 'document') children = [token.value];
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      level = depth + 1;
      if (level > limit) return token.offset;
      children = token.items.flatMap((item) => [item.key, item.value]);
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push([child, level]);
    }
  }
  return undefined;
}
