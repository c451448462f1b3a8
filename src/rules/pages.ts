import type { ClassifiedPage, DocFact } from '../model/classified.ts';
import type { DocTypeId } from '../model/doc-types.ts';

/** Pages that are (or also hold) one of the given types. */
export function pagesOfTypes(docs: ClassifiedPage[], types: readonly DocTypeId[]): ClassifiedPage[] {
  return docs.filter((d) => types.includes(d.docType.id) || (d.docType.also ?? []).some((t) => types.includes(t)));
}

/** Facts of one kind from the given pages. */
export function factsOf<K extends DocFact['kind']>(docs: ClassifiedPage[], kind: K): Array<Extract<DocFact, { kind: K }>> {
  return docs.flatMap((d) => d.facts.filter((f): f is Extract<DocFact, { kind: K }> => f.kind === kind));
}

export const where = (d: { file: string; page: number }) => ({ file: d.file, page: d.page });

/** "file 第2页" for reasons. */
export function cite(d: { file: string; page: number }): string {
  return `${d.file} 第${d.page}页`;
}
