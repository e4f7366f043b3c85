package dev.litebench.bench.http;

/**
 * Where a transport's arrival timestamps came from.
 *
 * @param source             {@link #KERNEL}: the kernel's receive time of the bytes (SO_TIMESTAMPNS);
 *                           {@link #READ_LOOP}: the client's reading thread, when its read returned (for TLS,
 *                           of the ciphertext that completed a record)
 * @param kernelStampedReads reads that carried the kernel's stamp
 * @param selfStampedReads   reads stamped by the client itself when they returned
 * @param note               why the kernel does not stamp, where it does not
 */
public record ArrivalStamps(String source, long kernelStampedReads, long selfStampedReads, String note) {
    public static final String KERNEL = "kernel";
    public static final String READ_LOOP = "read-loop";

    /** One line for logs and reports. */
    public String describe() {
        return switch (source) {
            case KERNEL -> selfStampedReads == 0 ? "kernel receive time"
                    : "kernel receive time (" + selfStampedReads + " of " + (kernelStampedReads + selfStampedReads) + " reads came without one and were stamped at the read)";
            default -> "time the read loop's read returned" + (note == null ? "" : " (" + note + ")");
        };
    }
}
