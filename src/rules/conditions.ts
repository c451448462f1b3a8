import type { ApplicantProfile } from '../model/profile.ts';
import type { Condition } from './schema.ts';

/** True when every key of the condition holds for the profile (an empty condition always holds). */
export function holds(c: Condition, p: ApplicantProfile): boolean {
  if (c.employerKind && !c.employerKind.includes(p.employerKind)) return false;
  if (c.track && !c.track.includes(p.track)) return false;
  if (c.level && !c.level.includes(p.level)) return false;
  if (c.highSkill !== undefined && Boolean(p.highSkill) !== c.highSkill) return false;
  const flags = ['hasDegree', 'villageResident', 'firstApplication', 'countyLevel'] as const;
  for (const f of flags) if (c[f] !== undefined && Boolean(p[f]) !== c[f]) return false;
  return true;
}
