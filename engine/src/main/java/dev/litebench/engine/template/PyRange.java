package dev.litebench.engine.template;

import java.util.AbstractList;

/** What {@code range(...)} returns: a lazy sequence of ints, printed as {@code range(0, 3)}. */
final class PyRange extends AbstractList<Object> {
    private final long start;
    private final long stop;
    private final long step;
    private final int size;

    PyRange(long start, long stop, long step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
        long n = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                : (start > stop ? (start - stop - 1) / -step + 1 : 0);
        this.size = (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The elements {@code from}, {@code from + by}, ... before {@code to}, as Python's range slicing gives them. */
    PyRange slice(long from, long to, long by) {
        return new PyRange(start + from * step, start + to * step, step * by);
    }

    @Override
    public Object get(int index) {
        return start + index * step;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "range(" + start + ", " + stop + (step == 1 ? ")" : ", " + step + ")");
    }
}
