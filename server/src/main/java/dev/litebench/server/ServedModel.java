package dev.litebench.server;

import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.Warmup;

/** A loaded model and its prompt builder, under the name clients address it by, and its warm-up (null: none). */
record ServedModel(String name, Engine engine, PromptBuilder prompts, Warmup.Result warmup) {

    static ServedModel of(String name, Engine engine) {
        return new ServedModel(name, engine, new PromptBuilder(engine), null);
    }

    ServedModel warmedUp(Warmup.Result result) {
        return new ServedModel(name, engine, prompts, result);
    }
}
