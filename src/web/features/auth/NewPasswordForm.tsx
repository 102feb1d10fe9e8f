import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';

/** The field that proves the right to set a password: the current password, or a one-time reset code. */
export type ProofField = { name: string; label: string } & InputHTMLAttributes<HTMLInputElement>;

/**
 * A new password and the proof that allows it, with the server's reasons beside each field. Used to
 * change one's password (proof: the current one) and to reset it (proof: an administrator's code).
 */
export function NewPasswordForm({
  proof: { name: proofName, label: proofLabel, ...proofInput },
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  proof: ProofField;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** `clear` empties both fields (call it once the server accepted the password). */
  onSubmit: (proof: string, newPassword: string, clear: () => void) => void;
}) {
  const { t } = useTranslation();
  const [proof, setProof] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const clear = () => {
    setProof('');
    setNewPassword('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(proof, newPassword, clear);
  };
  return (
    <>
      <ErrorSummary error={error} fieldLabels={{ [proofName]: proofLabel, newPassword: t('password.new') }} />
      <form onSubmit={submit} noValidate className="form">
        <Field
          {...proofInput}
          name={proofName}
          label={proofLabel}
          required
          value={proof}
          onChange={(e) => setProof(e.target.value)}
          error={fieldError(error, proofName)}
        />
        <Field
          name="newPassword"
          label={t('password.new')}
          hint={t('password.rules')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={fieldError(error, 'newPassword')}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
