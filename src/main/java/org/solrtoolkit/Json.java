package org.solrtoolkit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The toolkit's one Jackson mapper, made on first use: Jackson (some 375 classes) then starts only in
 * a command that reads or writes JSON, not in every one-shot command (issue 13). It is configured
 * once, here, and never changed afterwards, so it is safe to share between threads.
 */
public final class Json {

    private Json() {
    }

    /** The shared mapper: Jackson's defaults; pretty output through {@code writerWithDefaultPrettyPrinter()}. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
