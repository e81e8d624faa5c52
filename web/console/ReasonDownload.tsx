/**
 * A download of personal data (notices, the internal workbook, the units export) asks for a reason
 * in the console's one dialog, then downloads with `?reason=`; the server refuses it without one
 * and records it in the access log.
 */
import type { ReactNode } from 'react';
import { api } from '../shared/api.js';
import { useAsk } from './ConfirmDialog.js';
import { useSession } from './session.js';
import { PRIVACY_MESSAGES } from './privacy-messages.js';

/** `url` may already carry a query; the reason is appended to it. */
export function withReason(url: string, reason: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}reason=${encodeURIComponent(reason)}`;
}

export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function useReasonDownload(): { download: (url: string, name: string, label: string) => void; element: ReactNode } {
  const { lang } = useSession();
  const m = PRIVACY_MESSAGES[lang];
  const { ask, element } = useAsk();
  const download = (url: string, name: string, label: string): void =>
    ask({
      title: m.askTitle(label),
      body: m.askBody,
      irreversible: m.askIrreversible,
      confirmLabel: m.askConfirm,
      reason: { label: m.reasonLabel, required: true, placeholder: m.reasonPlaceholder },
      run: async (reason) => saveBlob(await api<Blob>('GET', withReason(url, reason)), name),
    });
  return { download, element };
}
