// The baseline for the http bench: the least a Bun server can do per request.
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => Response.json({ hello: 'world' }) });
console.log(server.port);
