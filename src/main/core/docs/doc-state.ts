// The state a user sees for one committed document: missing, template, written or approved.

import type { DocKind, DocState } from '../../../shared/documents';
import { isApproved, parseFrontMatter } from './front-matter';
import { hasRealContent } from './doc-content';

/** True when the bytes look like text we can show and edit (UTF-8, no NUL bytes). */
export function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * State of a committed document from its blob id, the template's blob id and (lazily) its bytes. Text without real
 * content (see hasRealContent) stays a template, approval recorded or not: an approved scaffold is no design.
 */
export function committedDocState(kind: DocKind, blobId: string, templateId: string, bytes: Buffer): DocState {
  if (blobId === templateId) return 'template';
  if (!isUtf8Text(bytes)) return 'written';
  const text = bytes.toString('utf8');
  if (!hasRealContent(kind, text)) return 'template';
  return isApproved(parseFrontMatter(text).fields) ? 'approved' : 'written';
}
