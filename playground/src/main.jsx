import { StrictMode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './app.css';
import { defaultTabs, wholeTree } from './examples.js';
import { configUrl, graphqlUrl } from './urls.js';
import { CognitoTokenField, DevTokenPicker, readSessionToken } from './auth.jsx';
import { TreeView } from './tree.jsx';

// GraphiQL keeps its tabs in localStorage; namespace the keys so other GraphiQL
// pages on the same origin do not collide. Headers are not persisted
// (shouldPersistHeaders stays false) and the token never enters the editors.
const STORAGE_PREFIX = 'category-gateway-playground:v1:';
const storage = {
  getItem: (k) => {
    try {
      return window.localStorage.getItem(STORAGE_PREFIX + k);
    } catch {
      return null;
    }
  },
  setItem: (k, v) => {
    try {
      window.localStorage.setItem(STORAGE_PREFIX + k, v);
    } catch {
      /* quota or disabled storage */
    }
  },
  removeItem: (k) => {
    try {
      window.localStorage.removeItem(STORAGE_PREFIX + k);
    } catch {
      /* ignore */
    }
  },
  clear: () => {
    try {
      Object.keys(window.localStorage)
        .filter((k) => k.startsWith(STORAGE_PREFIX))
        .forEach((k) => window.localStorage.removeItem(k));
    } catch {
      /* ignore */
    }
  },
  get length() {
    try {
      return Object.keys(window.localStorage).filter((k) => k.startsWith(STORAGE_PREFIX)).length;
    } catch {
      return 0;
    }
  },
  key: () => null,
};

async function loadConfig() {
  try {
    const res = await fetch(configUrl(), { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const cfg = await res.json();
    return { devTokens: cfg.devTokens === true, environment: String(cfg.environment ?? 'unknown'), error: null };
  } catch (err) {
    return { devTokens: false, environment: 'unknown', error: `could not read playground/config.json (${err.message})` };
  }
}

const hasAuthorization = (headers) =>
  headers && Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');

async function postGraphQL(params, headers) {
  const res = await fetch(graphqlUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status} ${res.statusText}: ${text.slice(0, 500)}` }] };
  }
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function App() {
  const [config, setConfig] = useState(null);
  const [auth, setAuth] = useState({ token: null });
  const [lastResult, setLastResult] = useState(null);
  // authRef.current.promise settles with the token to use; it is replaced (and the
  // old one settled) whenever the picker or the token field changes.
  const firstReport = useRef(deferred());
  const authRef = useRef({ promise: firstReport.current.promise, token: null });

  const onToken = useCallback((next) => {
    authRef.current = next;
    firstReport.current.resolve(null);
    setAuth({ token: next.token });
  }, []);

  useEffect(() => {
    loadConfig().then((cfg) => {
      if (!cfg.devTokens) {
        const t = readSessionToken() || null;
        onToken({ promise: Promise.resolve(t), token: t });
      }
      setConfig(cfg);
    });
  }, [onToken]);

  // Waits until the token in force is known (a dev token may still be on its way).
  const currentToken = useCallback(async () => {
    for (;;) {
      const { promise } = authRef.current;
      const token = await promise.catch(() => null);
      if (authRef.current.promise === promise) return token;
    }
  }, []);

  // Changing the token makes a new fetcher, so GraphiQL reloads the schema with it.
  const fetcher = useCallback(
    async (params, opts) => {
      const token = await currentToken();
      const headers = { ...(opts?.headers ?? {}) };
      // an Authorization header typed into the headers editor wins over the picker
      if (token && !hasAuthorization(headers)) headers.Authorization = `Bearer ${token}`;
      const result = await postGraphQL(params, headers);
      if (params?.operationName !== 'IntrospectionQuery') setLastResult(result);
      return result;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [auth.token, currentToken],
  );

  const tabs = useMemo(() => defaultTabs, []);

  return (
    <div className="app">
      <header className="auth-bar" data-testid="auth-bar">
        <strong className="app-title">Category Gateway</strong>
        {config ? (
          <span className="env-badge" data-testid="environment">
            {config.environment}
          </span>
        ) : null}
        {config ? config.devTokens ? <DevTokenPicker onToken={onToken} /> : <CognitoTokenField onToken={onToken} /> : null}
        {config?.error ? <span className="auth-status auth-status--error">{config.error}</span> : null}
      </header>
      {config ? (
        <main className="workspace">
          <div className="editor-pane">
            <GraphiQL
              fetcher={fetcher}
              storage={storage}
              defaultQuery={wholeTree}
              defaultTabs={tabs}
              defaultEditorToolsVisibility="variables"
              showPersistHeadersSettings={false}
              shouldPersistHeaders={false}
            />
          </div>
          <TreeView result={lastResult} />
        </main>
      ) : (
        <p className="loading">Loading playground…</p>
      )}
    </div>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
