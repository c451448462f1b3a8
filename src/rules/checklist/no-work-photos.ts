import { normalise } from '../../classify/text.ts';
import { cite, where } from '../pages.ts';
import type { Rule } from '../types.ts';

/** Work and meeting photos are not evidence in the practice and achievement sections. */
export const noWorkPhotos: Rule = ({ docs, notice }) => {
  const banned = notice.noPhotoSections.map(normalise);
  const hits = docs.filter((d) => d.docType.id === 'work_photo' && d.section && banned.some((b) => normalise(d.section!).includes(b)));
  if (hits.length > 0) {
    return {
      status: 'insufficient',
      reason: `${notice.noPhotoSections.join('、')}栏不得上传工作、会议照片：${hits.map((h) => `${cite(h)}（${h.section}）`).join('；')}`,
      reasonEn: `work/meeting photos in ${notice.noPhotoSections.join(' / ')}: ${hits.length}`,
      pages: hits.map(where),
    };
  }
  return { status: 'present', reason: '未发现工作、会议照片', reasonEn: 'no work or meeting photos there', pages: [] };
};
