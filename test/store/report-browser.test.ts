/**
 * The HTML report in a real browser: headless Chromium (the system's, driven by
 * playwright-core) opens the file offline and must draw the tables, the heatmap and the path
 * diagram with the numbers of report-fixture.ts, with no console error and no request beyond
 * the file itself. Without Chromium this test fails and says how to install it (.ci/run
 * installs it; README, "For developers").
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { rp, tempDir } from './helpers.js';
import { recordReportFixture } from './report-fixture.js';

/** The system Chromium: CHROMIUM_PATH, else the first of the usual names on PATH. */
function findChromium(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist`);
    return named;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      /* next */
    }
  }
  throw new Error(
    'Chromium is missing: the HTML report is tested in a real browser. Install it with `apt-get install chromium` (as .ci/run does), or set CHROMIUM_PATH.',
  );
}

let tmp: ReturnType<typeof tempDir>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

/** Why the page could not be opened (no Chromium, say): every test then fails with it, none is skipped. */
let setupError: unknown;

beforeAll(async () => {
  try {
    await openReport();
  } catch (e) {
    setupError = e;
  }
}, 120_000);

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

async function openReport(): Promise<void> {
  tmp = tempDir();
  const store = openSqliteStore(tmp.db);
  await recordReportFixture(store);
  await store.close();
  const file = `${tmp.dir}/report.html`;
  const r = rp(['report', '--html', file, '--db', tmp.db, '--lang', 'en']);
  expect(r.status, r.stderr).toBe(0);
  const url = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  const context = await browser.newContext({ offline: true });
  // Anything but the file itself is counted and refused.
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  page = await context.newPage();
  page.on('request', (req) => {
    if (req.url() !== url && !requests.includes(req.url())) requests.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  expect(readFileSync(file, 'utf8')).not.toContain('<script');
}

afterAll(async () => {
  await browser?.close();
  tmp?.done();
});

/** A drawn element's size: zero when the browser did not lay it out. */
async function drawnSize(selector: string): Promise<{ width: number; height: number }> {
  const box = await page.locator(selector).first().boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

describe('the HTML report in headless Chromium', { timeout: 60_000 }, () => {
  it('loads offline with no request beyond the file and no console error', () => {
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('names the replies by their text, with the id in the tooltip and the mark of their points', async () => {
    const argue = page.locator('.reply[data-way="argue"] .label');
    await expect(argue.textContent()).resolves.toBe(
      '✗ The alarm has been going for ages, and you want paperwork? (-2)',
    );
    await expect(argue.getAttribute('title')).resolves.toBe('argue');
    // what trainees wrote, each quoted (<q>), most often first
    await expect(page.locator('.reply[data-way="rule 2"] .typed').textContent()).resolves.toBe(
      'typed: hello ×3 · 师傅您好 ×1',
    );
    await expect(page.locator('.reply[data-way="rule 2"] .typed q').allTextContents()).resolves.toEqual([
      'hello',
      '师傅您好',
    ]);
    expect((await drawnSize('.reply[data-way="show-permit"] .fill')).width).toBeGreaterThan(0);
  });

  it('shows exam and practice apart, and the replies that cost the most points', async () => {
    const modes = await page.locator('#modes-basement-alarm tbody tr').allTextContents();
    expect(modes).toEqual(['exam250%57%71%', 'practice2–29%43%', 'headless1–0%0%']);
    const costly = await page.locator('#costly tbody tr').allInnerTexts();
    expect(costly).toHaveLength(3);
    expect(costly[0]).toContain('an answer mentioning: 您好 / 你好 / 师傅 / hello');
    expect(costly[0]).toMatch(/−8$/);
    expect(costly[2]).toContain('The alarm has been going for ages');
  });

  it('draws the trainee × lesson heatmap with coloured cells', async () => {
    const cell = page.locator('#heatmap td[data-trainee="alice"][data-lesson="paperwork"]');
    await expect(cell.textContent()).resolves.toBe('83%');
    // runs in the page; the tests are type-checked without the DOM's types, hence the casts
    const colours = await page.locator('#heatmap td.cell[data-percent]').evaluateAll((tds) =>
      tds.map((td) => {
        const el = td as unknown as { dataset: { percent: string } };
        const win = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } };
        return [el.dataset.percent, win.getComputedStyle(td).backgroundColor];
      }),
    );
    expect(colours.length).toBe(16); // 4 trainees × 4 lessons
    const bg = new Map(colours.map(([p, c]) => [Number(p), c]));
    expect(bg.get(0)).not.toBe(bg.get(100)); // red against green
    expect(bg.get(100)).toMatch(/^rgb\(/);
    expect((await drawnSize('#heatmap')).width).toBeGreaterThan(100);
  });

  it('draws the path diagram with the counts of each way', async () => {
    const svg = '#paths-basement-alarm svg.paths';
    const size = await drawnSize(svg);
    expect(size.width).toBeGreaterThan(300);
    expect(size.height).toBeGreaterThan(100);
    const edge = (from: string, to: string) =>
      page.locator(`${svg} g.edge[data-from="${from}"][data-to="${to}"] text`).textContent();
    await expect(edge('lobby', 'permit')).resolves.toBe('5');
    await expect(edge('lobby', 'goodwill-check')).resolves.toBe('1');
    await expect(edge('permit', 'repaired')).resolves.toBe('3');
    await expect(edge('permit', 'on-hold')).resolves.toBe('0');
    await expect(page.locator(`${svg} g.node[data-node="repaired"] .visits`).textContent()).resolves.toBe('4');
    await expect(page.locator(`${svg} g.node`).count()).resolves.toBe(10); // every node of the case, visited or not
    // every node box is laid out inside the drawing
    const boxes = await page
      .locator(`${svg} g.node rect`)
      .evaluateAll((rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width));
    expect(boxes.every((w) => w > 0)).toBe(true);
    await expect(page.locator('pre.mermaid-source').first().textContent()).resolves.toMatch(/^flowchart LR\n/);
  });
});
