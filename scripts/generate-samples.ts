/**
 * Sample generator CLI.
 *   npx tsx scripts/generate-samples.ts --out DIR --apps N --seed S [--corrupt]
 *   npx tsx scripts/generate-samples.ts --demo      (re)writes samples/demo-application/
 * Each application is DIR/app-XXX/ (applicant.json + scans) with DIR/app-XXX.truth.json beside it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateApplication, type DocSpec, type NameKind } from './samples/index.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/samples' },
    apps: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    demo: { type: 'boolean', default: false },
    corrupt: { type: 'boolean', default: false },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The committed demo: small (150–200 dpi, moderate JPEG), one of each look a reviewer should see. */
const DEMO_DOCS: DocSpec[] = [
  { type: 'id_card_front', format: 'jpeg', dpi: 200, clarity: 'ok', degrade: { jpegQuality: 80 } },
  { type: 'id_card_back', format: 'jpeg', dpi: 200, clarity: 'ok', degrade: { jpegQuality: 80 } },
  { type: 'title_certificate', format: 'jpeg', dpi: 150, clarity: 'ok', degrade: { skewDeg: -2.2, rotation: 0, jpegQuality: 75 }, hard: { greySeal: false } },
  { type: 'appraisal_form', year: 2023, format: 'pdf', dpi: 150, clarity: 'ok', degrade: { rotation: 0, jpegQuality: 70, camera: false }, hard: { sealOverName: true, containingName: true, handFilled: false } },
  { type: 'title_document', format: 'pdf', pages: 2, dpi: 150, clarity: 'ok', degrade: { rotation: 0, jpegQuality: 65, camera: false }, hard: { containingName: true } },
  { type: 'personal_pledge', format: 'jpeg', dpi: 150, clarity: 'ok', degrade: { rotation: 0, jpegQuality: 70 }, hard: { handFilled: false } },
  { type: 'paper', format: 'jpeg', dpi: 200, clarity: 'ok', degrade: { rotation: 90, skewDeg: 0.8, camera: false, jpegQuality: 70 }, hard: { containingName: true, nameCharWord: true } },
  { type: 'unit_publicity', format: 'webp', dpi: 150, clarity: 'ok', degrade: { rotation: 0, jpegQuality: 70, camera: false }, hard: { splitName: true, nameCharWord: true } },
  { type: 'photo', format: 'jpeg', clarity: 'ok', degrade: { jpegQuality: 85 } },
];

if (values.demo) {
  const dir = path.join(root, 'samples', 'demo-application');
  const t = await generateApplication({
    dir,
    seed: 2024,
    profile: { name: '艾合买提·吐尔逊', employer: '阿克苏天山煤业有限责任公司', employerAliases: ['天山煤业'], employerKind: '国有企业', track: '定向评价', level: '高级工程师', currentTitle: '工程师' },
    docs: DEMO_DOCS,
  });
  console.log(`demo: ${t.files.length} files in ${path.relative(root, dir)}`);
} else {
  const n = Number(values.apps);
  const seed = Number(values.seed);
  const kinds: NameKind[] = ['han2', 'minority', 'han3', 'compound'];
  for (let i = 0; i < n; i++) {
    const dir = path.join(path.resolve(values.out!), `app-${String(i + 1).padStart(3, '0')}`);
    const t0 = Date.now();
    // Name kinds rotate so every set of four covers 2-, 3-, 4-character and minority names.
    const t = await generateApplication({ dir, seed: seed * 1000 + i, nameKind: kinds[i % kinds.length], corrupt: values.corrupt || i % 3 === 2 });
    const pages = t.files.reduce((s, f) => s + f.pages.length, 0);
    console.log(`${path.basename(dir)}: ${t.files.length} files, ${pages} pages, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
