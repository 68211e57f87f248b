// A free port on 127.0.0.1, picked at run time (never a fixed one): each variant gets its own.
import { createServer } from 'node:net';
import { LabError } from '../errors.js';

/** A port the OS just handed out for 127.0.0.1 and that is free again now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) =>
      reject(
        new LabError('RESILAB_E_PORT_IN_USE', `no free port on ${host}: ${error.message}`, { cause: error }),
      ),
    );
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
