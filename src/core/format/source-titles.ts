/**
 * Where a lesson comes from, in words a trainee can read: the five source documents the
 * bundled lessons cite by file name (scenarios/lessons.yaml), by their titles, with the
 * section. "000_965e4eac0aa64941.txt · 案例3" reads 《服务质量管理之客户关系篇》案例3 /
 * "Service quality management: customer relations, case 3". A file not in the table is
 * shown by its name, as before.
 */
import type { LessonSource } from './model.js';
import { type Said, said } from '../text.js';

/** The source documents' titles, by file name (their first characters are enough to tell them apart). */
const TITLES: Readonly<Record<string, Said>> = {
  '000_965e4eac0aa64941.txt': said('服务质量管理之客户关系篇', 'Service quality management: customer relations'),
  '001_ae1f2a33b7d004b9.txt': said('内部客户服务与沟通技巧', 'Internal customer service and communication skills'),
  '002_953d05830121581a.txt': said('“服务支持”的心得体会交流', 'Service support: an engineer’s lessons learned'),
  '003_61b3fbdfccb45414.txt': said('顾客沟通与服务程序', 'Customer communication and service procedure'),
  '004_0591a1398b413ac4.txt': said('提升客户满意度', 'Raising customer satisfaction'),
};

/** A section in English: "案例3" is "case 3", "问题10. …" is "problem 10"; other headings are quoted as written. */
function sectionInEnglish(section: string): string {
  const numbered = /^(案例|问题)\s*(\d+)/.exec(section);
  if (numbered) return `${numbered[1] === '案例' ? 'case' : 'problem'} ${numbered[2]}`;
  return `“${section}”`;
}

/** The document's title and the section, in both languages; the file name when the file is unknown. */
export function sourceTitle(source: LessonSource): Said {
  const title = TITLES[source.file];
  const section = source.section?.trim();
  if (!title) {
    const plain = section ? `${source.file} · ${section}` : source.file;
    return said(plain, plain);
  }
  if (!section) return said(`《${title.zh}》`, title.en);
  return said(`《${title.zh}》${section}`, `${title.en}, ${sectionInEnglish(section)}`);
}
