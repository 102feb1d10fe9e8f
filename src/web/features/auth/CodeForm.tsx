import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';

/** A 6-digit one-time code form, shared by the TOTP step and the enrolment confirmation. */
export function CodeForm({
  submitLabel,
  pending,
  error,
  onSubmit,
  autoFocus = true,
}: {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(code.replace(/\s+/g, ''));
  };
  return (
    <>
      <ErrorSummary error={error} fieldLabels={{ code: t('totp.code') }} />
      <form onSubmit={submit} noValidate className="form">
        <Field
          name="code"
          label={t('totp.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          autoFocus={autoFocus}
          className="code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError(error, 'code')}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
