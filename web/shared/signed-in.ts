/** Who is logged in on a staff page (the console, the ceremony's control panel). */
import { useEffect, useState } from 'react';
import { api, setCsrf } from './api.js';

/**
 * The server's answer to "who am I", asked once: undefined while asking, null when nobody is logged
 * in. Its CSRF token is put to use as it arrives; the setter takes a login's answer, or null after
 * logging out.
 */
export function useSignedIn<Me extends { csrf: string }>(): [Me | null | undefined, (me: Me | null) => void] {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api<Me>('GET', '/api/auth/me')
      .then((m) => {
        setCsrf(m.csrf);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);
  return [me, setMe];
}
