/**
 * Talking to the server: JSON in and out, the CSRF token on every state-changing request, and
 * errors carried as they come (code, Chinese, English, where) so pages show them, never re-word them.
 */
export interface ApiErrorBody {
  code: string;
  zh: string;
  en: string;
  where: { file?: string; line?: number; field?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly extra?: unknown,
  ) {
    super(body.en);
  }
}

let csrf = '';
export function setCsrf(token: string): void {
  csrf = token;
}

export async function api<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof Blob || body instanceof ArrayBuffer) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { ...init, method, headers, body: payload, credentials: 'same-origin' });
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const data = type.includes('json') ? ((await res.json()) as { error?: ApiErrorBody; errors?: unknown }) : undefined;
    throw new ApiError(
      res.status,
      data?.error ?? { code: 'http', zh: `请求失败（${res.status}）`, en: `request failed (${res.status})`, where: {} },
      data?.errors,
    );
  }
  return (type.includes('json') ? res.json() : res.blob()) as Promise<T>;
}

/** A query string (`?a=1&b=x`, or nothing) from a request's query object; absent values are left out. */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Upload with progress (fetch has no upload progress): resolves with the JSON answer. */
export function upload<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const data = JSON.parse(xhr.responseText || '{}') as { error?: ApiErrorBody; errors?: unknown };
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else
        reject(
          new ApiError(
            xhr.status,
            data.error ?? { code: 'http', zh: `上传失败（${xhr.status}）`, en: `upload failed (${xhr.status})`, where: {} },
            data.errors,
          ),
        );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, { code: 'network', zh: '网络错误，上传失败', en: 'network error; the upload failed', where: {} }));
    xhr.send(file);
  });
}

/** Saves a Blob as a download. */
export function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
