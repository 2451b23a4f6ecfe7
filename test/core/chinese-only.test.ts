/**
 * A text that should be bilingual but is one plain Chinese string gets a lint warning, which
 * fails `--strict` (issue #19); a `{ zh: … }` map without `en` was already warned about. The
 * bundled cases are clean under `--strict`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/core/index.js';
import { chineseOnlyText } from '../../src/core/format/chinese-only.js';
import { rp } from '../cli/helpers.js';

const CASE = `id: plain-chinese
title: 门卫
cast:
  guard: { name: { zh: 老李, en: Old Li }, role: 门卫 }
meters:
  mood: { initial: 0, min: -2, max: 2, label: Mood }
lessons:
  calm: { title: { zh: 冷静 }, principle: { zh: 保持冷静, en: Stay calm } }
start: s
nodes:
  s:
    text: { zh: 你好, en: Hello }
    choices:
      - id: x
        text: { zh: 好, en: OK }
        feedback: 说得好 (well said)
        score: { calm: 1 }
        effects: { mood: 1 }
        goto: e
  e:
    end: { outcome: success }
`;

describe('Chinese-only text (core API)', () => {
  it('a plain string with Chinese in it is a warning at its position; English plain text and full maps are not', () => {
    const loaded = loadFile(CASE, 'x.yaml', undefined, { lang: 'en' });
    expect(loaded.kind === 'scenario' && loaded.scenario).toBeTruthy(); // still loads
    const found = loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
    expect(found).toEqual([
      '2:8 warning chinese-only', // title: 门卫
      '4:48 warning chinese-only', // role: 门卫
      '8:18 warning missing-translation', // lesson title { zh: 冷静 }
      '16:19 warning chinese-only', // feedback mixing Chinese and English is still Chinese to an English reader
    ]);
    const zh = loadFile(CASE, 'x.yaml', undefined, { lang: 'zh' }).diagnostics[0]!;
    expect(zh.message).toBe('这段文字只有中文；请写成 `{ zh: …, en: … }`，否则英文界面也只能显示中文');
  });

  it('chineseOnlyText: plain strings with Han characters only', () => {
    expect(chineseOnlyText('门卫')?.code).toBe('chinese-only');
    expect(chineseOnlyText('Guard')).toBeUndefined();
    expect(chineseOnlyText('')).toBeUndefined();
    expect(chineseOnlyText({ zh: '门卫' })).toBeUndefined(); // the missing-translation warning's
    expect(chineseOnlyText({ zh: '门卫', en: 'Guard' })).toBeUndefined();
  });

  it('the catalog’s lessons are checked the same way', () => {
    const catalog = 'lessons:\n  calm: { title: 冷静, principle: { zh: 保持冷静, en: Stay calm } }\n';
    const d = loadFile(catalog, 'lessons.yaml', undefined, { lang: 'en' }).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['2:18 chinese-only']);
  });
});

describe('Chinese-only text (lint)', () => {
  it('warns without changing the exit status; --strict fails', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'roleplay-chinese-only-')), 'case.yaml');
    writeFileSync(file, CASE);
    const r = rp(['lint', '--lang', 'en', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      `${file}:2:8: warning: this text is in Chinese only; write it as \`{ zh: …, en: … }\` so the English UI has English to show`,
    );
    expect(rp(['lint', '--lang', 'en', '--strict', file]).status).toBe(1);
  });

  it('the bundled cases are clean under --strict', () => {
    const r = rp(['lint', '--lang', 'en', '--strict', 'scenarios']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
