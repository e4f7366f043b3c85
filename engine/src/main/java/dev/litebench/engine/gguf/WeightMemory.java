package dev.litebench.engine.gguf;

import java.util.Locale;

/**
 * Where a model's tensor data stays while the engine computes with it ({@link GGUFFile#open(java.nio.file.Path, WeightMemory)}).
 * On 2 MiB pages decode reads the weights about 10% faster than on 4 KiB ones (docs/PERFORMANCE.md). A mapped file
 * is on 2 MiB pages when the kernel read it into the page cache in 2 MiB pieces (files read from disk on recent
 * kernels); a file still cached from being written sits mostly in 4 KiB pages.
 */
public enum WeightMemory {
    /**
     * Mapped where the page cache holds the file in 2 MiB pages; else copied into anonymous 2 MiB pages where the
     * kernel gives them and the copy leaves 1 GiB of memory available; else mapped.
     */
    AUTO,
    /** Always mapped from the file, as llama.cpp does by default. */
    MAP,
    /** Always read into anonymous memory, as llama.cpp's {@code --no-mmap}; on 2 MiB pages where the kernel gives them. */
    COPY;

    /** "auto", "map" or "copy", as the CLI spells them. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy spelled {@code id}; an IllegalArgumentException listing the choices otherwise. */
    public static WeightMemory byId(String id) {
        for (WeightMemory m : values()) if (m.id().equals(id.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("--weight-memory must be auto, map or copy, not '" + id + "'");
    }

    /**
     * Where a file's tensor data ended up: mapped or {@code copied}, and the share of it the kernel maps with 2 MiB
     * pages ({@code hugeShare}, 0 to 1, from the pages probed at load; null where that could not be learned).
     */
    public record Placement(boolean copied, Double hugeShare) {
        /** e.g. "mapped from the file, 2 MiB pages", "mapped from the file, 75% in 2 MiB pages". */
        public String describe() {
            String pages = hugeShare == null ? "page size unknown" : hugeShare >= 1 ? "2 MiB pages" : hugeShare <= 0 ? "4 KiB pages"
                    : String.format(Locale.ROOT, "%.0f%% in 2 MiB pages", 100 * hugeShare);
            return (copied ? "copied into anonymous memory" : "mapped from the file") + ", " + pages;
        }
    }
}
