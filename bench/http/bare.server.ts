// The baseline for the http bench: the least a Bun server can do per request.
Bun.serve({ port: Number(process.env.PORT ?? 0), hostname: process.env.HOST ?? '127.0.0.1', fetch: () => Response.json({ hello: 'world' }) });
