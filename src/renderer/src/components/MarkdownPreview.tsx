// A document rendered as sanitized markdown: no raw HTML, links opened safely outside the app, front
// matter as a small table, headings shifted below the page's own. Very large documents render on request.
// Blocks that render the same alone render one by one, memoised, so only the block that changed is parsed again
// (the growing end while an agent run streams, the paragraph being typed).

import i18n from 'i18next';
import { memo, useDeferredValue, useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { splitFrontMatter } from '../lib/frontMatter';
import { markdownBlocks } from '../lib/markdownBlocks';
import '../styles/markdown.css';

/** Above this many characters the preview waits to be asked for: rendering takes seconds. */
export const PREVIEW_LIMIT = 1_000_000;

const SAFE_LINK = /^(https?:|mailto:)/i;

// Document headings sit under the page's h1 (module), h2 (Documents) and the viewer's h3.
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

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
      {text}
    </Markdown>
  );
});

export function MarkdownPreview({ text }: { text: string }) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(text);
  const [forced, setForced] = useState(false);

  if (deferred.length > PREVIEW_LIMIT && !forced) {
    return (
      <div className="notice notice-info preview-off">
        <span>{t('editor.previewTooLarge', { size: formatNumber(Math.round(deferred.length / 1024)) })}</span>
        <button type="button" className="button" onClick={() => setForced(true)}>
          {t('editor.previewAnyway')}
        </button>
      </div>
    );
  }
  const { entries, body } = splitFrontMatter(deferred);
  const blocks = markdownBlocks(body);
  return (
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
        {blocks ? (
          blocks.map((block, i) => <MarkdownBlock key={i} text={block} />)
        ) : (
          <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
            {body}
          </Markdown>
        )}
      </div>
    </>
  );
}
