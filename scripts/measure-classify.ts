/**
 * Measures document-type accuracy (and the facts the rules read) on generated documents.
 *
 *   npx tsx scripts/measure-classify.ts [--per-type 3] [--seed 1] [--cache /tmp/zc-classify-cache] [--types a,b]
 *
 * Every document type the generator draws is rendered `per-type` times (upright: orientation is the
 * quality step's job), OCRed once with tesseract and cached as JSON under --cache, so that a change
 * to the classifier re-measures in seconds. Prints per-type accuracy, the confusions, and the fact
 * read-out rates.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifyPages } from '../src/classify/classify-page.ts';
import { extractFacts } from '../src/classify/facts.ts';
import type { DocFact, PageFeatures } from '../src/model/classified.ts';
import type { DocTypeId } from '../src/model/doc-types.ts';
import type { OcrEngine, OcrPage } from '../src/model/ocr.ts';
import type { ApplicantProfile } from '../src/model/profile.ts';
import { greyForOcr } from '../src/ocr/prepare.ts';
import { createTesseractEngine } from '../src/ocr/tesseract-engine.ts';
import { photoVerdict } from '../src/quality/photo.ts';
import { renderDocument } from './samples/application.ts';
import { DRAWERS } from './samples/docs/index.ts';
import { Rng } from './samples/rng.ts';

interface Cached {
  type: DocTypeId;
  seed: number;
  year: number;
  file: string;
  profile: ApplicantProfile;
  pages: Array<{ ocr: OcrPage; features: PageFeatures; ms: number; clarity?: 'ok' | 'blurry' | 'too_small' }>;
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const perType = Number(arg('per-type', '3'));
const seed0 = Number(arg('seed', '1'));
const cacheDir = arg('cache', '/tmp/zc-classify-cache');
const only = arg('types', '');
/** Hide file names (scan-1.jpg) to see what the page content alone gives. */
const noFileNames = process.argv.includes('--no-filenames');
mkdirSync(cacheDir, { recursive: true });

const types = (Object.keys(DRAWERS) as DocTypeId[]).filter((t) => !only || only.split(',').includes(t));
let engine: OcrEngine | undefined;

async function sample(type: DocTypeId, i: number): Promise<Cached> {
  const seed = seed0 * 1000 + types.indexOf(type) * 37 + i;
  const key = path.join(cacheDir, `${type}-${seed}.json`);
  const rng = new Rng(seed);
  const year = rng.pick([2021, 2022, 2023, 2024]);
  const render = () => renderDocument({ type, year, dpi: rng.pick([150, 200, 200, 240]), degrade: { rotation: 0 }, ...(type === 'title_document' ? { pages: 2 } : {}) }, seed);
  if (existsSync(key)) {
    const c = JSON.parse(readFileSync(key, 'utf8')) as Cached;
    if (c.pages.every((p) => p.clarity)) return c;
    // Older cache entries lack the clarity label: render again (cheap), keep the OCR.
    const again = await render();
    c.pages.forEach((p, i) => (p.clarity = again.pages[i].truth.clarity));
    writeFileSync(key, JSON.stringify(c));
    return c;
  }
  const doc = await render();
  engine ??= await createTesseractEngine({ workers: 1 });
  const pages: Cached['pages'] = [];
  for (const p of doc.pages) {
    const t0 = Date.now();
    const ocr = await engine.recognize(greyForOcr(p.image));
    const pv = photoVerdict(p.image);
    const features: PageFeatures = {
      photo: pv.photo,
      photoScore: pv.score,
      redBackgroundShare: pv.redBackgroundShare,
      aspect: p.image.width / p.image.height,
      textChars: ocr.lines.reduce((n, l) => n + l.chars.length, 0),
    };
    pages.push({ ocr, features, ms: Date.now() - t0, clarity: p.truth.clarity });
  }
  const { profile } = (await import('./samples/application.ts')).randomPerson(new Rng(seed).fork('person'));
  const c: Cached = { type, seed, year, file: doc.spec.file, profile, pages };
  writeFileSync(key, JSON.stringify(c));
  return c;
}

function sectionOf(file: string): string | undefined {
  const parts = file.split('/');
  return parts.length > 1 ? parts[0] : undefined;
}

const confusions = new Map<string, number>();
const perTypeStats = new Map<DocTypeId, { n: number; ok: number; unknown: number }>();
const factStats = { appraisalYear: [0, 0], appraisalResult: [0, 0], ceYear: [0, 0], ceHours: [0, 0], putonghua: [0, 0], title: [0, 0], skill: [0, 0], holderOk: [0, 0], holderWrong: 0 };
let pagesTotal = 0;
let correct = 0;
let clearTotal = 0;
let clearCorrect = 0;
let ocrMs = 0;
const t0 = Date.now();
const typesToMeasure = process.argv.includes('--apps') ? [] : types;
for (const type of typesToMeasure) {
  for (let i = 0; i < perType; i++) {
    const s = await sample(type, i);
    const section = sectionOf(s.file);
    const file = noFileNames ? `${section ? `${section}/` : ''}scan-${s.seed}.jpg` : s.file;
    const verdicts = classifyPages(s.pages.map((p, k) => ({ ocr: p.ocr, features: p.features, file, section, pageIndex: k })));
    verdicts.forEach((v, k) => {
      pagesTotal++;
      const clear = s.pages[k].clarity === 'ok';
      if (clear) clearTotal++;
      if (clear && v.id === type) clearCorrect++;
      ocrMs += s.pages[k].ms;
      const st = perTypeStats.get(type) ?? { n: 0, ok: 0, unknown: 0 };
      st.n++;
      if (v.id === type) {
        st.ok++;
        correct++;
      } else {
        if (v.id === 'unknown') st.unknown++;
        const c = `${type} → ${v.id}${v.id === 'unknown' ? ` (guess ${String(v.evidence.bestGuess)})` : ''}${clear ? '' : ` [${s.pages[k].clarity}]`}`;
        confusions.set(c, (confusions.get(c) ?? 0) + 1);
      }
      perTypeStats.set(type, st);
      const facts: DocFact[] = extractFacts(type, s.pages[k].ocr, { file: s.file, page: k }, s.profile);
      for (const f of facts) {
        const tally = (key: keyof typeof factStats, ok: boolean) => {
          const a = factStats[key] as number[];
          a[0] += ok ? 1 : 0;
          a[1]++;
        };
        if (f.kind === 'appraisal') {
          tally('appraisalYear', f.year === s.year);
          tally('appraisalResult', f.result !== null);
        }
        if (f.kind === 'ce') {
          tally('ceYear', f.year === s.year);
          tally('ceHours', f.hours !== null && f.course !== 'unknown');
        }
        if (f.kind === 'putonghua') tally('putonghua', f.level !== null);
        if (f.kind === 'title') tally('title', f.title !== null || f.rank !== null);
        if (f.kind === 'skill') tally('skill', f.grade !== null && f.date !== null);
        if (f.kind === 'holder') {
          if (f.matches === false) factStats.holderWrong++;
          tally('holderOk', f.matches === true);
        }
      }
    });
  }
}

if (typesToMeasure.length) {
console.log(`file names ${noFileNames ? 'hidden' : 'used'}; clear pages ${clearTotal}: type accuracy ${((100 * clearCorrect) / Math.max(1, clearTotal)).toFixed(1)} %`);
console.log(`pages ${pagesTotal}, type accuracy ${((100 * correct) / pagesTotal).toFixed(1)} % (${correct}/${pagesTotal}); OCR ${(ocrMs / 1000).toFixed(0)} s cached; run ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log('\nper type: ok/n (unknown)');
for (const [t, s] of perTypeStats) console.log(`  ${t.padEnd(24)} ${s.ok}/${s.n}${s.unknown ? ` (${s.unknown} unknown)` : ''}`);
if (confusions.size) {
  console.log('\nconfusions:');
  for (const [c, n] of [...confusions].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${c}`);
}
console.log('\nfacts read (ok/n):');
for (const [k, v] of Object.entries(factStats)) console.log(`  ${k.padEnd(16)} ${Array.isArray(v) ? `${v[0]}/${v[1]}` : v}`);
await engine?.terminate();
engine = undefined;
}

// ---------------------------------------------------------------------------------------------
// --apps: whole generated applications with chosen items removed or broken, through OCR, the
// classifier, fact reading and the checklist. The checklist must name exactly the broken items.
// ---------------------------------------------------------------------------------------------
import { evaluateChecklist, loadNotice } from '../src/rules/index.ts';
import type { ClassifiedPage } from '../src/model/classified.ts';
import { defaultDocs, randomPerson, type DocSpec } from './samples/application.ts';

interface AppCase {
  name: string;
  profile: Partial<ApplicantProfile>;
  mutate: (docs: DocSpec[]) => DocSpec[];
  expect: string[];
}

/** A complete application keeps work photos out of 实践能力 (the notice forbids them there). */
const tidy = (docs: DocSpec[]) => docs.map((d) => (d.type === 'work_photo' ? { ...d, file: '其他附件/现场工作照片' } : d));
const APP_CASES: AppCase[] = [
  { name: 'complete', profile: { employerKind: '国有企业', level: '工程师' }, mutate: tidy, expect: [] },
  {
    name: 'appraisal-2-of-3-and-no-putonghua',
    profile: { employerKind: '事业单位', level: '高级工程师' },
    mutate: (d) => tidy(d).filter((x) => !(x.type === 'appraisal_form' && x.year === 2022) && x.type !== 'putonghua_certificate'),
    expect: ['appraisal', 'putonghua'],
  },
  {
    name: 'no-chsi-no-ce-2021-work-photo',
    profile: { employerKind: '国有企业', level: '工程师' },
    mutate: (d) => [
      ...tidy(d).filter((x) => !['chsi_record', 'chsi_verification', 'graduate_registration'].includes(x.type) && !(x.type === 'ce_certificate' && x.year === 2021)),
      { type: 'work_photo', file: '实践能力/井下作业照片' },
    ],
    expect: ['continuing_education', 'education_record', 'no_work_photos'],
  },
];

async function measureApps(n: number): Promise<void> {
  const notice = loadNotice();
  let exact = 0;
  for (const [ci, kase] of APP_CASES.slice(0, n).entries()) {
    const seed = seed0 * 100 + ci;
    const over = { ...kase.profile, highSkill: undefined, villageResident: false, ceExempt: false, hasDegree: true };
    const person = randomPerson(new Rng(seed).fork('person'), over as Partial<ApplicantProfile>);
    const specs = kase.mutate(defaultDocs(new Rng(seed).fork('docs'), person.profile));
    const pages: ClassifiedPage[] = [];
    for (const [i, spec] of specs.entries()) {
      const key = path.join(cacheDir, `app-${seed}-${i}-${spec.type}.json`);
      let cached: { file: string; pages: Array<{ ocr: OcrPage; features: PageFeatures }> };
      if (existsSync(key)) cached = JSON.parse(readFileSync(key, 'utf8'));
      else {
        const doc = await renderDocument({ ...spec, profile: person.profile, degrade: { ...spec.degrade, rotation: 0 } }, seed * 1000 + i);
        engine ??= await createTesseractEngine({ workers: 1 });
        const ps = [];
        for (const p of doc.pages) {
          const ocr = await engine.recognize(greyForOcr(p.image));
          const pv = photoVerdict(p.image);
          ps.push({ ocr, features: { photo: pv.photo, photoScore: pv.score, redBackgroundShare: pv.redBackgroundShare, aspect: p.image.width / p.image.height, textChars: ocr.lines.reduce((k, l) => k + l.chars.length, 0) } });
        }
        cached = { file: doc.spec.file, pages: ps };
        writeFileSync(key, JSON.stringify(cached));
      }
      const section = sectionOf(cached.file);
      const verdicts = classifyPages(cached.pages.map((p, k) => ({ ocr: p.ocr, features: p.features, file: cached.file, section, pageIndex: k })));
      verdicts.forEach((v, k) => {
        if (v.id !== spec.type) console.log(`  [${kase.name}] ${cached.file} p${k}: ${spec.type} read as ${v.id}`);
        pages.push({ file: cached.file, page: k, section, docType: v, facts: extractFacts(v.id, cached.pages[k].ocr, { file: cached.file, page: k }, person.profile) });
      });
    }
    const { items, findings } = evaluateChecklist(person.profile, pages, notice);
    const got = items.filter((i) => i.status === 'missing' || i.status === 'insufficient').map((i) => i.id).sort();
    const ok = JSON.stringify(got) === JSON.stringify([...kase.expect].sort());
    if (ok) exact++;
    console.log(`${ok ? 'OK  ' : 'FAIL'} ${kase.name} (${person.profile.employerKind} ${person.profile.level}, ${pages.length} pages): expected [${kase.expect}] got [${got}]`);
    for (const i of items.filter((x) => got.includes(x.id) || x.needsReview)) console.log(`     ${i.id}: ${i.status}${i.needsReview ? ' (review)' : ''} — ${i.reason}`);
    for (const f of findings.filter((x) => x.ruleId.startsWith('doc/'))) console.log(`     ${f.ruleId} ${f.file} p${f.page}: ${f.message}`);
  }
  console.log(`applications with exactly the expected checklist problems: ${exact}/${Math.min(n, APP_CASES.length)}`);
}

const apps = Number(arg('apps', '0'));
if (apps > 0) {
  await measureApps(apps);
  await engine?.terminate();
}
