/**
 * Chat templates: a Jinja2 interpreter with Python value semantics that renders Hugging Face chat templates exactly
 * as transformers' {@code apply_chat_template} does. {@link dev.litebench.engine.template.ChatTemplate} is the entry
 * point.
 *
 * <p>{@code Lexer} (tokens, whitespace control) feeds {@code Parser} (a tree of {@code Stmt} and {@code Expr}),
 * which {@code Interpreter} walks. Python behaviour lives in {@code PyValues} (truthiness, str/repr, equality,
 * ordering), {@code PyOps} (operators), {@code PyFormat} ({@code %} and {@code str.format}), {@code StrMethods},
 * {@code Members} (attribute and item access under jinja2's sandbox rules), {@code Filters}, {@code JinjaTests},
 * {@code JsonDumps} and {@code Strftime}.
 *
 * <p>Known differences from jinja2 3.1: there is no Markup type, so {@code safe} returns a plain string and
 * {@code escape} escapes every time; generators and builtin methods print without a memory address; templates
 * cannot load others ({@code extends}, {@code include}, {@code import}); the filters filesizeformat, groupby, pprint,
 * random, striptags, urlencode, urlize, wordwrap and xmlattr and the global lipsum are not provided, and templates
 * using them fail at parse time; renders are bounded in output, memory and recursion (see {@code Limits}).
 */
package dev.litebench.engine.template;
