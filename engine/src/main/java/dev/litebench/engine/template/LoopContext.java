package dev.litebench.engine.template;

import java.util.List;
import java.util.Map;

/** The {@code loop} variable inside a for loop: index, first/last, previtem/nextitem, cycle(), changed(). */
final class LoopContext implements PyObject, PyCallable {
    private final List<Object> items;
    private final int depth0;
    private final PyCallable recurse;
    private int index0;
    private Object lastChanged = NOTHING;

    private static final Object NOTHING = new Object();

    /** @param recurse renders the loop body over another iterable, for {@code recursive} loops; else null */
    LoopContext(List<Object> items, int depth0, PyCallable recurse) {
        this.items = items;
        this.depth0 = depth0;
        this.recurse = recurse;
    }

    void moveTo(int index0) {
        this.index0 = index0;
    }

    int index0() {
        return index0;
    }

    int length() {
        return items.size();
    }

    @Override
    public Object attribute(String name) {
        int n = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (n - index0);
            case "revindex0" -> (long) (n - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == n - 1;
            case "length" -> (long) n;
            case "depth" -> (long) depth0 + 1;
            case "depth0" -> (long) depth0;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : new Undefined("there is no previous item");
            case "nextitem" -> index0 < n - 1 ? items.get(index0 + 1) : new Undefined("there is no next item");
            case "cycle" -> (PyCallable) (args, kwargs) -> {
                if (args.isEmpty()) {
                    throw new PyException("no items for cycling given");
                }
                return args.get(index0 % args.size());
            };
            case "changed" -> (PyCallable) (args, kwargs) -> {
                PyTuple value = new PyTuple(args);
                if (lastChanged != NOTHING && PyValues.eq(lastChanged, value)) {
                    return false;
                }
                lastChanged = value;
                return true;
            };
            default -> Undefined.attribute(this, name);
        };
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        if (recurse == null) {
            throw new PyException("The loop must be marked as recursive to be called");
        }
        return recurse.call(args, kwargs);
    }
}
