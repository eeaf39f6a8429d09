import { useI18n } from '../../i18n/I18nProvider';
import type { Article, ReplyView } from './reply-view';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * A reply drawn as the WeChat client draws it: a text bubble, a news card (big picture with the
 * title over it for the first article, thumbnails for the rest), an image or a media tile. Pictures
 * are not fetched (the console's CSP allows no remote images): a tile names where they would come from.
 */
export function ReplyContent({ reply }: { reply: ReplyView }) {
  const { t } = useI18n();
  switch (reply.kind) {
    case 'text':
      return <div className="sim-bubble sim-bubble-in">{reply.content}</div>;
    case 'news':
      return <NewsCard articles={reply.articles} />;
    case 'image':
      return (
        <div className="sim-media" role="img" aria-label={t('sim.reply.image')}>
          <span className="sim-media-icon" aria-hidden="true">
            ▣
          </span>
          <span>{t('sim.reply.image')}</span>
          <code>{reply.mediaId}</code>
        </div>
      );
    case 'voice':
      return (
        <div className="sim-bubble sim-bubble-in">
          <span aria-hidden="true">◉ </span>
          {t('sim.reply.voice')}
        </div>
      );
    case 'video':
    case 'music':
      return (
        <div className="sim-bubble sim-bubble-in">
          <strong>{t(reply.kind === 'video' ? 'sim.reply.video' : 'sim.reply.music')}</strong>
          {reply.title && <div>{reply.title}</div>}
          {reply.description && <div className="sim-muted">{reply.description}</div>}
        </div>
      );
    case 'transfer':
      return <div className="sim-note">{t('sim.reply.transfer')}</div>;
    case 'other':
      return <div className="sim-bubble sim-bubble-in">{t('sim.reply.other', { type: reply.type })}</div>;
  }
}

function NewsCard({ articles }: { articles: Article[] }) {
  const { t } = useI18n();
  const [first, ...rest] = articles;
  if (!first) return null;
  return (
    <article className="sim-news" aria-label={first.title}>
      <div className="sim-news-cover">
        <div
          className="sim-news-pic"
          title={first.picUrl ? t('sim.picture', { url: first.picUrl }) : undefined}
        >
          {first.picUrl ? hostOf(first.picUrl) : ''}
        </div>
        {rest.length > 0 && <div className="sim-news-title-over">{first.title}</div>}
      </div>
      {rest.length === 0 && (
        <div className="sim-news-body">
          <h3 className="sim-news-title">{first.title}</h3>
          {first.description && <p className="sim-news-desc">{first.description}</p>}
          {first.url && (
            <a className="sim-news-more" href={first.url} target="_blank" rel="noreferrer noopener">
              {t('sim.readMore')}
            </a>
          )}
        </div>
      )}
      {rest.map((a, i) => (
        <div className="sim-news-row" key={i}>
          <span className="sim-news-row-title">{a.title}</span>
          <span className="sim-news-thumb" aria-hidden="true" />
        </div>
      ))}
    </article>
  );
}
