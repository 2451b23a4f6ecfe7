/**
 * CSV cells never carry what a terminal or a spreadsheet would act on: escape sequences and
 * control characters are dropped, and a cell that starts like a formula (= + - @) is quoted
 * as text. Typed answers and trainee names come from people; they are the way in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/report/csv.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  const store = openSqliteStore(tmp.db);
  // the fallback rule takes it; the name and the answer both try their luck
  await record(store, {
    trainee: '@evil\u001b[2J\r\nname',
    steps: [{ say: '\u001b[31m=HYPERLINK("http://x.example","y")\u0007\u202e' }, 'argue', 'wait-calmly'],
    mode: 'exam',
  });
  await record(store, { trainee: '+plus', steps: [{ say: '-1+1' }, 'call-noc', 'wait-calmly'], mode: 'practice' });
  await store.close();
});
afterAll(() => tmp.done());

describe('CSV hygiene', { timeout: 60_000 }, () => {
  it('guards each cell: no controls, formulas quoted as text, numbers left as numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('  @cmd')).toBe("'  @cmd");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a\u001b[31mb\u0007\r\nc')).toBe('ab c');
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell(null)).toBe('');
  });

  it('writes every table of hostile sessions without a control character or a live formula', () => {
    const dir = join(tmp.dir, 'out');
    const r = rp(['report', '--csv', `${dir}/`, '--db', tmp.db, '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    let cells = 0;
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      // rows end in CRLF; nothing else below a space, no DEL, C1 or bidi override
      expect(text.replace(/\r\n/g, ''), file).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      for (const line of text.split('\r\n').filter(Boolean))
        for (const cell of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) {
          const value = cell.replace(/,$/, '').replace(/^"|"$/g, '');
          cells++;
          if (/^[=+@]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value)))
            throw new Error(`${file}: a live formula: ${value}`);
        }
    }
    expect(cells).toBeGreaterThan(100);
    const answers = readFileSync(join(dir, 'answers.csv'), 'utf8');
    expect(answers).toContain(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    expect(answers).toContain("'-1+1");
    expect(readFileSync(join(dir, 'trainees.csv'), 'utf8')).toContain("'@evil name,");
  });
});
