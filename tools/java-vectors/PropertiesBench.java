// The Java anchor rows of `npm run bench`: java.util.Properties.load of a template (from a String,
// as Herald's "parse (string)" row) and AEM-style rendering with a regular expression
// (Matcher.appendReplacement over ${name}), JIT-warm. Prints one JSON object.
//
//   javac -d /tmp/pb tools/java-vectors/PropertiesBench.java
//   java -cp /tmp/pb PropertiesBench <template.properties> [name=value ...]

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class PropertiesBench {
    static long sink;
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^\\s{}$]+)\\}");

    interface Op { Object run() throws Exception; }

    /** Median ns per op of five 200 ms batches, after a 1.5 s warm-up (C2 compiled). */
    static double measure(Op op) throws Exception {
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warmEnd) for (int i = 0; i < 100; i++) sink += op.run().hashCode();
        double[] rates = new double[5];
        for (int b = 0; b < 5; b++) {
            long n = 0, start = System.nanoTime(), now = start;
            while (now - start < 200_000_000L) {
                for (int i = 0; i < 100; i++) sink += op.run().hashCode();
                n += 100;
                now = System.nanoTime();
            }
            rates[b] = (now - start) / (double) n;
        }
        Arrays.sort(rates);
        return rates[2];
    }

    static String render(String text, Map<String, String> data) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String v = data.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        Map<String, String> data = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            data.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        double parse = measure(() -> {
            Properties p = new Properties();
            p.load(new StringReader(text));
            return p;
        });
        Properties p = new Properties();
        p.load(new StringReader(text));
        String subject = p.getProperty("subject", "");
        String body = p.getProperty("header", "") + p.getProperty("message", "") + p.getProperty("footer", "");
        double render = measure(() -> render(subject, data) + render(body, data));
        System.out.println("{\"java\":\"" + System.getProperty("java.version") + "\",\"parseNs\":" + parse + ",\"renderNs\":" + render + ",\"sink\":" + (sink == 42 ? 1 : 0) + "}");
    }
}
