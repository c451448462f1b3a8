import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const require = createRequire(import.meta.url);

/**
 * A fontconfig file that adds the project's own Noto Sans SC (an npm dependency) to the system fonts:
 * a bare CI machine has no CJK font, and a report screenshot of tofu boxes shows nothing.
 */
function fontConfig(): string {
  const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'zp-fonts-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(root, '400Regular')}</dir>\n  <dir>${join(root, '700Bold')}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/** Debian's chromium, headless, with everything that could reach a network switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, FONTCONFIG_FILE: fontConfig() } as Record<string, string>,
  });
}
