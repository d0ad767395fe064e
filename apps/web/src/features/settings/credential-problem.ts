import type { ChannelDefinition } from '@roundhouse/core';
import type { Locale, T } from '../../i18n';
import type { FieldProblem } from './channel-form';

/** A field problem in words, naming the field by its catalog label (and its expected shape). */
export function problemText(
  channel: ChannelDefinition,
  key: string,
  problem: FieldProblem | 'notObject',
  t: T,
  locale: Locale,
): string {
  const field = channel.fields.find((candidate) => candidate.key === key);
  const label = field ? field.label[locale] : key;
  switch (problem) {
    case 'required':
      return t('settings.credentials.problem.required', { field: label });
    case 'format':
      return t('settings.credentials.problem.format', { field: label, hint: field?.hint ?? '' });
    case 'notText':
      return t('settings.credentials.problem.notText', { field: label });
    case 'notObject':
      return t('settings.credentials.problem.notObject');
    case 'unknown':
      return t('settings.credentials.problem.unknown', {
        field: key,
        expected: channel.fields.map((candidate) => candidate.key).join(', '),
      });
  }
}
