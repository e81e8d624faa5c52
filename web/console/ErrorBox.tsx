import { errorText } from '../shared/i18n.js';
import { useSession } from './session.js';

/** A server error in the user's language, or nothing. */
export function ErrorBox({ error }: { error: unknown }) {
  const { lang } = useSession();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorText(error, lang)}
    </p>
  );
}
