// The state a user sees for one committed document: missing, template, written or approved.

import type { DocState } from '../../../shared/documents';
import { isApproved, parseFrontMatter } from './front-matter';

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

/** State of a committed document from its blob id, the template's blob id and (lazily) its bytes. */
export function committedDocState(blobId: string, templateId: string, bytes: Buffer): DocState {
  if (blobId === templateId) return 'template';
  if (!isUtf8Text(bytes)) return 'written';
  return isApproved(parseFrontMatter(bytes.toString('utf8')).fields) ? 'approved' : 'written';
}
