package dev.litebench.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Linux transparent huge pages (2 MiB) for model weights, through libc's {@code madvise} and {@code mmap} (FFM, no
 * native library of our own). A decode step streams every weight once: on 4 KiB pages that is a TLB miss every 4 KiB
 * and the prefetchers restart at each page boundary. Measured on the EPYC VM (docs/PERFORMANCE.md): Q8_0 decode about
 * 10% faster with the weights on 2 MiB pages, and a mapped file's pages faulted in 50 ms instead of 300. Everything
 * here degrades to "no huge pages" when the OS, the kernel's setting or native access says no.
 */
final class LargePages {
    static final long SIZE = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    private static final int MADV_DONTNEED = 4;
    private static final long PAGE = 4096;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Path SMAPS = Path.of("/proc/self/smaps");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private static final MethodHandle MADVISE, MMAP, MUNMAP;

    static {
        MethodHandle madvise = null, mmap = null, munmap = null;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            } catch (RuntimeException e) { // no such symbol, or native access refused
                madvise = mmap = munmap = null;
            }
        }
        MADVISE = madvise;
        MMAP = mmap;
        MUNMAP = munmap;
    }

    private LargePages() {}

    /** Whether anonymous memory asked for huge pages gets them: Linux with the kernel's THP set to always or madvise. */
    static boolean available() {
        if (MMAP == null) return false;
        try {
            String setting = Files.readString(THP_ENABLED);
            return setting.contains("[always]") || setting.contains("[madvise]");
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's estimate of memory available without swapping ({@code MemAvailable}), or -1 where unknown. */
    static long availableMemory() {
        try (Stream<String> lines = Files.lines(MEMINFO)) {
            return lines.filter(l -> l.startsWith("MemAvailable:")).findFirst()
                    .map(LargePages::kibibytes).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Asks for huge pages over the part of {@code s} that covers whole 2 MiB pages; false where the call failed. */
    static boolean advise(MemorySegment s) {
        if (MADVISE == null) return false;
        long start = alignUp(s.address()), end = (s.address() + s.byteSize()) & -SIZE;
        if (end <= start) return false;
        try {
            return (int) MADVISE.invokeExact(MemorySegment.ofAddress(start), end - start, MADV_HUGEPAGE) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Drops the whole 4 KiB pages of {@code s} from this process (on a file mapping they stay in the page cache and
     * fault back in if read again); does nothing where madvise is not available.
     */
    static void release(MemorySegment s) {
        if (MADVISE == null) return;
        long start = (s.address() + PAGE - 1) & -PAGE, end = (s.address() + s.byteSize()) & -PAGE;
        if (end <= start) return;
        try {
            int ignored = (int) MADVISE.invokeExact(MemorySegment.ofAddress(start), end - start, MADV_DONTNEED);
        } catch (Throwable e) {
            // the pages stay resident: memory, not correctness
        }
    }

    /**
     * {@code bytes} of anonymous memory starting on a 2 MiB boundary, asked for huge pages, unmapped when
     * {@code arena} closes; null where it cannot be had. Its pages are not touched yet.
     */
    static MemorySegment allocate(long bytes, Arena arena) {
        if (MMAP == null || MUNMAP == null) return null;
        long length = alignUp(bytes) + SIZE;
        MemorySegment raw;
        try {
            raw = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
        } catch (Throwable e) {
            return null;
        }
        if (raw.address() == -1L || raw.address() == 0) return null;
        long start = alignUp(raw.address());
        MemorySegment memory = MemorySegment.ofAddress(start).reinterpret(bytes, arena, s -> unmap(raw.address(), length));
        advise(memory);
        return memory;
    }

    private static void unmap(long address, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed", e);
        }
    }

    /**
     * Bytes of the mapping that holds {@code address} which the kernel maps with huge pages, from
     * {@code /proc/self/smaps} ({@code FilePmdMapped} plus {@code AnonHugePages}); -1 where that cannot be read.
     */
    static long hugeBytesAround(long address) {
        try (Stream<String> lines = Files.lines(SMAPS)) {
            Iterator<String> it = lines.iterator();
            boolean inside = false;
            long huge = 0;
            while (it.hasNext()) {
                String line = it.next();
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && isHex(line, 0, dash)) { // a mapping's header: start-end perms ...
                    if (inside) return huge;
                    long start = Long.parseUnsignedLong(line, 0, dash, 16), end = Long.parseUnsignedLong(line, dash + 1, space, 16);
                    inside = Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
                } else if (inside && (line.startsWith("FilePmdMapped:") || line.startsWith("AnonHugePages:"))) {
                    huge += kibibytes(line);
                }
            }
            return inside ? huge : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The bytes of a {@code Name:   1234 kB} line of {@code /proc/meminfo} or {@code smaps}. */
    private static long kibibytes(String line) {
        return 1024 * Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
        return true;
    }

    static long alignUp(long address) {
        return (address + SIZE - 1) & -SIZE;
    }
}
