import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { problemText } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { formatDateTime } from '../../format';
import { type Role, sessionQuery, useSession } from '../auth/session';
import { accountCommands, accountQueries, type UserAccount } from './api';
import { RoleSelect } from './RoleSelect';

const COLUMNS = 5;

export function UserRow({ user }: { user: UserAccount }) {
  const queryClient = useQueryClient();
  const me = useSession().user.id === user.id;
  const [newPassword, setNewPassword] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: accountQueries.users().queryKey }),
      // My own name or role is part of my session.
      me ? queryClient.invalidateQueries({ queryKey: sessionQuery().queryKey }) : null,
    ]);

  const update = useMutation({
    mutationFn: (changes: { role?: Role; disabled?: boolean }) => accountCommands.updateUser(user.id, changes),
    onSettled: refresh,
  });
  const reset = useMutation({
    mutationFn: () => accountCommands.resetPassword(user.id),
    onSuccess: (answer) => setNewPassword(answer.password),
  });

  const role = update.isPending && update.variables.role ? update.variables.role : user.role;
  const error = update.error ?? reset.error;
  const pending = update.isPending || reset.isPending;

  return (
    <>
      <tr className={pending ? 'is-pending' : undefined}>
        <th scope="row">
          {user.name}
          {me ? <span className="muted"> (you)</span> : null}
          <span className="cell__sub cell__email">{user.email}</span>
        </th>
        <td>
          <RoleSelect
            label={`Role of ${user.email}`}
            value={role}
            disabled={pending}
            onChange={(next) => update.mutate({ role: next })}
          />
        </td>
        <td>
          <span className={`badge ${user.disabled ? 'badge--off' : 'badge--on'}`}>
            {user.disabled ? 'Disabled' : 'Active'}
          </span>
        </td>
        <td>
          {user.lastLoginAt ? (
            <time dateTime={user.lastLoginAt}>{formatDateTime(user.lastLoginAt)}</time>
          ) : (
            <span className="muted">Never</span>
          )}
        </td>
        <td className="actions">
          <span className="actions__group">
            <button
              type="button"
              className="button button--ghost-dark button--small"
              disabled={pending}
              onClick={() => update.mutate({ disabled: !user.disabled })}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
            <ConfirmButton
              question={`Reset the password of ${user.email}?`}
              confirmLabel="Reset"
              disabled={pending}
              onConfirm={() => {
                setNewPassword(null);
                reset.mutate();
              }}
            >
              Reset password
            </ConfirmButton>
          </span>
        </td>
      </tr>
      {error || newPassword ? (
        <tr className="table__note">
          <td colSpan={COLUMNS}>
            {error ? (
              <p className="text-error" role="alert">
                {problemText(error)}
              </p>
            ) : null}
            {newPassword ? (
              <OneTimeSecret
                title={`New password for ${user.email}`}
                label={`New password for ${user.email}`}
                secret={newPassword}
                onDone={() => setNewPassword(null)}
              />
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
