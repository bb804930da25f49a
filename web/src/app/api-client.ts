// A small typed fetch wrapper: JSON in and out, Bearer token, Accept-Language, ApiError on 4xx/5xx.
import { readStoredToken } from './auth/token-storage';
import { readStoredLocale } from './i18n/locale-storage';

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  requestId?: string;
  details?: unknown[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  readonly details: unknown[];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.requestId = body.requestId;
    this.details = body.details ?? [];
  }
}

export type QueryValue = string | number | boolean | undefined | null;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  /** Do not treat a 401 as "session ended" (the login form itself answers 401 on a wrong password). */
  ignoreUnauthorized?: boolean;
  signal?: AbortSignal;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The auth layer registers what to do when any call answers 401 (clear the session, go to login). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function buildHeaders(hasBody: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': readStoredLocale() });
  if (hasBody) headers.set('Content-Type', 'application/json');
  const token = readStoredToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: `http.${response.status}`, message: response.statusText || `HTTP ${response.status}` };
  try {
    const parsed = (await response.json()) as { error?: ApiErrorBody };
    if (parsed.error?.code) body = parsed.error;
  } catch {
    // Not JSON (proxy error page, empty body): keep the generic message.
  }
  return new ApiError(response.status, body);
}

/** Sends a request and returns the raw Response when it succeeded (used for downloads). */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const hasBody = options.body !== undefined;
  const response = await fetch(buildUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers: buildHeaders(hasBody),
    body: hasBody ? JSON.stringify(options.body) : undefined,
    signal: options.signal,
  });
  if (response.ok) return response;
  const error = await toApiError(response);
  if (response.status === 401 && !options.ignoreUnauthorized) onUnauthorized();
  throw error;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
};

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
