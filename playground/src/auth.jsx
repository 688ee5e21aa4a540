import { useEffect, useRef, useState } from 'react';
import { devTokenUrl } from './urls.js';

export const ORGS = ['demo-org', 'demo-org-2'];
export const ROLES = ['viewer', 'editor', 'admin'];
const SESSION_KEY = 'category-gateway-playground:cognito-token';

const stripBearer = (t) => t.trim().replace(/^bearer\s+/i, '');

// Session storage only: the Cognito token never goes to localStorage.
export const readSessionToken = () => {
  try {
    return window.sessionStorage.getItem(SESSION_KEY) || '';
  } catch {
    return '';
  }
};
const writeSessionToken = (t) => {
  try {
    if (t) window.sessionStorage.setItem(SESSION_KEY, t);
    else window.sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* storage disabled: keep the token in memory only */
  }
};

async function fetchDevToken(org, role, signal) {
  const res = await fetch(devTokenUrl(org, role), { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) throw new Error(`dev/token answered HTTP ${res.status}`);
  const body = await res.json();
  if (!body || typeof body.token !== 'string' || !body.token) throw new Error('dev/token answered without a token');
  return body.token;
}

/**
 * Local picker: organization + role; fetches GET dev/token?org=&role= and reports
 * the token through onToken(promise). The promise lets the fetcher wait for it.
 */
export function DevTokenPicker({ onToken }) {
  const [org, setOrg] = useState(ORGS[0]);
  const [role, setRole] = useState('editor');
  const [state, setState] = useState({ status: 'loading', message: 'fetching a dev token…' });
  const onTokenRef = useRef(onToken);
  onTokenRef.current = onToken;

  useEffect(() => {
    const trimmed = org.trim();
    if (!trimmed) {
      setState({ status: 'error', message: 'enter an organization' });
      return undefined;
    }
    const controller = new AbortController();
    let resolve;
    let reject;
    const pending = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    pending.catch(() => {});
    onTokenRef.current({ promise: pending, token: null });
    setState({ status: 'loading', message: 'fetching a dev token…' });
    // debounce typing in the organization field
    const timer = setTimeout(() => {
      fetchDevToken(trimmed, role, controller.signal).then(
        (token) => {
          resolve(token);
          onTokenRef.current({ promise: pending, token });
          setState({ status: 'ready', message: `dev token for ${trimmed} as ${role}` });
        },
        (err) => {
          if (controller.signal.aborted) return;
          reject(err);
          setState({ status: 'error', message: `no token: ${err.message}` });
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
      resolve(null); // a superseded request no longer blocks anyone waiting
    };
  }, [org, role]);

  return (
    <div className="auth-fields">
      <label>
        Organization
        <input
          data-testid="auth-org"
          list="playground-orgs"
          value={org}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setOrg(e.target.value)}
        />
        <datalist id="playground-orgs">
          {ORGS.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </label>
      <label>
        Role
        <select data-testid="auth-role" value={role} onChange={(e) => setRole(e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <span className={`auth-status auth-status--${state.status}`} data-testid="auth-status" data-state={state.status}>
        {state.message}
      </span>
    </div>
  );
}

/** Deployed: a password field for a Cognito token, kept in sessionStorage only. */
export function CognitoTokenField({ onToken }) {
  const [value, setValue] = useState(readSessionToken);
  const update = (raw) => {
    const token = stripBearer(raw);
    setValue(token);
    writeSessionToken(token);
    onToken({ promise: Promise.resolve(token || null), token: token || null });
  };
  return (
    <div className="auth-fields">
      <label>
        Cognito token
        <input
          data-testid="auth-token"
          type="password"
          value={value}
          placeholder="paste an ID or access token"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update(e.target.value)}
        />
      </label>
      {value ? (
        <button type="button" data-testid="auth-clear" onClick={() => update('')}>
          Forget
        </button>
      ) : null}
      <span
        className={`auth-status auth-status--${value ? 'ready' : 'error'}`}
        data-testid="auth-status"
        data-state={value ? 'ready' : 'missing'}
      >
        {value ? 'token kept for this browser tab only' : 'no token: requests will be rejected'}
      </span>
    </div>
  );
}
