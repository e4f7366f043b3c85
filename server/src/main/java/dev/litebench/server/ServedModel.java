package dev.litebench.server;

import dev.litebench.engine.runtime.Engine;

/** A loaded model and its prompt builder, under the name clients address it by. */
record ServedModel(String name, Engine engine, PromptBuilder prompts) {

    static ServedModel of(String name, Engine engine) {
        return new ServedModel(name, engine, new PromptBuilder(engine));
    }
}
