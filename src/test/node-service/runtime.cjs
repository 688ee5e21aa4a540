// A minimal Lambda runtime for Node handlers, for the benchmark: what Lambda's Node runtime does around a handler,
// over the same Runtime API (2018-06-01) that the Java artifact's runtime interface client polls, so both programs
// pay it. Loads the handler named by _HANDLER ("file.export") from LAMBDA_TASK_ROOT (require for .js/.cjs, import
// for .mjs: that load is the function's init), then loops: GET /runtime/invocation/next, JSON.parse of the event,
// a context from the headers, await handler(event, context), POST /runtime/invocation/{id}/response with
// JSON.stringify of the result (or /error). One kept-alive connection, Nagle off (noDelay), as the managed runtime's
// client. An init failure goes to /runtime/init/error.
//
// AWS's own client from npm (aws-lambda-ric) was not used: 3.x builds curl and aws-lambda-cpp from source at install
// (autoreconf, not on these machines) and 4.x needs Node 22.
'use strict';
const http = require('node:http');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const prefix = '/2018-06-01/runtime';

function call(method, route, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: prefix + route, agent, noDelay: true,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function failure(error) {
  return JSON.stringify({ errorType: error?.name || 'Error', errorMessage: String(error?.message ?? error) });
}

async function loadHandler() {
  const [file, name] = process.env._HANDLER.split('.');
  const base = path.resolve(process.env.LAMBDA_TASK_ROOT, file);
  const module = require('node:fs').existsSync(base + '.mjs')
    ? await import(pathToFileURL(base + '.mjs').href)
    : require(require('node:fs').existsSync(base + '.cjs') ? base + '.cjs' : base + '.js');
  return module[name];
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    await call('POST', '/init/error', failure(error));
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'] || '';
    const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
    const context = {
      awsRequestId: id,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    try {
      const result = await handler(JSON.parse(next.body), context);
      await call('POST', `/invocation/${id}/response`, JSON.stringify(result));
    } catch (error) {
      await call('POST', `/invocation/${id}/error`, failure(error));
    }
  }
}

main();
