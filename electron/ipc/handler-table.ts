// The shape of the handler table: one async function per contract method.
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';

export type Handlers = {
  [M in Method]: (args: MethodArgs[M]) => Promise<MethodResults[M]>;
};
