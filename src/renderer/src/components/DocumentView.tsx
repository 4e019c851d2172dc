// The selected document rendered as sanitized markdown: no raw HTML, links opened safely outside the
// app, front matter as a small table, headings shifted below the page's own. Loaded lazily.

import i18n from 'i18next';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../shared/documents';
import type { ApiError } from '../api';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { splitFrontMatter } from '../lib/frontMatter';
import type { DocumentContent } from '../../../shared/types';
import { ErrorNotice } from './ErrorNotice';
import '../styles/markdown.css';

interface Props {
  doc: { content: DocumentContent | null; loading: boolean; error: ApiError | null } | null;
  kind: DocKind;
  branchExists: boolean;
  onRetry: () => void;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

// Document headings sit under the page's h1 (module) and h2 (Documents) and the viewer's h3.
const components: Components = {
  h1: ({ children }) => <h4>{children}</h4>,
  h2: ({ children }) => <h5>{children}</h5>,
  h3: ({ children }) => <h6>{children}</h6>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  h6: ({ children }) => <h6>{children}</h6>,
  a: ({ href, children }) =>
    href && SAFE_LINK.test(href) ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      // Relative links and anchors point into the repository, not anywhere this window can go.
      <span className="md-link-text" title={href}>
        {children}
      </span>
    ),
  // Long code lines scroll sideways: the block takes focus so keyboard users can scroll it too.
  pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  // GFM task list boxes: read-only here, and named so they are not unlabelled form fields.
  input: ({ type, checked }) =>
    type === 'checkbox' ? (
      <span className={checked ? 'md-task done' : 'md-task'} role="img" aria-label={i18n.t(checked ? 'doc.taskDone' : 'doc.taskOpen')}>
        {checked ? '☑' : '☐'}
      </span>
    ) : null,
  // Remote images are blocked by the CSP anyway; show what they were.
  img: ({ alt, src }) => <span className="md-image">{alt || (typeof src === 'string' ? src : '')}</span>,
};

export default function DocumentView({ doc, kind, branchExists, onRetry }: Props) {
  const { t } = useTranslation();
  const slow = useDelayedFlag(!doc || doc.loading);
  const content = doc?.content;
  const title = t(`doc.${kind}.long`);

  let body;
  if (doc?.error) body = <ErrorNotice error={doc.error} title={t('doc.loadFailed')} onRetry={onRetry} />;
  else if (!content) body = slow ? <p className="subtle">{t('doc.loading')}</p> : null;
  else if (content.binary) body = <p className="notice notice-info">{t('doc.binary')}</p>;
  else if (content.content === null || content.state === 'missing')
    body = <p className="notice notice-info">{branchExists ? t('doc.missing', { path: content.path }) : t('doc.noBranch')}</p>;
  else {
    const { entries, body: markdown } = splitFrontMatter(content.content);
    body = (
      <>
        {entries.length > 0 && (
          <table className="front-matter">
            <caption className="visually-hidden">{t('doc.frontMatter')}</caption>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.key}-${i}`}>
                  <th scope="row">{e.key}</th>
                  <td>{e.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="markdown-body">
          <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
            {markdown}
          </Markdown>
        </div>
      </>
    );
  }

  return (
    <article className="document-view" aria-labelledby="document-title" data-testid="document-view" data-doc-kind={kind}>
      <h3 id="document-title" className="document-title">
        {title}
        {content && <span className="document-file">{content.path}</span>}
      </h3>
      {body}
    </article>
  );
}
