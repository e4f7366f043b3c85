// Drives the server with the official `openai` npm package; prints what it observed as one JSON object.
// Usage: node openai-sdk.mjs BASE_URL KEYED_BASE_URL API_KEY MODEL
import OpenAI from "openai";

const [baseURL, keyedBaseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "EMPTY", maxRetries: 0 });
const ask = (extra) => ({ model, messages: [{ role: "user", content: "Hello there" }], temperature: 0, ...extra });
const out = {};

const chat = await client.chat.completions.create(ask({ max_tokens: 6 }));
out.chat = {
  content: chat.choices[0].message.content,
  finish_reason: chat.choices[0].finish_reason,
  completion_tokens: chat.usage.completion_tokens,
  prompt_tokens: chat.usage.prompt_tokens,
};

const stream = await client.chat.completions.create(ask({ max_tokens: 6, stream: true, stream_options: { include_usage: true } }));
let streamed = "", firstRole = null, usage = null, chunks = 0;
for await (const chunk of stream) {
  chunks++;
  if (chunks === 1) firstRole = chunk.choices[0]?.delta?.role ?? null;
  streamed += chunk.choices[0]?.delta?.content ?? "";
  if (chunk.usage) usage = chunk.usage;
}
out.stream = { content: streamed, first_role: firstRole, completion_tokens: usage?.completion_tokens ?? null };

const word = chat.choices[0].message.content.trim().split(" ")[1];
const cut = await client.chat.completions.create(ask({ max_tokens: 6, stop: [word] }));
out.stop = { stop: word, content: cut.choices[0].message.content, finish_reason: cut.choices[0].finish_reason };

const on = await client.chat.completions.create(ask({ max_tokens: 5, chat_template_kwargs: { enable_thinking: true } }));
const off = await client.chat.completions.create(ask({ max_tokens: 5, enable_thinking: false }));
out.thinking_on = { reasoning_content: on.choices[0].message.reasoning_content ?? null, content: on.choices[0].message.content };
out.thinking_off = { reasoning_content: off.choices[0].message.reasoning_content ?? null, content: off.choices[0].message.content };

const keyed = new OpenAI({ baseURL: keyedBaseURL, apiKey, maxRetries: 0 });
out.right_key = { content: (await keyed.chat.completions.create(ask({ max_tokens: 2 }))).choices[0].message.content };
try {
  await new OpenAI({ baseURL: keyedBaseURL, apiKey: apiKey + "-wrong", maxRetries: 0 }).chat.completions.create(ask({ max_tokens: 2 }));
  out.wrong_key = { status: 200 };
} catch (e) {
  out.wrong_key = { status: e.status ?? null, type: e.constructor.name };
}

console.log(JSON.stringify(out));
