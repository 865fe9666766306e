package org.solrtoolkit.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reading GBCS input and rendering what {@code gbcs decode} and {@code duis show} found. */
final class WireText {

    private WireText() {
    }

    static String verdict(Map<String, Object> fields, boolean failed, String format, String what) {
        String out = Format.parse(format) == Format.JSON ? Rendered.json(fields) : tree(fields, "");
        return BenchmarkVerdict.checked(out, !failed, what, System.out);
    }

    /** Hex (spaces allowed), base64, or a file holding either or the raw octets. */
    static byte[] octets(String input) {
        String text = input;
        Path p = Path.of(input.length() > 255 ? "." : input);
        if (input.length() <= 255 && Files.isRegularFile(p)) {
            try {
                byte[] raw = Files.readAllBytes(p);
                if (raw.length > 0 && ((raw[0] & 0xFF) == 0xDD || (raw[0] & 0xFF) == 0xDF)) {
                    return raw;
                }
                text = new String(raw, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UsageException("--message " + input + " cannot be read: " + e.getMessage());
            }
        }
        String compact = text.replaceAll("\\s", "");
        if (compact.matches("(?i)[0-9a-f]+") && compact.length() % 2 == 0) {
            return HexFormat.of().parseHex(compact);
        }
        try {
            return java.util.Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--message is neither hex nor base64 nor a readable file: give the GBCS message"
                    + " as hex (DD00... or DF09...), base64, or a file");
        }
    }

    /** Nested fields as indented text. */
    static String tree(Map<String, ?> fields, String indent) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(indent).append(k.replace('_', ' ')).append(':');
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> sub = (Map<String, ?>) m;
                sb.append('\n').append(tree(sub, indent + "  "));
            } else if (v instanceof List<?> list) {
                for (Object item : list) {
                    sb.append('\n').append(indent).append("  -");
                    if (item instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> sub = (Map<String, ?>) m;
                        sb.append('\n').append(tree(sub, indent + "    "));
                    } else {
                        sb.append(' ').append(item);
                    }
                }
            } else {
                sb.append(' ').append(v);
            }
        });
        return sb.toString();
    }
}
