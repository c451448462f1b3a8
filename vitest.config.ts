import { defineConfig } from 'vitest/config';

// Tests run the real pipeline (tesseract workers, sharp, pdfjs). Each file starts its own OCR pool,
// so files run one after another on the two cores instead of fighting over them.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
