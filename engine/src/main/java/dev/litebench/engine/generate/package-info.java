/**
 * Per-sequence generation logic over logits and text; no model code.
 *
 * <ul>
 *   <li>{@link dev.litebench.engine.generate.SamplingParams}: validated request settings.</li>
 *   <li>{@link dev.litebench.engine.generate.Sampler}: penalties, EOG masking, top-k / top-p / min-p, temperature and
 *       a seeded draw (llama.cpp's default order), plus raw-distribution
 *       {@link dev.litebench.engine.generate.TokenLogprobs}.</li>
 *   <li>{@link dev.litebench.engine.generate.TokenHistory}: prompt + generated ids of one sequence.</li>
 *   <li>{@link dev.litebench.engine.generate.StopMatcher}: streaming stop strings across token boundaries.</li>
 *   <li>{@link dev.litebench.engine.generate.ThinkingSplitter}: streaming {@code <think>} reasoning / content split.</li>
 * </ul>
 *
 * A typical loop per token: {@code id = sampler.sample(logits, vocab, history); history.add(id);} stop on an EOG id
 * or a stop token id (unless masked), decode the id to text, {@code text = stopMatcher.feed(piece)}, then
 * {@code delta = thinkingSplitter.feed(text)}; at the end flush {@code stopMatcher.finish()} through the splitter and
 * call {@code thinkingSplitter.finish()}. Stop strings are matched on the raw output, reasoning included, as vLLM does.
 */
package dev.litebench.engine.generate;
