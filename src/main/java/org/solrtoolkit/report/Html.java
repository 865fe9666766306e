package org.solrtoolkit.report;

/** Escaping for text put into HTML and SVG, and the report page's stylesheet. */
final class Html {

    private Html() {
    }

    /** The report page's stylesheet (print-friendly; a rehearsal marked on every page). */
    static final String CSS = "body{font-family:sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;"
            + "color:#212121}h1{font-size:1.6em}h2{border-bottom:1px solid #bdbdbd;margin-top:1.6em}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #e0e0e0;padding:.25em .5em;"
            + "text-align:left;font-size:.9em;vertical-align:top}table.kv th{background:#f5f5f5}"
            // ids, times, roles, operators and serials never break inside: only the last column (free
            // text: a title, reason or note) wraps (issue 14)
            + "th,td:not(:last-child){white-space:nowrap}"
            + "tr.late td{color:#c62828}.ok{background:#e8f5e9;padding:.6em;border-left:6px solid #2e7d32}"
            + ".broken{background:#ffebee;padding:.6em;border-left:6px solid #c62828;font-weight:bold}"
            + ".rehearsal-mark{position:fixed;top:0;left:0;right:0;background:#6a1b9a;color:#fff;text-align:center;"
            + "font-weight:bold;padding:.3em;letter-spacing:.1em;z-index:10}"
            + "body:has(.rehearsal-mark){padding-top:2em}footer{margin-top:2em;color:#757575;font-size:.85em}"
            + "code{font-size:.9em;overflow-wrap:anywhere}svg{max-width:100%;height:auto;display:block}"
            + "@media print{.rehearsal-mark{position:fixed;top:0}h2{break-after:avoid}}";

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
