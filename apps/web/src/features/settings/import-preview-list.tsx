import { getChannel, isChannelId } from '@roundhouse/core';
import { useI18n } from '../../i18n';
import { problemText } from './credential-problem';
import type { ImportPreview } from './import-preview';

/** What an import would change, or every problem that stops it, per channel. */
export function ImportPreviewList({ preview }: { preview: ImportPreview }) {
  const { t, locale } = useI18n();
  if (preview.ok) {
    return (
      <div role="status">
        <p className="text-sm font-medium text-neutral-900">{t('settings.import.willChange')}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {preview.changes.map((change) => {
            const channel = getChannel(change.channel);
            return (
              <li key={change.channel}>
                <span className="font-medium">{channel.name[locale]}</span>
                {' — '}
                {t(`settings.import.action.${change.action}`, {
                  fields: change.fields
                    .map((key) => channel.fields.find((f) => f.key === key)?.label[locale] ?? key)
                    .join(', '),
                })}
              </li>
            );
          })}
        </ul>
      </div>
    );
  }
  if ('document' in preview) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {t(`settings.import.document.${preview.document}`)}
      </p>
    );
  }
  return (
    <div role="alert">
      <p className="text-sm font-medium text-red-800">{t('settings.import.problems')}</p>
      <ul className="mt-2 space-y-2 text-sm text-red-700">
        {preview.channels.map((entry) => (
          <li key={entry.channel}>
            <span className="font-medium">
              {isChannelId(entry.channel) ? getChannel(entry.channel).name[locale] : entry.channel}
            </span>
            {isChannelId(entry.channel) ? (
              <ul className="ml-4 list-disc">
                {Object.entries(entry.fields).map(([key, problem]) => (
                  <li key={key}>
                    {problemText(getChannel(entry.channel), key, problem, t, locale)}
                  </li>
                ))}
              </ul>
            ) : (
              <>
                {' — '}
                {t('settings.import.unknownChannel')}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
