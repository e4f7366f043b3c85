package dev.litebench.engine.gguf;

import java.util.List;

/**
 * One typed metadata value. Scalars hold Integer (UINT8..INT32 except UINT32), Long (UINT32, UINT64, INT64),
 * Float, Double, Boolean or String; arrays hold a {@link GGUFArray}. The GGUF type is kept so that a value can
 * be written back exactly as it was read.
 */
public record MetadataValue(GGUFValueType type, Object value) {

    public static MetadataValue string(String s) {
        return new MetadataValue(GGUFValueType.STRING, s);
    }

    public static MetadataValue uint32(long v) {
        return new MetadataValue(GGUFValueType.UINT32, v);
    }

    public static MetadataValue int32(int v) {
        return new MetadataValue(GGUFValueType.INT32, v);
    }

    public static MetadataValue float32(float v) {
        return new MetadataValue(GGUFValueType.FLOAT32, v);
    }

    public static MetadataValue bool(boolean v) {
        return new MetadataValue(GGUFValueType.BOOL, v);
    }

    public static MetadataValue strings(List<String> values) {
        return new MetadataValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.STRING, values.toArray(String[]::new)));
    }

    public static MetadataValue int32s(int[] values) {
        return new MetadataValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.INT32, values));
    }

    /** A short human-readable rendering; long arrays are summarised. */
    @Override
    public String toString() {
        return switch (value) {
            case GGUFArray a -> a.toString();
            case String s -> s.length() > 60 ? '"' + s.substring(0, 57).replace("\n", "\\n") + "...\" (" + s.length() + " chars)"
                    : '"' + s.replace("\n", "\\n") + '"';
            default -> String.valueOf(value);
        };
    }
}
