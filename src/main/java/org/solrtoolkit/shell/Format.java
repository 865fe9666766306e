package org.solrtoolkit.shell;

import java.util.Locale;

/** Output format of list and inspect commands: a table for people, JSON or CSV for tools. */
enum Format {
    TABLE, JSON, CSV;

    /** The format the running command asked for, so the rehearsal banner keeps JSON and CSV clean. */
    private static final ThreadLocal<Format> ASKED = new ThreadLocal<>();

    /** The format the last command parsed (TABLE if none), forgotten once read. */
    static Format takeAsked() {
        Format f = ASKED.get();
        ASKED.remove();
        return f == null ? TABLE : f;
    }

    static Format parse(String text) {
        try {
            Format f = valueOf(text.trim().toUpperCase(Locale.ROOT));
            ASKED.set(f);
            return f;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format '" + text + "' is not one of table, json, csv");
        }
    }
}
