import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intersect, type Box } from '../../src/model/geometry.ts';
import { RunOptionsSchema } from '../../src/pipeline/options.ts';
import { runApplication, type ApplicationResult } from '../../src/pipeline/run-application.ts';
import { testEngines } from '../helpers/engine.ts';
import { tempDir } from '../helpers/tmp.ts';

const require = createRequire(import.meta.url);
const FONT = join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf');
const PX = 200 / 72; // the tool renders text-layer pages at 200 dpi
const SIZE = 14;
const PAGE_H = 842;

/** Box in rendered pixels of `text` drawn at (x, baseline y) in points, one em a CJK character. */
const boxOf = (x: number, y: number, chars: number): Box => [x * PX, (PAGE_H - y - SIZE) * PX, chars * SIZE * PX, SIZE * 1.2 * PX];

describe('a PDF with a real text layer (学信网 备案表): names placed from the text, burned into an image-only PDF', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let engines: Awaited<ReturnType<typeof testEngines>>;
  let result: ApplicationResult;

  beforeAll(async () => {
    tmp = await tempDir('textlayer');
    const app = join(tmp.dir, 'application');
    await mkdir(join(app, '学历证明'), { recursive: true });
    await writeFile(
      join(app, 'applicant.json'),
      JSON.stringify({ name: '张伟', employer: '阿克苏某某煤业有限责任公司', employerKind: '国有企业', track: '定向评价', level: '工程师' }),
    );
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await readFile(FONT), { subset: true });
    const page = doc.addPage([595, PAGE_H]);
    const line = (text: string, x: number, y: number) => page.drawText(text, { x, y, size: SIZE, font, color: rgb(0, 0, 0) });
    line('教育部学历证书电子注册备案表', 150, 780);
    line('姓名：张伟', 72, 700); // name at x = 72 + 3 em
    line('性别：男　　民族：汉', 300, 700);
    line('毕业院校：中国矿业大学　　专业：采矿工程', 72, 660);
    line('审核人：张伟东', 72, 620); // another person whose name contains the applicant's
    line('本表由张伟本人下载，建设单位存档。', 72, 580); // in running text, and 建设 is not a name
    await writeFile(join(app, '学历证明', '学历证书电子注册备案表.pdf'), await doc.save());
    engines = await testEngines();
    result = await runApplication(app, RunOptionsSchema.parse({ outDir: join(tmp.dir, 'out'), concurrency: 1 }), engines);
  }, 300_000);

  afterAll(async () => {
    await engines?.stop();
    await tmp?.cleanup();
  });

  it('takes the text from the PDF instead of OCR', () => {
    expect(result.report.pages[0].ocr.source).toBe('pdf-text');
  });

  it('masks the applicant’s name in the field and in running text, and not 张伟东', () => {
    const masks = result.report.pages[0].masks.filter((m) => m.kind === 'applicant_name').map((m) => m.box as Box);
    const field = boxOf(72 + 3 * SIZE, 700, 2);
    const running = boxOf(72 + 3 * SIZE, 580, 2);
    const other = boxOf(72 + 4 * SIZE, 620, 3);
    expect(masks.some((m) => intersect(m, field))).toBe(true);
    expect(masks.some((m) => intersect(m, running))).toBe(true);
    expect(masks.some((m) => intersect(m, other))).toBe(false);
    expect(masks).toHaveLength(2);
  });

  it('writes an image-only PDF: the name is no longer in any text', async () => {
    const out = result.report.files[0].output!;
    const data = new Uint8Array(await readFile(join(result.outDir, out)));
    const pdf = await getDocument({ data, verbosity: 0 }).promise;
    const text = await (await pdf.getPage(1)).getTextContent();
    expect(text.items).toHaveLength(0);
    expect(Buffer.from(data).includes(Buffer.from('张伟'))).toBe(false);
    await pdf.destroy();
  });
});
