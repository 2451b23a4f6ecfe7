/**
 * Why a step cannot be taken, in Chinese and English side by side (like messages.ts), so that
 * `roleplay run` and `roleplay test` can tell a trainer in the language they chose. Node and
 * choice ids appear verbatim in both: the contract says a refused step names its node and the
 * valid choice ids, and trainers search their file for them.
 */
import type { Choice, NodeId, ScenarioNode } from '../format/model.js';
import { listOf } from '../format/suggest.js';
import { said, type Said } from '../text.js';

const q = (name: string) => `「${name}」`;

/** "a、b、c" — Chinese lists the ids; an empty list says so. */
const zhList = (ids: readonly string[]) => (ids.length === 0 ? '（没有）' : ids.join('、'));

/** What a node wants next. The Chinese is a predicate ("要选一个选项（…）") so it follows a node or 它. */
export function expectsSaid(node: ScenarioNode, visible?: readonly Choice[]): Said {
  const timed = (node.kind === 'choice' || node.kind === 'input') && node.timeout !== undefined;
  const orWait = timed
    ? said('，或用 { wait: true } 等到超时', ', or { wait: true } to let the timeout fire')
    : said('', '');
  switch (node.kind) {
    case 'choice': {
      const ids = (visible ?? node.choices).map((c) => c.id);
      return said(`要选一个选项（${zhList(ids)}）${orWait.zh}`, `a choice (${listOf(ids)})${orWait.en}`);
    }
    case 'input':
      return said(`要输入一个回答（{ say: ... }）${orWait.zh}`, `a typed answer ({ say: ... })${orWait.en}`);
    case 'branch':
      return said('不接受任何步骤（它会自动分支）', 'nothing (it branches automatically)');
    case 'end':
      return said('不接受任何步骤（它是结局）', 'nothing (it is an ending)');
  }
}

export const stepMessages = {
  alreadyEnded: (node: NodeId) => said(`这次运行已经在${q(node)}结束了`, `the run already ended at '${node}'`),
  notAChoiceNode: (node: NodeId, choice: string, expects: Said) =>
    said(
      `节点${q(node)}${expects.zh}，不能选${q(choice)}`,
      `node '${node}' expects ${expects.en}, not the choice '${choice}'`,
    ),
  /** `hidden`: the choice exists at the node but its condition does not hold now */
  notVisible: (node: NodeId, choice: string, hidden: boolean, valid: readonly string[]) =>
    said(
      `${hidden ? `节点${q(node)}的选项${q(choice)}现在不可选（它的条件不成立）` : `节点${q(node)}没有${q(choice)}这个选项`}；可选的选项：${zhList(valid)}`,
      `'${choice}' is ${hidden ? 'hidden (its condition does not hold)' : 'not a choice'} at node '${node}'; valid choices: ${listOf(valid)}`,
    ),
  notAnInputNode: (node: NodeId, expects: Said) =>
    said(`节点${q(node)}${expects.zh}，不能输入回答`, `node '${node}' expects ${expects.en}, not a typed answer`),
  noTimeout: (node: NodeId, expects: Said) =>
    said(
      `节点${q(node)}没有 timeout，不能等待；它${expects.zh}`,
      `node '${node}' has no timeout to wait for; it expects ${expects.en}`,
    ),
  ranOut: (node: NodeId, expects: Said) =>
    said(
      `步骤用完时停在节点${q(node)}，还没到结局；它${expects.zh}`,
      `the steps ran out at node '${node}' before an ending; it expects ${expects.en}`,
    ),
  /** a refused step, numbered from 1 as trainers count the steps in their list */
  atStep: (step: number, why: Said) => said(`第 ${step} 步：${why.zh}`, `step ${step}: ${why.en}`),
};
