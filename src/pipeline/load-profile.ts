import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicantProfile } from '../model/profile.ts';
import { ToolError } from './errors.ts';

/** Reads and validates `applicant.json`; every problem is a ToolError naming the file and the field. */
export async function loadProfile(appDir: string, file = join(appDir, 'applicant.json')): Promise<ApplicantProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ToolError(`${file}: 找不到申报人信息文件 applicant.json / applicant.json not found`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ToolError(`${file}: 不是有效的 JSON / not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ApplicantProfile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ToolError(`${file}: 申报人信息有误 / invalid applicant profile: ${issues}`);
  }
  return parsed.data;
}
