// Records what java.util.Properties.load makes of each vector input, as the reference for
// Herald's TypeScript reader (lib/templates/properties.ts).
//
// For every <name>.properties in the given directories it writes <name>.expected.json:
//   {"java":"17.0.15","ok":true,"entries":[["key","value"],...]}       entries sorted by key
//   {"java":"17.0.15","ok":false,"exception":"java.lang.IllegalArgumentException","message":"..."}
// Non-ASCII and control characters are written as \\uXXXX escapes, so lone surrogates survive.
//
//   javac -d /tmp/java-vectors tools/java-vectors/PropertiesVectors.java
//   java -cp /tmp/java-vectors PropertiesVectors lib/templates/__vectors__/{reader,writer,fuzz}

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

public final class PropertiesVectors {
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java PropertiesVectors <dir>...");
            System.exit(2);
        }
        int count = 0;
        for (String d : args) {
            File dir = new File(d);
            File[] files = dir.listFiles((f, name) -> name.endsWith(".properties"));
            if (files == null) throw new IOException("not a directory: " + dir);
            Arrays.sort(files);
            for (File f : files) {
                String base = f.getName().substring(0, f.getName().length() - ".properties".length());
                String json = load(f);
                Files.write(new File(dir, base + ".expected.json").toPath(), json.getBytes(StandardCharsets.UTF_8));
                count++;
            }
        }
        System.out.println("wrote " + count + " expected outputs with Java " + System.getProperty("java.version"));
    }

    private static String load(File f) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("{\"java\":").append(quote(System.getProperty("java.version")));
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(f);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IllegalArgumentException e) {
            out.append(",\"ok\":false,\"exception\":").append(quote(e.getClass().getName()));
            out.append(",\"message\":").append(quote(String.valueOf(e.getMessage()))).append("}\n");
            return out.toString();
        }
        List<String> keys = new ArrayList<>(p.stringPropertyNames());
        Collections.sort(keys); // String.compareTo: UTF-16 code unit order, as JavaScript's sort
        out.append(",\"ok\":true,\"entries\":[");
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            if (i > 0) out.append(',');
            out.append("\n  [").append(quote(k)).append(',').append(quote(p.getProperty(k))).append(']');
        }
        out.append(keys.isEmpty() ? "]}\n" : "\n]}\n");
        return out.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') b.append("\\\"");
            else if (c == '\\') b.append("\\\\");
            else if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.append('"').toString();
    }
}
