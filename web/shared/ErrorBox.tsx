import { errorLines, useLang } from './i18n.js';

/**
 * A refusal from the server in the page's language, or nothing; with `bothLanguages` the other
 * language under it (the ceremony hall, where operator and witnesses may read either).
 */
export function ErrorBox({ error, bothLanguages = false }: { error: unknown; bothLanguages?: boolean }) {
  const lang = useLang();
  if (!error) return null;
  const { main, other } = errorLines(error, lang, bothLanguages);
  return (
    <p className="error" role="alert">
      {main}
      {other !== undefined && (
        <>
          <br />
          <small>{other}</small>
        </>
      )}
    </p>
  );
}
