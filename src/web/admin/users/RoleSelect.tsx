import { humanize } from '../../format';
import { ROLES, type Role } from '../auth/session';

export function RoleSelect({
  value,
  onChange,
  label,
  disabled,
  id,
}: {
  id?: string;
  value: Role;
  onChange: (role: Role) => void;
  /** Accessible name when there is no visible label around the select. */
  label?: string;
  disabled?: boolean;
}) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {humanize(role)}
        </option>
      ))}
    </select>
  );
}
