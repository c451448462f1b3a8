import type { DocTypeId } from '../../../src/model/doc-types.ts';
import type { DocDrawer } from './context.ts';
import { idCardBack, idCardFront } from './id-card.ts';
import { awardCertificate, ceCertificate, degree, diploma, patentCertificate, putonghuaCertificate, skillCertificate, titleCertificate } from './certificates.ts';
import { appraisalForm, ceExemption, graduateRegistration, titleReviewForm } from './forms.ts';
import { personalPledge, secrecyProof, titleDocument, unitPublicity, unitRecommendation } from './notices.ts';
import { cnkiScreenshot, paper } from './paper.ts';
import { chsiRecord, chsiVerification } from './web.ts';
import { photo, workPhoto } from './photos.ts';

/** One drawer per document type ('unknown' has none: the generator never draws it on purpose). */
export const DRAWERS: Partial<Record<DocTypeId, DocDrawer>> = {
  id_card_front: idCardFront,
  id_card_back: idCardBack,
  photo,
  diploma,
  degree,
  chsi_record: chsiRecord,
  chsi_verification: chsiVerification,
  graduate_registration: graduateRegistration,
  title_certificate: titleCertificate,
  title_document: titleDocument,
  title_review_form: titleReviewForm,
  appraisal_form: appraisalForm,
  ce_certificate: ceCertificate,
  ce_exemption: ceExemption,
  putonghua_certificate: putonghuaCertificate,
  unit_publicity: unitPublicity,
  unit_recommendation: unitRecommendation,
  personal_pledge: personalPledge,
  paper,
  cnki_screenshot: cnkiScreenshot,
  award_certificate: awardCertificate,
  patent_certificate: patentCertificate,
  skill_certificate: skillCertificate,
  secrecy_proof: secrecyProof,
  work_photo: workPhoto,
};
