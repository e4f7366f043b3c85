package dev.litebench.bench.targets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a model file, computed on a background thread so a large file does not delay the measurements. */
final class ModelDigest {
    private final Path file;
    private volatile String sha256;
    private volatile Long size;

    private ModelDigest(Path file) {
        this.file = file;
    }

    static ModelDigest start(Path file) {
        ModelDigest d = new ModelDigest(file);
        Thread.ofVirtual().name("model-digest").start(d::compute);
        return d;
    }

    private void compute() {
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            sha256 = HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            // left null: the file is unreadable, which the server will say more clearly
        }
    }

    /** Null until computed. */
    String sha256() {
        return sha256;
    }

    Long size() {
        return size;
    }
}
