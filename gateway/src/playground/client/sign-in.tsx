import { Button, type GraphiQLPlugin } from '@graphiql/react';
import { useState, useSyncExternalStore } from 'react';
import type { SignInRole } from '../shared';
import type { Session } from './session';

interface SignInOptions {
  session: Session;
  /** The gateway's development token endpoint. */
  path: string;
  roles: SignInRole[];
}

function PersonIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" />
    </svg>
  );
}

async function mintToken(path: string, role: SignInRole['role']): Promise<string> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.token;
}

/**
 * Sign in by role (development only): the gateway mints a token with its development key, and every
 * request of every tab, and the subscription socket, carries it from then on.
 */
export function signInPlugin(options: SignInOptions): GraphiQLPlugin {
  return { title: 'Sign in', icon: PersonIcon, content: () => <SignInPanel {...options} /> };
}

function SignInPanel({ session, path, roles }: SignInOptions) {
  const signedIn = useSyncExternalStore(session.subscribe, session.current);
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState<string>();
  const signIn = async (role: SignInRole) => {
    setPending(role.role);
    setProblem(undefined);
    try {
      const token = await mintToken(path, role.role);
      const label = role.detail ? `${role.label} (${role.detail})` : role.label;
      session.set({ authorization: `Bearer ${token}`, label });
    } catch (error) {
      setProblem(`Sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPending(undefined);
    }
  };
  return (
    <section className="playground-panel" aria-label="Sign in">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      <p className="playground-status" data-testid="signed-in">
        {signedIn ? `Signed in as ${signedIn.label}` : 'Not signed in: queries are refused.'}
      </p>
      <ul className="playground-list">
        {roles.map((role) => (
          <li key={role.role}>
            <Button
              type="button"
              className="playground-choice"
              disabled={pending !== undefined}
              onClick={() => void signIn(role)}
            >
              <strong>{role.label}</strong>
              {role.detail ? <span className="playground-detail">{role.detail}</span> : null}
            </Button>
          </li>
        ))}
      </ul>
      {signedIn ? (
        <Button type="button" onClick={() => session.set(undefined)}>
          Sign out
        </Button>
      ) : null}
      {problem ? (
        <p className="playground-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="playground-note">
        Development tokens from the gateway's dev key, as <code>npm run token</code> prints. An Authorization
        in the Headers tab takes precedence.
      </p>
    </section>
  );
}
