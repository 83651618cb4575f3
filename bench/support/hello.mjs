// The hello-world baseline of the benchmarks: the fastest a Fastify 5 server answers
// on this machine, with nothing behind it. Each benchmark's run.mjs spawns it as its own process
// (like the real server) and divides the rates it measures by this one's.
//
//   PORT=4000 node bench/support/hello.mjs    # then GET http://127.0.0.1:4000/ (or POST JSON to it)
//
// Listens on 127.0.0.1 only. Stops cleanly on SIGTERM or SIGINT.

import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 4000);
const app = Fastify({ logger: false });

app.get('/', async () => ({ hello: 'world' }));
// The same for a POST whose JSON body is parsed and dropped: what reading a small body costs a
// route that does nothing with it (bench/flashsale/costs.mjs).
app.post('/', async () => ({ hello: 'world' }));

let closing = false;
const stop = async () => {
  if (closing) process.exit(1);
  closing = true;
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`hello-world on http://127.0.0.1:${port}/\n`);
