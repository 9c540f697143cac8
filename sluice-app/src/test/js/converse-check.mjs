#!/usr/bin/env node
// Calls Sluice's Bedrock Converse API with the AWS JavaScript SDK v3 and checks that every answer arrives whole.
//
// For each of --count fresh BedrockRuntimeClients (at most --concurrency at a time) it makes one Converse and then
// one ConverseStream call. The client is configured as the SDK's Node default would be, but explicitly: the
// NodeHttp2Handler with disableConcurrentStreams (a new HTTP/2 session per request), here over cleartext h2c with
// prior knowledge since the base URL is http://. --http 1.1 swaps in the NodeHttpHandler as a control.
// Bearer auth: `token` plus authSchemePreference ["httpBearerAuth"], as AWS_BEARER_TOKEN_BEDROCK would set.
//
// Prints one JSON line {"converse_ok","converse_bad","stream_ok","stream_bad","errors"} on stdout and exits 0 only
// when every call was complete; 1 when some were not; 2 on bad arguments.
import { parseArgs } from "node:util";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttp2Handler, NodeHttpHandler } from "@smithy/node-http-handler";

const USAGE = "usage: converse-check.mjs --base-url URL --token KEY --model ID [--count N] [--concurrency C]"
  + " [--expect TEXT (default: the prompt, for an echo model)] [--http 2|1.1] [--timeout-ms MS]";
const MAX_ERRORS = 5;

function usage() {
  console.error(USAGE);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        "base-url": { type: "string" },
        token: { type: "string" },
        model: { type: "string" },
        count: { type: "string", default: "50" },
        concurrency: { type: "string", default: "10" },
        expect: { type: "string" },
        http: { type: "string", default: "2" },
        "timeout-ms": { type: "string", default: "30000" },
      },
    }));
  } catch {
    usage();
  }
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  const timeoutMs = Number(values["timeout-ms"]);
  const valid = values["base-url"] && values.token && values.model && ["2", "1.1"].includes(values.http)
    && [count, concurrency, timeoutMs].every((n) => Number.isInteger(n) && n > 0);
  if (!valid) {
    usage();
  }
  return { baseUrl: values["base-url"], token: values.token, model: values.model, count, concurrency,
    expect: values.expect, http: values.http, timeoutMs };
}

function newClient(opts) {
  const handlerOptions = { requestTimeout: opts.timeoutMs, connectionTimeout: opts.timeoutMs };
  const requestHandler = opts.http === "2"
    ? new NodeHttp2Handler({ ...handlerOptions, disableConcurrentStreams: true })
    : new NodeHttpHandler(handlerOptions);
  return new BedrockRuntimeClient({
    endpoint: opts.baseUrl,
    region: "us-east-1",
    token: { token: opts.token },
    authSchemePreference: ["httpBearerAuth"],
    maxAttempts: 1, // a retry would hide the incomplete answer this script is looking for
    requestHandler,
  });
}

function request(opts, i) {
  const prompt = `Sluice h2c check, client ${i}: the quick brown fox jumps over the lazy dog.`;
  return {
    input: { modelId: opts.model, messages: [{ role: "user", content: [{ text: prompt }] }],
      inferenceConfig: { maxTokens: 200 } },
    expected: opts.expect ?? prompt,
  };
}

function checkUsage(usage) {
  if (!usage || !(usage.inputTokens > 0) || !(usage.outputTokens > 0)) {
    throw new Error(`usage missing or empty: ${JSON.stringify(usage)}`);
  }
}

function checkText(text, expected) {
  if (text !== expected) {
    throw new Error(`text ${JSON.stringify(text)} is not ${JSON.stringify(expected)}`);
  }
}

async function converse(client, input, expected, timeoutMs) {
  const out = await client.send(new ConverseCommand(input), { abortSignal: AbortSignal.timeout(timeoutMs) });
  const text = (out.output?.message?.content ?? []).map((b) => b.text ?? "").join("");
  checkText(text, expected);
  checkUsage(out.usage);
  if (!out.stopReason) {
    throw new Error("no stopReason");
  }
}

async function converseStream(client, input, expected, timeoutMs) {
  const out = await client.send(new ConverseStreamCommand(input), { abortSignal: AbortSignal.timeout(timeoutMs) });
  const seen = [];
  let text = "";
  let usage;
  for await (const event of out.stream) {
    const kind = Object.keys(event).find((k) => event[k] !== undefined);
    seen.push(kind);
    if (event.contentBlockDelta) {
      text += event.contentBlockDelta.delta?.text ?? "";
    } else if (event.metadata) {
      usage = event.metadata.usage;
    } else if (!["messageStart", "contentBlockStart", "contentBlockStop", "messageStop"].includes(kind)) {
      throw new Error(`unexpected stream event ${kind}: ${JSON.stringify(event[kind])}`);
    }
  }
  const where = `events [${seen.join(",")}]`;
  if (seen[0] !== "messageStart") {
    throw new Error(`stream did not begin with messageStart: ${where}`);
  }
  if (!seen.includes("messageStop") || !seen.includes("metadata")) {
    throw new Error(`stream lacks messageStop or metadata: ${where}`);
  }
  checkText(text, expected);
  checkUsage(usage);
}

async function oneClient(opts, i, summary) {
  const { input, expected } = request(opts, i);
  const client = newClient(opts);
  try {
    for (const [name, call] of [["converse", converse], ["stream", converseStream]]) {
      try {
        await call(client, input, expected, opts.timeoutMs);
        summary[`${name}_ok`]++;
      } catch (e) {
        summary[`${name}_bad`]++;
        if (summary.errors.length < MAX_ERRORS) {
          summary.errors.push(`${name} #${i}: ${e?.name ?? "Error"}: ${e?.message ?? e}`);
        }
      }
    }
  } finally {
    client.destroy();
  }
}

async function main() {
  const opts = options();
  const summary = { converse_ok: 0, converse_bad: 0, stream_ok: 0, stream_bad: 0, errors: [] };
  let next = 0;
  const worker = async () => {
    while (next < opts.count) {
      await oneClient(opts, next++, summary);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.count) }, worker));
  console.log(JSON.stringify(summary));
  const complete = summary.converse_ok === opts.count && summary.stream_ok === opts.count;
  process.exitCode = complete ? 0 : 1;
}

await main();
