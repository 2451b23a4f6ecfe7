/**
 * Commander's own words in `--help` (headings, "display help for command", "(default: …)",
 * "(choices: …)") in the trainer's language. English keeps commander's text untouched.
 */
import { Help, type Command, type Option, type Argument } from 'commander';
import type { Lang } from '../core/index.js';
import { widthOf, wrapText } from '../text/layout.js';
import { said } from './env.js';

/** Commander's headings: its English, and ours in Chinese. */
const TITLES = [
  said('用法：', 'Usage:'),
  said('选项：', 'Options:'),
  said('命令：', 'Commands:'),
  said('参数：', 'Arguments:'),
  said('全局选项：', 'Global Options:'),
];
const TITLES_ZH: ReadonlyMap<string, string> = new Map(TITLES.map((t) => [t.en, t.zh]));

const ANSI = /\x1b\[\d*(?:;\d*)*m/g;
const columns = (text: string) => widthOf(text.replace(ANSI, ''));

/** `(可选值：zh, en；默认：text)`, after the description, the way commander adds its English one. */
function withExtras(
  description: string,
  choices: readonly string[] | undefined,
  shownDefault: string | undefined,
): string {
  const extras: string[] = [];
  if (choices) extras.push(`可选值：${choices.join(', ')}`);
  if (shownDefault !== undefined) extras.push(`默认：${shownDefault}`);
  if (extras.length === 0) return description;
  const note = `（${extras.join('；')}）`;
  return description ? `${description}${note}` : note;
}

const defaultText = (value: unknown, described: string | undefined) =>
  described || (typeof value === 'string' ? value : JSON.stringify(value));

/** Commander wraps at spaces only; Chinese has none, so wrap as the screens do (two columns a character, no line starting with closing punctuation). */
function wrapZh(this: Help, text: string, width: number): string {
  return width < this.minWidthToWrap ? text : wrapText(text, width).join('\n');
}

/**
 * Help text fitted to the terminal: commander wraps the option table, but prints the text a
 * command adds after it (what a command checks, where its file goes) as one long line each.
 * Lines wider than the help's width are wrapped as the screens wrap, in either language.
 */
export function fitHelp(text: string, width = process.stdout.columns || 80): string {
  return text
    .split('\n')
    .map((line) => (columns(line) > width ? wrapText(line, width).join('\n') : line))
    .join('\n');
}

/**
 * Sets the help's language on the program; call before adding commands, which inherit the help
 * settings and the help option from it.
 */
export function helpInLang(program: Command, lang: Lang): void {
  if (lang === 'en') {
    program.configureHelp({ sortSubcommands: false });
    return;
  }
  program.helpOption('-h, --help', '显示帮助').configureHelp({
    sortSubcommands: false,
    styleTitle: (title: string) => TITLES_ZH.get(title) ?? title,
    optionDescription(option: Option): string {
      // same rule as commander: a default is shown for options that take a value
      const shown = option.defaultValue !== undefined && (option.required || option.optional);
      return withExtras(
        option.description,
        option.argChoices,
        shown ? defaultText(option.defaultValue, option.defaultValueDescription) : undefined,
      );
    },
    argumentDescription(argument: Argument): string {
      // an empty list as default ([paths...]) means "none given": not worth a note
      const value: unknown = argument.defaultValue;
      const shown = value !== undefined && !(Array.isArray(value) && value.length === 0);
      return withExtras(
        argument.description,
        argument.argChoices,
        shown ? defaultText(value, argument.defaultValueDescription) : undefined,
      );
    },
    displayWidth: columns,
    boxWrap: wrapZh,
    // commander puts a space after "Usage:"; a full-width colon needs none
    formatHelp(cmd: Command, helper: Help): string {
      return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^用法： /, '用法：');
    },
  });
}
