import type { ComponentTokenStateDto } from '../../../../shared/api/areas/component';
import type { I18n } from '../../i18n/i18n';

/** "Valid until …" or "none", the same words for the platform's token and each authorizer's. */
export function tokenStatus(token: ComponentTokenStateDto, { t, fmt }: I18n): string {
  return token.hasToken && token.expiresAt
    ? t('component.token.valid', { time: fmt.dateTime(token.expiresAt) })
    : t('component.token.none');
}
