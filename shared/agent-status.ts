// Whether the running app answers the `authdesk` command over its local channel (Settings › Command
// line shows it): where the socket is, and why it is not served when it is not.
import type { ErrorInfo } from './errors';

export interface AgentStatus {
  /** The socket (a named pipe on Windows) the command connects to. */
  path: string;
  /**
   * starting: the app opens the socket (or is not ready yet); serving: the command is answered;
   * off: the setting is off; failed: the socket could not be opened (`error` says why, e.g.
   * AGENT_SOCKET_UNSAFE); stopped: the app is quitting.
   */
  state: 'starting' | 'serving' | 'off' | 'failed' | 'stopped';
  error: ErrorInfo | null;
}
