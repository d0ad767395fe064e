import { useI18n } from '../../i18n';
import {
  grantableResources,
  hasPermission,
  PERMISSION_ACTIONS,
  togglePermission,
  type Permissions,
} from './permissions';

/** Read/write checkboxes per resource; write implies read. */
export function PermissionsPicker({
  value,
  onChange,
  role,
  error,
}: {
  value: Permissions;
  onChange: (next: Permissions) => void;
  role: string;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset aria-describedby={error ? 'permissions-error' : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-neutral-900">
        {t('settings.apiKeys.permissions')}
      </legend>
      <div className="divide-y divide-neutral-200 rounded-md border border-neutral-200">
        {grantableResources(role).map((resource) => (
          <div key={resource} className="flex items-center justify-between gap-3 px-3 py-2">
            <span className="text-sm text-neutral-800">
              {t(`settings.apiKeys.resource.${resource}`)}
            </span>
            <div className="flex gap-4">
              {PERMISSION_ACTIONS.map((action) => (
                <label key={action} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-teal-700"
                    checked={hasPermission(value, resource, action)}
                    aria-label={`${t(`settings.apiKeys.resource.${resource}`)}: ${t(`settings.apiKeys.action.${action}`)}`}
                    onChange={(event) =>
                      onChange(togglePermission(value, resource, action, event.target.checked))
                    }
                  />
                  <span aria-hidden="true">{t(`settings.apiKeys.action.${action}`)}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      {error && (
        <p id="permissions-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
