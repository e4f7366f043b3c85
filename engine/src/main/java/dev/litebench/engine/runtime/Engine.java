package dev.litebench.engine.runtime;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.WeightMemory;
import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.model.ForwardPass;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.ModelConfig;
import dev.litebench.engine.model.Transformer;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.nio.file.Path;

/**
 * A loaded model ready to generate: the mapped file, tokenizer, compute threads, KV pool and the scheduler thread
 * that serves every submitted request with continuous batching.
 */
public final class Engine implements AutoCloseable {
    private final GGUFFile file;
    private final Transformer model;
    private final Tokenizer tokenizer;
    private final Compute compute;
    private final KVCache cache;
    private final Scheduler scheduler;
    private final EngineOptions options;
    private final int contextSize;

    private Engine(GGUFFile file, Transformer model, Tokenizer tokenizer, EngineOptions options) {
        this.file = file;
        this.model = model;
        this.tokenizer = tokenizer;
        this.options = options;
        ModelConfig c = model.config();
        this.contextSize = options.contextSize() == 0 ? c.contextLength() : Math.min(options.contextSize(), c.contextLength());
        int kvTokens = options.kvCacheTokens() > 0 ? options.kvCacheTokens() : contextSize * options.parallel();
        this.compute = new Compute(options.threads(), Math.max(c.hidden(), Math.max(c.qDim(), c.ffn())));
        this.cache = new KVCache(c, kvTokens);
        ForwardPass pass = new ForwardPass(c, model.weights(), compute, Math.max(options.batchTokens(), options.parallel()));
        this.scheduler = new Scheduler(pass, cache, tokenizer, options, contextSize);
        scheduler.start();
    }

    /** Opens {@code path}, checks the model and its tokenizer agree, and starts the scheduler. */
    public static Engine load(Path path, EngineOptions options) {
        GGUFFile file = GGUFFile.open(path, options.weightMemory());
        try {
            Transformer model = Transformer.load(file);
            Tokenizer tokenizer = Tokenizer.fromGguf(file.meta());
            if (tokenizer.vocabSize() > model.config().vocabSize()) {
                throw new BadInputException(path + ": the tokenizer has " + tokenizer.vocabSize()
                        + " tokens but the embedding only " + model.config().vocabSize() + " rows");
            }
            return new Engine(file, model, tokenizer, options);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return model.config();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public EngineOptions options() {
        return options;
    }

    public Path path() {
        return file.path();
    }

    /** Where the weights are, and the share of them on 2 MiB pages as probed at load. */
    public WeightMemory.Placement weightPlacement() {
        return file.placement();
    }

    /** The model's Jinja chat template, or null when the file has none. */
    public String chatTemplate() {
        return file.meta().string("tokenizer.chat_template", null);
    }

    /** Tokens one sequence may hold (prompt + output). */
    public int contextSize() {
        return contextSize;
    }

    public KVCache cache() {
        return cache;
    }

    /** Requests being decoded now. */
    public int running() {
        return scheduler.running();
    }

    /** The interleaved weight-row streams decode steps read, as measured on the first of them; 0 until then. */
    public int rowStreams() {
        return compute.rowStreams();
    }

    /** Requests waiting for a slot or KV space. */
    public int waiting() {
        return scheduler.waiting();
    }

    /**
     * Queues a generation; the listener is called on the scheduler thread. Throws {@link ContextOverflowException}
     * for a prompt that can never fit and {@link QueueFullException} when the queue is full.
     */
    public Submission submit(GenerationRequest request, GenerationListener listener) {
        return scheduler.submit(request, listener);
    }

    @Override
    public void close() {
        scheduler.stop();
        compute.close();
        file.close();
    }
}
