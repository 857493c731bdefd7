// The service's HTTP API, as the console calls it: the same endpoints and keys as any other client. The key lives in
// sessionStorage only (this tab, this origin), is sent in the X-Api-Key header, and never goes into a URL or a cookie.

const KeyName = 'ruleplugins.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KeyName),
  set: (value) => sessionStorage.setItem(KeyName, value),
  clear: () => sessionStorage.removeItem(KeyName),
};

/** A refused request: the HTTP status and the problem document (title, detail, errors with paths). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

/**
 * Calls the API. `body` is sent as JSON (a string is sent as it is); `text: true` reads a text answer; `signal`
 * cancels the request (the service stops the work it was doing for it).
 */
export async function api(path, { method = 'GET', body, text = false, signal } = {}) {
  const headers = { Accept: text ? 'text/plain' : 'application/json' };
  const key = apiKey.get();
  if (key) headers['X-Api-Key'] = key;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }

  const response = await fetch(path, { method, headers, body: payload, signal, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText };
    }
    throw new ApiError(response.status, problem);
  }

  if (response.status === 204) return null;
  return text ? response.text() : response.json();
}

/** A path with its query string, values encoded. */
export function withQuery(path, query) {
  const parts = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return parts.length === 0 ? path : `${path}?${parts.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);
