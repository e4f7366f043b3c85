package dev.litebench.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Chart.js's UMD bundle from its WebJar on the class path, license header included, for inlining into report.html. */
final class ChartJs {
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private ChartJs() {}

    static String source() {
        ClassLoader loader = ChartJs.class.getClassLoader();
        try (InputStream props = loader.getResourceAsStream(WEBJAR)) {
            if (props == null) throw new IllegalStateException("the Chart.js WebJar is not on the class path");
            Properties p = new Properties();
            p.load(props);
            String path = "META-INF/resources/webjars/chart.js/" + p.getProperty("version") + "/dist/chart.umd.js";
            try (InputStream js = loader.getResourceAsStream(path)) {
                if (js == null) throw new IllegalStateException(path + " missing from the Chart.js WebJar");
                return new String(js.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
