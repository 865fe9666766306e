package org.solrtoolkit.shell;

import java.util.Locale;

/** Output format of list and inspect commands: a table for people, JSON or CSV for tools. */
enum Format {
    TABLE, JSON, CSV;

    static Format parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format '" + text + "' is not one of table, json, csv");
        }
    }
}
