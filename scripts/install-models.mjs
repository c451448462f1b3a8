// Fills models/ with the OCR language data shipped by the @tesseract.js-data npm packages, so that
// nothing is ever downloaded at run time. Runs on `npm ci` (postinstall) and is idempotent.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'models', 'tessdata');
mkdirSync(out, { recursive: true });

// best_int: the LSTM-only integer models; small and the most accurate tesseract.js ships.
const langs = [
  ['chi_sim', '4.0.0_best_int'],
  ['eng', '4.0.0_best_int'],
  ['osd', '4.0.0'],
];
for (const [lang, flavour] of langs) {
  const pkgDir = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  const src = join(pkgDir, flavour, `${lang}.traineddata.gz`);
  const dest = join(out, `${lang}.traineddata`);
  if (!existsSync(src)) {
    console.error(`zhicheng-precheck: OCR data missing in node_modules: ${src}`);
    process.exit(1);
  }
  if (existsSync(dest) && statSync(dest).mtimeMs >= statSync(src).mtimeMs) continue;
  const tmp = `${dest}.tmp-${process.pid}`;
  writeFileSync(tmp, gunzipSync(readFileSync(src)));
  renameSync(tmp, dest);
  console.log(`zhicheng-precheck: models/tessdata/${lang}.traineddata (${flavour})`);
}
