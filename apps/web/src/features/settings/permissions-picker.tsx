import { Checkbox } from '../../components/ui';
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
                <Checkbox
                  key={action}
                  label={t(`settings.apiKeys.action.${action}`)}
                  accessibleName={`${t(`settings.apiKeys.resource.${resource}`)}: ${t(`settings.apiKeys.action.${action}`)}`}
                  checked={hasPermission(value, resource, action)}
                  onCheckedChange={(on) => onChange(togglePermission(value, resource, action, on))}
                />
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
