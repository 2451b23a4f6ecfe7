/**
 * Where scenario files are and which ones exist, without loading the core: the menu lists
 * cases from this before its first frame, so nothing here may import the validator.
 * files.ts re-exports all of it for everything else.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTextFile, specialKindOf, type FileKind } from './read-file.js';

/** The package's own folder (…/roleplay), found from this file in src/ or dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLED_SCENARIOS = join(PACKAGE_ROOT, 'scenarios');
export const CATALOG_FILE = 'lessons.yaml';

/** Scenario files are small; anything this big is a mistake, and is refused before it is read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

function isYaml(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/**
 * The YAML files under the given paths (folders are walked, sorted); missing paths are kept so
 * they can be reported. In a folder, a FIFO, socket or device named *.yaml is passed over (and
 * added to `skipped`, when given): reading it would block or never end.
 */
export function expandPaths(paths: readonly string[], skipped?: { file: string; kind: FileKind }[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p);
      return;
    }
    if (!st.isDirectory()) {
      out.push(p);
      return;
    }
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = join(p, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (isYaml(entry.name)) {
        const special = entry.isFile() ? undefined : specialKindOf(child);
        if (special) skipped?.push({ file: child, kind: special });
        else out.push(child);
      }
    }
  };
  for (const p of paths) walk(p);
  return out;
}

/** Folders searched for a scenario given by id: ./scenarios (a trainer's project), then the bundled ones. */
export function scenarioFolders(): string[] {
  const local = resolve('scenarios');
  const bundled = resolve(BUNDLED_SCENARIOS);
  return local === bundled ? [bundled] : [local, bundled];
}

/** Scenario files in the scenario folders, with their ids read cheaply (no full validation). */
export function listScenarioFiles(): { id: string; file: string }[] {
  const seen = new Set<string>();
  const out: { id: string; file: string }[] = [];
  for (const dir of scenarioFolders()) {
    for (const file of expandPaths([dir])) {
      if (basename(file) === CATALOG_FILE) continue;
      const read = readTextFile(file, MAX_FILE_BYTES);
      if (!read.ok) continue;
      const text = read.text;
      const m = /^id:\s*["']?([a-z0-9-]+)/m.exec(text);
      const id = m?.[1] ?? basename(file, extname(file));
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, file });
    }
  }
  return out;
}
