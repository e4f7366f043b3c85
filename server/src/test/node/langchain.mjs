// Drives the server with LangChain's ChatOpenAI, configured as the evaluations configure it (base URL, api key
// "EMPTY", streaming, thinking through extra body fields); prints what it observed as one JSON object.
// Usage: node langchain.mjs BASE_URL KEYED_BASE_URL API_KEY MODEL
import { ChatOpenAI } from "@langchain/openai";

// With streaming on, LangChain also estimates token counts with tiktoken ranks it downloads from tiktoken.pages.dev
// (retrying for minutes when that fails). The test machine may be offline, so those downloads are answered with the
// ranks the js-tiktoken package ships; every other request goes out unchanged.
const networkFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input.url ?? String(input);
  const ranks = url.match(/^https:\/\/tiktoken\.pages\.dev\/js\/(\w+)\.json$/);
  if (!ranks) return networkFetch(input, init);
  const bundled = await import(`js-tiktoken/ranks/${ranks[1]}`);
  return new Response(JSON.stringify(bundled.default), { headers: { "content-type": "application/json" } });
};

const [baseURL, keyedBaseURL, apiKey, model] = process.argv.slice(2);
const llm = (options) => new ChatOpenAI({
  model, apiKey: "EMPTY", configuration: { baseURL }, temperature: 0, maxTokens: 6, maxRetries: 0, ...options,
});
const out = {};

const plain = await llm({}).invoke("Hello there");
out.chat = { content: plain.content, output_tokens: plain.usage_metadata?.output_tokens ?? null,
  finish_reason: plain.response_metadata?.finish_reason ?? null };

const streamed = await llm({ streaming: true }).invoke("Hello there");
out.stream = { content: streamed.content, output_tokens: streamed.usage_metadata?.output_tokens ?? null };

let pieces = 0, joined = "";
for await (const chunk of await llm({ streaming: true }).stream("Hello there")) {
  if (chunk.content) pieces++;
  joined += chunk.content;
}
out.stream_chunks = { pieces, content: joined };

const word = plain.content.trim().split(" ")[1];
const cut = await llm({}).invoke("Hello there", { stop: [word] });
out.stop = { stop: word, content: cut.content };

const thinking = (enable) => llm({ streaming: true, maxTokens: 5, modelKwargs: { enable_thinking: enable, return_reasoning: true } });
const on = await thinking(true).invoke("Hello there");
const off = await thinking(false).invoke("Hello there");
out.thinking_on = { reasoning_content: on.additional_kwargs?.reasoning_content ?? null, content: on.content };
out.thinking_off = { reasoning_content: off.additional_kwargs?.reasoning_content ?? null, content: off.content };

const keyed = (key) => new ChatOpenAI({ model, apiKey: key, configuration: { baseURL: keyedBaseURL }, maxTokens: 2, maxRetries: 0 });
out.right_key = { content: (await keyed(apiKey).invoke("hi")).content };
try {
  await keyed(apiKey + "-wrong").invoke("hi");
  out.wrong_key = { status: 200 };
} catch (e) {
  out.wrong_key = { status: e.status ?? e.lc_error_code ?? null, message: String(e.message).split("\n")[0] };
}

console.log(JSON.stringify(out));
