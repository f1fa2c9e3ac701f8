import { useId, useState, type FormEvent } from 'react';
import type { PointOfSale } from '../../../../shared/boletos';
import { formatPointOfSale } from '../../app/boletos';
import { describeError } from '../../app/errors';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { KeyIcon } from '../../components/icons';
import { call } from '../../ipc';

/** The portal login of one point of sale: user, a name, and the password (to the keychain, never shown back). */
export function PointOfSaleDialog({ company, pointOfSale, demo, onClose, onSaved }: { company: string; pointOfSale: PointOfSale; demo: boolean; onClose(): void; onSaved(saved: PointOfSale): void }) {
  const id = useId();
  const [user, setUser] = useState(pointOfSale.portalUser);
  const [label, setLabel] = useState(pointOfSale.label ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!user.trim()) {
      setError('Informe o usuário do portal Canopus deste ponto de venda.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('pdv.set', {
        company,
        code: pointOfSale.code,
        user: user.trim(),
        label: label.trim() || null,
        ...(password ? { password } : {}),
      });
      setPassword('');
      onSaved(saved);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  const passwordHint = demo
    ? 'Não é necessária no modo demonstração'
    : pointOfSale.passwordConfigured === true
      ? '•••••••• (guardada no cofre; digite para trocar)'
      : 'Senha do portal Canopus';

  return (
    <Dialog
      title={`Ponto de venda ${formatPointOfSale(pointOfSale.code)}`}
      testId="pdv-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancelar
          </button>
          <button type="submit" form={`${id}-form`} className="button button-primary" data-testid="pdv-save" disabled={busy}>
            {busy ? 'Salvando…' : 'Salvar'}
          </button>
        </>
      }
    >
      <p>O robô entra no portal Canopus com o usuário deste ponto de venda. Cada ponto de venda tem o seu login.</p>
      <form id={`${id}-form`} className="form" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-user`}>Usuário do portal</label>
          <input
            id={`${id}-user`}
            data-testid="pdv-user"
            value={user}
            autoFocus
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder="ex.: 012345"
            onChange={(e) => setUser(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>Nome do ponto de venda</label>
          <input id={`${id}-label`} data-testid="pdv-label" value={label} maxLength={120} placeholder="ex.: Loja Centro (opcional)" onChange={(e) => setLabel(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Senha do portal</label>
          <div className="input-icon">
            <KeyIcon size={16} />
            <input
              id={`${id}-password`}
              type="password"
              data-testid="pdv-password"
              value={password}
              autoComplete="new-password"
              maxLength={256}
              placeholder={passwordHint}
              aria-describedby={`${id}-password-help`}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <p className="field-help" id={`${id}-password-help`}>
            Fica no cofre de senhas do sistema e nunca é exibida de volta. Deixe em branco para manter a senha atual.
          </p>
        </div>
        {error ? <Alert testId="pdv-error">{error}</Alert> : null}
      </form>
    </Dialog>
  );
}
